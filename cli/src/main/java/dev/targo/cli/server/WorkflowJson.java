package dev.targo.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.api.Names;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.client.ListedRuns;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.WorkflowLister.Listed;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.cli.render.WorkflowView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo {@code Workflow} objects the API answers with: {@code targo get -o json}'s document
 * ({@link WorkflowDocument}), with the labels Argo's controller keeps on a workflow ({@code
 * workflows.argoproj.io/phase} and {@code /completed}, which {@code argo list --running} selects
 * on) and the phase a client of Argo Server expects. Pure.
 */
public final class WorkflowJson {
  private WorkflowJson() {}

  static final String PHASE_LABEL = "workflows.argoproj.io/phase";
  static final String COMPLETED_LABEL = "workflows.argoproj.io/completed";

  /** The full workflow of {@code record}, as {@code GET …/{name}} answers. */
  public static ObjectNode of(RunRecord record) {
    ObjectNode doc = WorkflowDocument.of(record.view(), record.yaml());
    String phase = servedPhase(record.running(), record.status());
    ((ObjectNode) doc.get("status")).put("phase", phase);
    return labelled(doc, phase);
  }

  /** A workflow of a listing: what visibility says of it, with its submitted spec and labels. */
  public static ObjectNode of(Listed listed) {
    NodePhase phase = ListedRuns.phase(listed.status()).orElse(null);
    WorkflowStatus status =
        new WorkflowStatus(phase, null, listed.startedAt(), listed.closedAt(), null, Map.of());
    WorkflowView view =
        new WorkflowView(
            listed.name(), listed.namespace(), null, listed.startedAt(), List.of(), status);
    ObjectNode doc = WorkflowDocument.of(view, listed.yaml() == null ? "" : listed.yaml());
    ObjectNode metadata = (ObjectNode) doc.get("metadata");
    if (!metadata.path("namespace").isTextual()) {
      metadata.put("namespace", Names.DEFAULT_NAMESPACE);
    }
    ObjectNode statusNode = (ObjectNode) doc.get("status");
    statusNode.remove("nodes");
    statusNode.put("phase", listed.status());
    return labelled(doc, listed.status());
  }

  /** A workflow just created: its document as submitted, {@code Running} at once. */
  public static ObjectNode created(String name, String namespace, String yaml, WorkflowStatus s) {
    WorkflowView view = new WorkflowView(name, namespace, null, s.startedAt(), List.of(), s);
    ObjectNode doc = WorkflowDocument.of(view, yaml);
    ((ObjectNode) doc.get("status")).remove("nodes");
    return labelled(doc, s.phase().name());
  }

  /** What Kubernetes sets on an object it creates, whatever a client sends. */
  private static final List<String> SERVER_SET =
      List.of(
          "creationTimestamp",
          "uid",
          "resourceVersion",
          "generation",
          "managedFields",
          "selfLink",
          "deletionTimestamp");

  /**
   * The workflow of a create or lint request as the API server would store it: without {@code
   * status} and the metadata Kubernetes sets itself, and without JSON nulls, which a Go client (the
   * {@code argo} CLI) writes for its unset fields ({@code "creationTimestamp": null}) and which
   * mean absent.
   */
  public static ObjectNode submitted(ObjectNode given) {
    ObjectNode workflow = given.deepCopy();
    workflow.remove("status");
    withoutNulls(workflow);
    ObjectNode metadata =
        workflow.get("metadata") instanceof ObjectNode m ? m : workflow.putObject("metadata");
    metadata.remove(SERVER_SET);
    return workflow;
  }

  private static void withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new java.util.ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isNull()) {
                  nulls.add(e.getKey());
                } else {
                  withoutNulls(e.getValue());
                }
              });
      object.remove(nulls);
    } else if (node != null && node.isArray()) {
      node.forEach(WorkflowJson::withoutNulls);
    }
  }

  /** The namespace of a workflow document. */
  public static String namespace(JsonNode doc) {
    return doc.path("metadata").path("namespace").asText(Names.DEFAULT_NAMESPACE);
  }

  /** The labels of a workflow document. */
  public static Map<String, String> labels(JsonNode doc) {
    Map<String, String> labels = new LinkedHashMap<>();
    doc.path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /**
   * The phase shown for a workflow: its status's, except that a workflow Temporal has accepted but
   * no worker has started yet (Pending without a message; one waiting for a lock says so, and stays
   * Pending as in Argo) is Running. Argo shows no phase at all before its controller has seen a
   * workflow, which Hera's {@code wait()} takes for an error, and a Pending one it takes for done.
   */
  static String servedPhase(boolean running, WorkflowStatus status) {
    NodePhase phase = status.phase();
    if (phase == null) {
      return running ? NodePhase.Running.name() : NodePhase.Error.name();
    }
    if (running && phase == NodePhase.Pending && status.message() == null) {
      return NodePhase.Running.name();
    }
    return phase.name();
  }

  private static ObjectNode labelled(ObjectNode doc, String phase) {
    ObjectNode metadata = (ObjectNode) doc.get("metadata");
    ObjectNode labels =
        metadata.get("labels") instanceof ObjectNode l ? l : metadata.putObject("labels");
    boolean completed =
        ListedRuns.phase(phase).map(NodePhase::fulfilled).orElse(!"Running".equals(phase));
    labels.put(PHASE_LABEL, phase);
    labels.put(COMPLETED_LABEL, Boolean.toString(completed));
    return doc;
  }
}
