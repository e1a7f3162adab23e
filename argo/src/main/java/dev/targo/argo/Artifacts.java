package dev.targo.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.OutputParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Artifact references: what {@code {{steps.X.outputs.artifacts.Y}}} stands for, and how a called
 * template's {@code inputs.artifacts} are bound to its caller's {@code arguments.artifacts} (Argo's
 * {@code ProcessArgs} and {@code resolveArtifact}). A reference is the artifact's location (its
 * name, {@code raw} data or {@code s3} key) as JSON text, so that it travels in the same
 * string-valued scopes as parameters; never its bytes. Pure.
 */
public final class Artifacts {
  private Artifacts() {}

  /** The scope key of an input artifact's location. */
  public static String inputKey(String name) {
    return "inputs.artifacts." + name;
  }

  /** The reference text of {@code artifact}'s location. */
  public static String reference(Artifact artifact) {
    try {
      return Json.mapper().writeValueAsString(artifact.location());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The artifact a reference text names, or null when the text is no reference. */
  public static Artifact parse(String text) {
    if (text == null || !text.startsWith("{")) {
      return null;
    }
    try {
      Artifact a = Json.mapper().readValue(text, Artifact.class);
      return a.hasLocation() ? a : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * The bound inputs, or why the call cannot be made.
   *
   * @param vars {@code inputs.artifacts.X} (the location) and {@code inputs.artifacts.X.path} of
   *     each input that has one
   * @param missing Argo's message when a required input has no location, else null
   */
  public record Binding(SortedMap<String, String> vars, String missing) {}

  /**
   * Binds {@code inputs} to {@code arguments} (already substituted): the argument of the same name
   * ({@code from}, or its own {@code raw} or {@code s3}), else the input's own location; an input
   * without one is an error unless it is {@code optional}.
   */
  public static Binding bind(List<Artifact> inputs, List<Artifact> arguments) {
    SortedMap<String, String> vars = new TreeMap<>();
    for (Artifact input : inputs) {
      // Its own location is substituted with the template, per attempt.
      Artifact location = null;
      for (Artifact arg : arguments) {
        if (!arg.name().equals(input.name())) {
          continue;
        }
        if (arg.from() != null) {
          Artifact from = parse(arg.from());
          if (from == null) {
            return new Binding(
                vars, "Unable to resolve: \"" + arg.from() + "\" for artifact " + arg.name());
          }
          location = from.withSubPath(arg.subPath());
        } else if (arg.hasLocation()) {
          location = arg;
        }
      }
      if (location == null && !input.hasLocation() && !input.mayBeMissing()) {
        return new Binding(vars, "inputs.artifacts." + input.name() + " was not supplied");
      }
      if (location != null) {
        vars.put(inputKey(input.name()), reference(location));
      }
    }
    return new Binding(vars, null);
  }

  /**
   * {@code vars} with {@code inputs.artifacts.X.path}, {@code outputs.artifacts.X.path} and {@code
   * outputs.parameters.X.path} of the template (Argo's {@code substitutePaths}, which adds them to
   * a pod template's scope).
   */
  public static Map<String, String> withPaths(
      List<Artifact> inputs,
      List<Artifact> outputs,
      List<OutputParameter> parameters,
      Map<String, String> vars) {
    boolean paths = parameters.stream().anyMatch(p -> p.path() != null);
    if (inputs.isEmpty() && outputs.isEmpty() && !paths) {
      return vars;
    }
    Map<String, String> out = new TreeMap<>(vars);
    for (OutputParameter p : parameters) {
      if (p.path() != null) {
        out.put("outputs.parameters." + p.name() + ".path", p.path());
      }
    }
    for (Artifact a : inputs) {
      if (a.path() != null) {
        out.put(inputKey(a.name()) + ".path", a.path());
      }
    }
    for (Artifact a : outputs) {
      if (a.path() != null) {
        out.put("outputs.artifacts." + a.name() + ".path", a.path());
      }
    }
    return out;
  }

  /**
   * A template's {@code inputs.artifacts} for one attempt: substituted, each placed at the location
   * its call bound ({@code inputs.artifacts.X} in {@code vars}) when there is one.
   */
  public static List<Artifact> boundInputs(
      List<Artifact> inputs, Map<String, String> vars, UnaryOperator<String> s) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact input : inputs) {
      Artifact substituted = input.substituted(s);
      Artifact bound = parse(vars.get(inputKey(input.name())));
      out.add(bound == null ? substituted : substituted.locatedAt(bound));
    }
    return out;
  }
}
