package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.ContainerOutcome;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTree;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Container nodes of a {@code containerSet} pod once its attempt has ended: each takes how its
 * container ended ({@link AttemptOutcome#containers()}); a container the executor could not tell
 * about, or that had not ended, takes the pod's end (Argo marks such containers with the pod's
 * error, or Error {@code container deleted} with a deleted pod). Workflow thread; pure over the
 * tree.
 */
final class ContainerNodes {
  private ContainerNodes() {}

  /** Argo's message of a container whose pod was deleted ({@code markAllContainersDeleted}). */
  static final String CONTAINER_DELETED = "container deleted";

  /**
   * Ends the attempt's Container nodes and returns the attempt's outbound nodes: the containers no
   * other depends on, below which Argo hangs what follows the pod.
   */
  static List<String> finish(
      NodeTree tree,
      String workflowName,
      PodRequest request,
      TemplateBody.ContainerSetBody set,
      AttemptOutcome outcome) {
    Map<String, ContainerOutcome> ended = new HashMap<>();
    outcome.containers().forEach(c -> ended.put(c.name(), c));
    for (ContainerNode c : set.containers()) {
      String id = id(workflowName, request, c.name());
      ContainerOutcome o = ended.get(c.name());
      Instant end = outcome.finishedAt();
      if (o != null && o.phase().fulfilled()) {
        tree.finishContainer(
            id, o.phase(), o.message(), o.finishedAt() != null ? o.finishedAt() : end);
      } else if (outcome.phase() == NodePhase.Succeeded) {
        tree.finishContainer(id, NodePhase.Succeeded, null, end);
      } else if (PodClassifier.POD_DELETED.equals(outcome.message())) {
        tree.finishContainer(id, NodePhase.Error, CONTAINER_DELETED, end);
      } else {
        tree.finishContainer(id, outcome.phase(), outcome.message(), end);
      }
    }
    return set.leaves().stream().map(name -> id(workflowName, request, name)).toList();
  }

  private static String id(String workflowName, PodRequest request, String container) {
    return PodNames.nodeId(workflowName, NodeTree.containerNodeName(request.nodeName(), container));
  }
}
