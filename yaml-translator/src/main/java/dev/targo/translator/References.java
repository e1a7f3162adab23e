package dev.targo.translator;

import dev.targo.argo.Templating;
import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code {{…}}} references against the variables targo provides where they are written
 * ({@link Scope}). Variables Argo has but targo does not provide yet are reported as such; a
 * reference to a step that has not run, a task that is not depended on, or {@code item} outside a
 * loop says so; anything else is an unknown reference, with a suggestion when one is close.
 */
final class References {
  /** Variables every template may use. */
  static final List<String> FIXED = fixed();

  /** Argo's annotation on a workflow a cron workflow started ({@code workflow.scheduledTime}). */
  static final String SCHEDULED_TIME_ANNOTATION = "workflows.argoproj.io/scheduled-time";

  /** {@code spec.priority}'s variable: defined only when the workflow sets it. */
  static final String PRIORITY = "workflow.priority";

  /** The strftime characters of {@code workflow.creationTimestamp.<c>} (Argo's util/strftime). */
  private static final String STRFTIME = "BbmAadHIMSYypZzL";

  private static List<String> fixed() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "workflow.name",
                "workflow.namespace",
                // Argo's setGlobalRuntimeParameters (operator.go) sets it for every template: the
                // workflow's phase, Running until the exit handler gets the final one.
                "workflow.status",
                "workflow.uid",
                "workflow.duration",
                "workflow.mainEntrypoint",
                "workflow.serviceAccountName",
                "workflow.creationTimestamp",
                "workflow.creationTimestamp.RFC3339",
                "workflow.creationTimestamp.s",
                "workflow.parameters",
                "workflow.parameters.json",
                "workflow.labels",
                "workflow.labels.json",
                "workflow.annotations",
                "workflow.annotations.json",
                "retries",
                "lastRetry.exitCode",
                "lastRetry.status",
                "lastRetry.duration",
                "lastRetry.message",
                "lastRetry.reason",
                "pod.name"));
    STRFTIME.chars().forEach(c -> names.add("workflow.creationTimestamp." + (char) c));
    return List.copyOf(names);
  }

  /** Variables of the exit handler and the templates it calls. */
  static final List<String> EXIT_HANDLER = List.of("workflow.failures");

  /** Argo variables targo does not provide yet: exact names. */
  private static final Set<String> ARGO_NAMES =
      Set.of(
          "workflow.scheduledTime",
          "inputs.parameters",
          "node.name",
          "steps.name",
          "tasks.name",
          "lastRetry");

  /** Argo variables targo does not provide yet: prefixes, and suffixes of steps and tasks. */
  private static final List<String> ARGO_PREFIXES = List.of("outputs.", "cronworkflow.");

  private static final List<String> ARGO_NODE_FIELDS = List.of(".ip");

  private final Source source;
  private final Problems problems;

  References(Source source, Problems problems) {
    this.source = source;
    this.problems = problems;
  }

  /** Checks every {@code {{…}}} of {@code strings} against {@code scope}. */
  void check(Collection<Str> strings, Scope scope) {
    for (Str s : strings) {
      if (s.templated()) {
        check(s, scope);
      }
    }
  }

  private void check(Str s, Scope scope) {
    String text = s.value();
    int expression = text.indexOf("{{=");
    while (expression >= 0) {
      int close = text.indexOf("}}", expression + 3);
      if (close < 0) {
        break;
      }
      try {
        Expr.parse(text.substring(expression + 3, close));
      } catch (ExprException e) {
        problems.add(
            source.locate(s, expression, "{{="),
            Code.INVALID_VALUE,
            "`{{=…}}` is not a valid expression: " + e.getMessage());
      }
      expression = text.indexOf("{{=", close + 2);
    }
    int cursor = 0;
    for (String name : Templating.references(text)) {
      int at = text.indexOf(name, cursor);
      int open = at < 0 ? -1 : text.lastIndexOf("{{", at);
      if (at >= 0) {
        cursor = at + name.length();
      }
      if (name.startsWith("=") || scope.allows(name)) {
        continue;
      }
      Pos pos = open < 0 ? s.pos() : source.locate(s, open, "{{");
      report(pos, name, scope);
    }
  }

  private void report(Pos pos, String name, Scope scope) {
    String shown = "`{{" + name + "}}`";
    String hint = Suggest.didYouMean(name, new ArrayList<>(scope.names));
    if (name.equals("item") || name.startsWith("item.")) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          scope.loop
              ? shown + " names a field that no item of `withItems` has" + hint
              : shown
                  + " is only defined in a step or task with `withItems`, `withParam` or"
                  + " `withSequence`");
      return;
    }
    if (name.startsWith("steps.") || name.startsWith("tasks.")) {
      reportNode(pos, name, scope, shown, hint);
      return;
    }
    if (EXIT_HANDLER.contains(name) && !scope.exitHandler) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " is only defined in the `spec.onExit` handler and the templates it calls");
      return;
    }
    if (name.equals(PRIORITY)) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " is defined only when the workflow sets `spec.priority`, as in Argo");
    } else if (name.equals("workflow.scheduledTime")) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown
              + " is set only for a workflow started by a cron workflow (annotation `"
              + SCHEDULED_TIME_ANNOTATION
              + "`): create it with `targo cron create`");
    } else if (isArgoOnly(name)) {
      problems.add(
          pos,
          Code.UNSUPPORTED,
          shown + " is a valid Argo variable but not supported by targo yet");
    } else if (name.startsWith(OutputsPlanner.GLOBAL_PARAMETER)) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " refers to an output parameter no `globalName` of the workflow exports" + hint);
    } else if (name.startsWith("inputs.parameters.")) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " refers to an input parameter the template does not declare" + hint);
    } else if (name.startsWith("workflow.parameters.")) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " refers to a workflow parameter `spec.arguments` does not declare" + hint);
    } else if (name.startsWith("workflow.labels.") || name.startsWith("workflow.annotations.")) {
      String what =
          name.startsWith("workflow.labels.")
              ? "a label `metadata.labels`"
              : "an annotation `metadata.annotations`";
      problems.add(
          pos, Code.UNKNOWN_REFERENCE, shown + " refers to " + what + " does not declare" + hint);
    } else {
      problems.add(pos, Code.UNKNOWN_REFERENCE, "unknown reference " + shown + hint);
    }
  }

  /** {@code steps.NAME.…} and {@code tasks.NAME.…}. */
  private void reportNode(Pos pos, String name, Scope scope, String shown, String hint) {
    if (ARGO_NAMES.contains(name)) {
      problems.add(
          pos,
          Code.UNSUPPORTED,
          shown + " is a valid Argo variable but not supported by targo yet");
      return;
    }
    String prefix = name.substring(0, name.indexOf('.'));
    String rest = name.substring(prefix.length() + 1);
    String node = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
    String what = prefix.equals("steps") ? "step" : "task";
    if (!prefix.equals(scope.siblingPrefix)) {
      String kind = prefix.equals("steps") ? "`steps`" : "`dag`";
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown + " is only defined in the " + what + "s of a " + kind + " template");
    } else if (!scope.siblings.contains(node)) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown
              + " refers to "
              + what
              + " `"
              + node
              + "`, which this template does not have"
              + Suggest.didYouMean(node, scope.siblings));
    } else if (!scope.visible.contains(node)) {
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          prefix.equals("steps")
              ? shown
                  + " refers to step `"
                  + node
                  + "`, which has not run yet: a step sees the steps of earlier groups"
              : shown
                  + " refers to task `"
                  + node
                  + "`, which this task does not depend on: add it to `depends` or"
                  + " `dependencies`");
    } else if (ARGO_NODE_FIELDS.stream()
        .anyMatch(f -> rest.substring(node.length()).startsWith(f))) {
      // Argo sets a node's IP only once it is daemoned: a reference to another's never resolves.
      problems.add(
          pos,
          Code.UNKNOWN_REFERENCE,
          shown
              + " is the pod IP of a daemon "
              + what
              + ", and `"
              + node
              + "` does not run a template with `daemon: true`");
    } else {
      problems.add(pos, Code.UNKNOWN_REFERENCE, "unknown reference " + shown + hint);
    }
  }

  private static boolean isArgoOnly(String name) {
    return ARGO_NAMES.contains(name) || ARGO_PREFIXES.stream().anyMatch(name::startsWith);
  }
}
