package dev.targo.translator;

import dev.targo.api.argo.Templating;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the {@code {{…}}} references of one template against the variables targo provides
 * (ARGO-SEMANTICS §5). Variables Argo has but targo does not provide yet are reported as such;
 * anything else is an unknown reference, with a suggestion when one is close.
 */
final class References {
  private static final List<String> FIXED =
      List.of(
          "workflow.name",
          "workflow.namespace",
          "workflow.uid",
          "retries",
          "lastRetry.exitCode",
          "lastRetry.status",
          "lastRetry.duration",
          "lastRetry.message",
          "pod.name");

  /** Argo variables targo does not provide yet: exact names. */
  private static final Set<String> ARGO_NAMES =
      Set.of(
          "workflow.status",
          "workflow.duration",
          "workflow.failures",
          "workflow.mainEntrypoint",
          "workflow.priority",
          "workflow.serviceAccountName",
          "workflow.scheduledTime",
          "workflow.creationTimestamp",
          "workflow.parameters",
          "workflow.parameters.json",
          "workflow.labels.json",
          "workflow.annotations.json",
          "inputs.parameters",
          "node.name",
          "item",
          "lastRetry");

  /** Argo variables targo does not provide yet: prefixes. */
  private static final List<String> ARGO_PREFIXES =
      List.of(
          "workflow.creationTimestamp.",
          "workflow.labels.",
          "workflow.annotations.",
          "workflow.outputs.",
          "inputs.artifacts.",
          "outputs.",
          "steps.",
          "tasks.",
          "item.",
          "cronworkflow.");

  private final Source source;
  private final Problems problems;

  References(Source source, Problems problems) {
    this.source = source;
    this.problems = problems;
  }

  /** Checks {@code strings} of a template that declares {@code inputs}. */
  void check(Collection<Str> strings, Set<String> inputs, Set<String> workflowParameters) {
    Set<String> allowed = new LinkedHashSet<>(FIXED);
    inputs.forEach(name -> allowed.add("inputs.parameters." + name));
    workflowParameters.forEach(name -> allowed.add("workflow.parameters." + name));
    for (Str s : strings) {
      if (s.templated()) {
        check(s, allowed);
      }
    }
  }

  private void check(Str s, Set<String> allowed) {
    String text = s.value();
    int expression = text.indexOf("{{=");
    while (expression >= 0) {
      problems.add(
          source.locate(s, expression, "{{="),
          Code.UNSUPPORTED,
          "`{{=…}}` expression templates are valid Argo but not supported by targo yet");
      expression = text.indexOf("{{=", expression + 3);
    }
    int cursor = 0;
    for (String name : Templating.references(text)) {
      int at = text.indexOf(name, cursor);
      int open = at < 0 ? -1 : text.lastIndexOf("{{", at);
      if (at >= 0) {
        cursor = at + name.length();
      }
      if (name.startsWith("=") || allowed.contains(name)) {
        continue;
      }
      Pos pos = open < 0 ? s.pos() : source.locate(s, open, "{{");
      problems.add(pos, codeFor(name), messageFor(name, allowed));
    }
  }

  private static Code codeFor(String name) {
    return isArgoOnly(name) ? Code.UNSUPPORTED : Code.UNKNOWN_REFERENCE;
  }

  private static String messageFor(String name, Set<String> allowed) {
    String shown = "`{{" + name + "}}`";
    if (isArgoOnly(name)) {
      return shown + " is a valid Argo variable but not supported by targo yet";
    }
    String hint = Suggest.didYouMean(name, suggestions(allowed));
    if (name.startsWith("inputs.parameters.")) {
      return shown + " refers to an input parameter the template does not declare" + hint;
    }
    if (name.startsWith("workflow.parameters.")) {
      return shown + " refers to a workflow parameter `spec.arguments` does not declare" + hint;
    }
    return "unknown reference " + shown + hint;
  }

  private static List<String> suggestions(Set<String> allowed) {
    return new ArrayList<>(allowed);
  }

  private static boolean isArgoOnly(String name) {
    return ARGO_NAMES.contains(name) || ARGO_PREFIXES.stream().anyMatch(name::startsWith);
  }
}
