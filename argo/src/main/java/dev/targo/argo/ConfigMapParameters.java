package dev.targo.argo;

import dev.targo.argo.plan.ConfigMapKeyRef;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Parameters whose value is a key of a ConfigMap ({@code valueFrom.configMapKeyRef}), read when the
 * workflow starts. A workflow argument takes the value (Argo's {@code setGlobalParameters}); an
 * input parameter takes it as its default, so that an argument passed to it still wins (Argo's
 * {@code ProcessArgs}: {@code overwriteWithArguments}, then {@code
 * substituteAndGetConfigMapValue}). Where the ConfigMap or its key is missing, {@code
 * valueFrom.default} is used, or the workflow ends in Error with Argo's message. Pure.
 *
 * <p><b>targo:</b> an input's ConfigMap is read at the workflow's start, not when its template
 * runs, so a ConfigMap changed during the run is seen as it was at the start, and a missing one
 * ends the workflow before anything runs.
 */
public final class ConfigMapParameters {
  private ConfigMapParameters() {}

  /** The plan with every ConfigMap value in place, or why the workflow cannot start. */
  public record Resolved(WorkflowPlan plan, String problem) {}

  /** The names of the ConfigMaps the plan reads, sorted; empty when it reads none. */
  public static List<String> configMaps(WorkflowPlan plan) {
    TreeSet<String> names = new TreeSet<>();
    for (Parameter p : plan.arguments()) {
      if (p.configMapKeyRef() != null && p.value() == null) {
        names.add(p.configMapKeyRef().name());
      }
    }
    for (Template t : plan.templates().values()) {
      for (Parameter p : t.inputs()) {
        if (p.configMapKeyRef() != null) {
          names.add(p.configMapKeyRef().name());
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * {@code plan} with the values of {@code data} (ConfigMap name to its data; a ConfigMap that does
   * not exist is absent).
   */
  public static Resolved resolve(WorkflowPlan plan, Map<String, Map<String, String>> data) {
    List<Parameter> arguments = new ArrayList<>();
    for (Parameter p : plan.arguments()) {
      ConfigMapKeyRef ref = p.configMapKeyRef();
      if (ref == null || p.value() != null) {
        arguments.add(p);
        continue;
      }
      String value = value(ref, data);
      if (value == null) {
        return new Resolved(
            null,
            "failed to set global parameter "
                + p.name()
                + " from configmap with name "
                + ref.name()
                + " and key "
                + ref.key()
                + ": "
                + missing(ref, data));
      }
      arguments.add(
          new Parameter(p.name(), value, p.defaultValue(), p.description(), p.enumValues()));
    }
    Map<String, Template> templates = new LinkedHashMap<>();
    for (Template t : plan.templates().values()) {
      List<Parameter> inputs = new ArrayList<>();
      boolean changed = false;
      for (Parameter p : t.inputs()) {
        ConfigMapKeyRef ref = p.configMapKeyRef();
        if (ref == null) {
          inputs.add(p);
          continue;
        }
        String value = value(ref, data);
        if (value == null) {
          return new Resolved(
              null,
              "unable to retrieve inputs.parameters."
                  + p.name()
                  + " from ConfigMap: "
                  + missing(ref, data));
        }
        inputs.add(new Parameter(p.name(), p.value(), value, p.description(), p.enumValues()));
        changed = true;
      }
      templates.put(t.name(), changed ? t.withInputs(inputs) : t);
    }
    return new Resolved(plan.withArgumentsAndTemplates(arguments, templates), null);
  }

  private static String value(ConfigMapKeyRef ref, Map<String, Map<String, String>> data) {
    Map<String, String> map = data.get(ref.name());
    String value = map == null ? null : map.get(ref.key());
    return value != null ? value : ref.defaultValue();
  }

  /** Argo's words ({@code GetConfigMapValue}) for a ConfigMap or key that is not there. */
  private static String missing(ConfigMapKeyRef ref, Map<String, Map<String, String>> data) {
    return data.containsKey(ref.name())
        ? "ConfigMap '" + ref.name() + "' does not have the key '" + ref.key() + "'"
        : "ConfigMap '" + ref.name() + "' does not exist";
  }
}
