package dev.targo.translator;

import dev.targo.argo.Templating;
import dev.targo.argo.TemplatingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code spec.workflowMetadata}: the labels and annotations Argo's controller adds to the {@code
 * Workflow} itself when it starts it, over those of {@code metadata} ({@code
 * updateWorkflowMetadata}). A {@code labelsFrom} expression is evaluated here, at submission, over
 * the workflow's parameters ({@code workflow.parameters.NAME}), which are all known by then.
 */
final class WorkflowMetadataPlanner {
  private WorkflowMetadataPlanner() {}

  static Map<String, String> labels(
      Map<String, String> metadata,
      Raw.WorkflowMetadata raw,
      Map<String, String> arguments,
      Problems problems) {
    if (raw.labels().isEmpty() && raw.labelsFrom().isEmpty()) {
      return metadata;
    }
    Map<String, String> labels = new LinkedHashMap<>(metadata);
    labels.putAll(Labels.check(raw.labels(), true, problems));
    Map<String, String> vars = new LinkedHashMap<>();
    arguments.forEach((name, value) -> vars.put("workflow.parameters." + name, value));
    for (Map.Entry<Str, Str> e : raw.labelsFrom().entrySet()) {
      Str expression = e.getValue();
      String value;
      try {
        value = Templating.substitute("{{=" + expression.value() + "}}", vars);
      } catch (TemplatingException ex) {
        problems.add(expression.pos(), Code.INVALID_VALUE, ex.getMessage());
        continue;
      }
      if (value.contains("{{=")) {
        problems.add(
            expression.pos(),
            Code.INVALID_VALUE,
            "`"
                + expression.value()
                + "` cannot be evaluated at submission: a label's expression may use only"
                + " `workflow.parameters.*`");
        continue;
      }
      String problem = KubeNames.labelValue(value);
      if (problem != null) {
        problems.add(
            expression.pos(), Code.INVALID_VALUE, "label `" + e.getKey().value() + "`: " + problem);
        continue;
      }
      String keyProblem = KubeNames.key(e.getKey().value());
      if (keyProblem != null) {
        problems.add(e.getKey().pos(), Code.INVALID_VALUE, keyProblem);
      }
      labels.put(e.getKey().value(), value);
    }
    return labels;
  }

  static Map<String, String> annotations(
      Map<String, String> metadata, Raw.WorkflowMetadata raw, Problems problems) {
    if (raw.annotations().isEmpty()) {
      return metadata;
    }
    Map<String, String> annotations = new LinkedHashMap<>(metadata);
    annotations.putAll(Labels.check(raw.annotations(), false, problems));
    return annotations;
  }
}
