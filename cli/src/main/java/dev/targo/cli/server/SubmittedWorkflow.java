package dev.targo.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The workflow of a create or lint request, translated: {@code workflow} of the body as Kubernetes
 * would store it ({@link WorkflowJson#submitted}), in the path's namespace (as Argo Server sets
 * it), written as YAML so that problems have lines. Pure, given the template lookup.
 *
 * @param workflow the workflow as it will be recorded
 * @param document its YAML document, as the translator read it
 * @param translation the plan, or every problem
 */
record SubmittedWorkflow(ObjectNode workflow, Document document, Translation translation) {

  /** The name problems and positions of a submitted workflow refer to. */
  static final String FILE = "workflow.yaml";

  static SubmittedWorkflow of(String namespace, JsonNode body, TemplateLookup templates) {
    if (!(body.get("workflow") instanceof ObjectNode given)) {
      throw new ApiError(ApiError.Code.INVALID_ARGUMENT, "the body has no workflow object");
    }
    ObjectNode workflow = WorkflowJson.submitted(given);
    if (!workflow.has("apiVersion")) {
      workflow.put("apiVersion", "argoproj.io/v1alpha1");
    }
    if (!workflow.has("kind")) {
      workflow.put("kind", Document.WORKFLOW);
    }
    if (!Document.WORKFLOW.equals(workflow.path("kind").asText())) {
      throw notAWorkflow();
    }
    ((ObjectNode) workflow.get("metadata")).put("namespace", namespace);
    Documents.Split split = Documents.split(FILE, WorkflowDocument.yaml(workflow));
    if (!split.problems().isEmpty() || split.documents().size() != 1) {
      throw problems(split.problems(), "");
    }
    Document document = split.documents().get(0);
    return new SubmittedWorkflow(
        workflow, document, Translator.translate(document, templates, Map.of()));
  }

  static ApiError notAWorkflow() {
    return new ApiError(ApiError.Code.INVALID_ARGUMENT, "the body's workflow is not a Workflow");
  }

  /**
   * Every problem, one per line as {@code targo lint} prints them ({@code workflow.yaml:LINE:COL:
   * CODE message}, positions in the workflow written as YAML).
   */
  static ApiError problems(List<Problem> problems, String outcome) {
    String lines = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    String count = problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found";
    return new ApiError(
        ApiError.Code.INVALID_ARGUMENT,
        count + (outcome.isEmpty() ? "" : ", " + outcome) + ":\n" + lines);
  }
}
