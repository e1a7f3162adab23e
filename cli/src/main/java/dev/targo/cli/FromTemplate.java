package dev.targo.cli;

import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.Problem;
import java.util.Locale;
import java.util.Set;

/**
 * {@code targo submit --from KIND/NAME}: the workflow Argo's {@code
 * common.NewWorkflowFromWorkflowTemplate} makes from a stored template, a {@code
 * workflowTemplateRef} to it with the template's name as {@code generateName} and the label that
 * names it.
 */
final class FromTemplate {
  private FromTemplate() {}

  private static final Set<String> NAMESPACED =
      Set.of("workflowtemplate", "workflowtemplates", "wftmpl");
  private static final Set<String> CLUSTER =
      Set.of("clusterworkflowtemplate", "clusterworkflowtemplates", "cwftmpl", "cwft");

  static Manifests.FileDocuments documents(String resource) {
    int slash = resource.indexOf('/');
    if (slash <= 0 || slash == resource.length() - 1) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "--from: resource identifier '"
              + resource
              + "' is malformed. Should be `kind/name`, e.g. workflowtemplate/hello-world");
    }
    String kind = resource.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = resource.substring(slash + 1);
    boolean cluster = CLUSTER.contains(kind);
    if (!cluster && !NAMESPACED.contains(kind)) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "--from: kind '"
              + resource.substring(0, slash)
              + "' is not supported: workflowtemplate or clusterworkflowtemplate");
    }
    String label =
        cluster
            ? "workflows.argoproj.io/cluster-workflow-template"
            : "workflows.argoproj.io/workflow-template";
    String text =
        "apiVersion: argoproj.io/v1alpha1\n"
            + "kind: "
            + Document.WORKFLOW
            + "\n"
            + "metadata:\n"
            + "  generateName: "
            + quote(name + "-")
            + "\n"
            + "  labels:\n"
            + "    "
            + label
            + ": "
            + quote(name)
            + "\n"
            + "spec:\n"
            + "  workflowTemplateRef:\n"
            + "    name: "
            + quote(name)
            + "\n"
            + (cluster ? "    clusterScope: true\n" : "");
    Documents.Split split = Documents.split("--from " + resource, text);
    return new Manifests.FileDocuments(
        resource, split.documents(), split.problems().stream().map(Problem::toString).toList());
  }

  /** A YAML double-quoted string, so that no name can change the document's shape. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
