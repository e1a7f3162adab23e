package dev.targo.translator;

import dev.targo.argo.plan.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code spec.arguments.parameters} with the command line's {@code -p name=value} applied as {@code
 * argo submit -p} does: an override replaces the value of the argument of its name, and a name the
 * file does not declare becomes a new argument. Every argument then needs a value.
 */
final class Arguments {
  private Arguments() {}

  /** A {@code {{workflow.parameters…}}} reference: one parameter, or every one (JSON). */
  private static final Pattern READ =
      Pattern.compile("\\{\\{\\s*workflow\\.parameters(?:\\.([-A-Za-z0-9_]+))?\\s*}}");

  /**
   * Reports each {@code -p} that names no declared argument and that nothing in the file reads.
   * Argo adds such a parameter and runs, so a misspelt {@code -p mesage=hi} silently leaves {@code
   * message} at its default; targo refuses it. An undeclared {@code -p} that the file does read
   * ({@code {{workflow.parameters.NAME}}}, or all of them as {@code {{workflow.parameters}}} or
   * {@code .json}) is added as Argo adds it, so every workflow Argo runs still runs.
   */
  static void checkUnread(
      Raw.Spec spec, Map<String, String> overrides, String text, Problems problems) {
    Set<String> declared = new LinkedHashSet<>();
    spec.arguments().forEach(p -> declared.add(p.name().value()));
    Set<String> read = new HashSet<>();
    boolean readsAll = false;
    Matcher m = READ.matcher(text);
    while (m.find()) {
      if (m.group(1) == null || m.group(1).equals("json")) {
        readsAll = true;
      } else {
        read.add(m.group(1));
      }
    }
    for (String name : overrides.keySet()) {
      if (declared.contains(name) || read.contains(name) || readsAll) {
        continue;
      }
      String suggestion = Suggest.didYouMean(name, declared);
      String hint =
          declared.isEmpty()
              ? "; this workflow declares no parameters"
              : !suggestion.isEmpty() ? suggestion : "; it declares " + String.join(", ", declared);
      problems.add(
          spec.pos(),
          Code.UNKNOWN_PARAMETER,
          "`-p "
              + name
              + "=…` names no parameter of `spec.arguments.parameters`, and nothing reads"
              + " `{{workflow.parameters."
              + name
              + "}}`"
              + hint);
    }
  }

  static List<Parameter> resolve(
      List<Raw.Parameter> raw, Map<String, String> overrides, Problems problems) {
    Map<String, Parameter> arguments = new LinkedHashMap<>();
    for (Raw.Parameter p : raw) {
      String name = p.name().value();
      String invalid = KubeNames.parameterName(name);
      if (invalid != null) {
        problems.add(p.name().pos(), Code.INVALID_VALUE, invalid);
      }
      if (arguments.containsKey(name)) {
        problems.add(
            p.name().pos(),
            Code.DUPLICATE_NAME,
            "workflow argument `" + name + "` is declared twice");
        continue;
      }
      String override = overrides.get(name);
      Parameter parameter =
          new Parameter(
              name,
              override != null ? override : text(p.value()),
              text(p.defaultValue()),
              text(p.description()),
              p.enumValues() == null ? List.of() : p.enumValues().stream().map(Str::value).toList(),
              p.configMap());
      check(p, parameter, override != null, problems);
      arguments.put(name, parameter);
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      arguments.putIfAbsent(o.getKey(), Parameter.of(o.getKey(), o.getValue()));
    }
    return new ArrayList<>(arguments.values());
  }

  private static void check(
      Raw.Parameter raw, Parameter parameter, boolean overridden, Problems problems) {
    String name = parameter.name();
    String value = parameter.effectiveValue();
    if (value == null && raw.valueFrom()) {
      // The workflow reads it from its ConfigMap when it starts (or `valueFrom` was reported).
      return;
    }
    if (value == null) {
      problems.add(
          raw.name().pos(),
          Code.MISSING_VALUE,
          "spec.arguments."
              + name
              + ".value is required: give it a `value` or a `default`, or"
              + " pass `-p "
              + name
              + "=…`");
      return;
    }
    if (raw.enumValues() == null) {
      return;
    }
    if (raw.enumValues().isEmpty()) {
      problems.add(
          raw.pos(),
          Code.INVALID_VALUE,
          "spec.arguments." + name + ".enum should contain at least one value");
      return;
    }
    if (raw.enumValues().stream().noneMatch(e -> e.value().equals(value))) {
      Str written = raw.value() != null ? raw.value() : raw.defaultValue();
      Pos at = overridden || written == null ? raw.name().pos() : written.pos();
      problems.add(
          at,
          Code.INVALID_VALUE,
          "spec.arguments."
              + name
              + ".value should be present in spec.arguments."
              + name
              + ".enum list (`"
              + value
              + "` is not one of "
              + raw.enumValues()
              + ")");
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
