package dev.targo.translator;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code {{…}}} variables one string may use, and enough about where it is to explain a
 * reference that is not among them: which steps or tasks exist in its template and which of those
 * it can see, whether it is inside a loop or the exit handler.
 */
final class Scope {
  /**
   * In {@link #names}: any {@code workflow.parameters.NAME} is allowed, as in a WorkflowTemplate,
   * whose workflow parameters may come from the workflow that refers to it (Argo's {@code
   * resolveAllVariables} leaves them unchecked under {@code workflowTemplateValidation}).
   */
  static final String ANY_WORKFLOW_PARAMETER = "workflow.parameters.*";

  final Set<String> names = new LinkedHashSet<>();

  /** {@code withParam}: {@code item} and any {@code item.field}, known only at run time. */
  boolean anyItemField;

  boolean loop;
  boolean exitHandler;

  /** {@code steps} or {@code tasks} inside a steps or dag template, else null. */
  String siblingPrefix;

  Set<String> siblings = Set.of();
  Set<String> visible = Set.of();

  Scope copy() {
    Scope c = new Scope();
    c.names.addAll(names);
    c.anyItemField = anyItemField;
    c.loop = loop;
    c.exitHandler = exitHandler;
    c.siblingPrefix = siblingPrefix;
    c.siblings = siblings;
    c.visible = visible;
    return c;
  }

  boolean allows(String name) {
    return names.contains(name)
        || (name.startsWith("workflow.parameters.") && names.contains(ANY_WORKFLOW_PARAMETER))
        || (anyItemField && (name.equals("item") || name.startsWith("item.")));
  }

  /**
   * Adds what a sibling step or task provides once it has run ({@code steps.NAME.…}).
   *
   * @param called the template it runs, or null when unknown
   * @param aggregate true when it loops: its outputs are also aggregated as JSON lists
   */
  void addNode(String name, Raw.Template called, boolean aggregate) {
    String p = siblingPrefix + "." + name + ".";
    for (String field : new String[] {"id", "status", "startedAt", "finishedAt", "hostNodeName"}) {
      names.add(p + field);
    }
    if (called == null) {
      return;
    }
    if (called.isDaemon()) {
      // Argo's buildLocalScope: a daemoned node's pod IP.
      names.add(p + "ip");
    }
    // Pod templates have a result and an exit code; so do the kinds targo does not run (data,
    // http, …), which were reported already: their callers need no second problem.
    if (called.isPod()
        || (called.steps() == null && called.dag() == null && called.suspend() == null)) {
      names.add(p + "outputs.result");
      names.add(p + "exitCode");
    }
    for (Raw.Output o : called.outputs()) {
      names.add(p + "outputs.parameters." + o.name().value());
    }
    for (dev.targo.argo.plan.Artifact a : called.outputArtifacts()) {
      names.add(p + "outputs.artifacts." + a.name());
    }
    if (aggregate) {
      names.add(p + "outputs.parameters");
    }
  }
}
