package dev.targo.argo.pod;

import dev.targo.argo.plan.Affinity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Places a pod on one of a fixed set of simulated nodes, as the Kubernetes scheduler's
 * node-affinity filter would allow (nodeSelector and required node affinity; see {@link
 * NodeMatcher}). The choice is deterministic: the node whose preferred node-affinity terms weigh
 * most (the node-affinity score; a {@code nodeAntiAffinity} of type {@code Preferred} is one such
 * term), then the one running the fewest pods, then the first by name. Pure.
 */
public final class Scheduler {
  private Scheduler() {}

  /** The scheduler's reason for nodes that fail the node-affinity filter. */
  static final String AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector";

  /**
   * A node the scheduler may use.
   *
   * @param name the node name ({@code metadata.name})
   * @param labels its labels
   * @param runningPods pods currently placed on it and not finished
   */
  public record Node(String name, Map<String, String> labels, int runningPods) {
    public Node {
      labels = Map.copyOf(labels);
    }
  }

  /** Where a pod goes. */
  public sealed interface Placement {

    /**
     * The pod is bound to a node.
     *
     * @param node the chosen node
     */
    record Assigned(Node node) implements Placement {}

    /**
     * No node fits; the pod stays Pending.
     *
     * @param message the scheduler's {@code PodScheduled} condition message ({@code 0/3 nodes are
     *     available: 3 node(s) didn't match Pod's node affinity/selector. no new claims to
     *     deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for
     *     scheduling.})
     */
    record Unschedulable(String message) implements Placement {}
  }

  /**
   * Chooses a node for a pod.
   *
   * @param nodeSelector the pod's {@code nodeSelector}
   * @param affinity the pod's affinity (exclusions already applied), or null
   * @param nodes the cluster's nodes
   */
  public static Placement place(
      Map<String, String> nodeSelector, Affinity affinity, List<Node> nodes) {
    if (nodes.isEmpty()) {
      return new Placement.Unschedulable("no nodes available to schedule pods");
    }
    Map<String, String> selector = nodeSelector == null ? Map.of() : nodeSelector;
    Comparator<Node> preferred =
        Comparator.comparingInt(
            (Node n) -> -NodeMatcher.preferenceScore(affinity, n.name(), n.labels()));
    return nodes.stream()
        .filter(n -> NodeMatcher.matches(selector, affinity, n.name(), n.labels()))
        .min(preferred.thenComparingInt(Node::runningPods).thenComparing(Node::name))
        .<Placement>map(Placement.Assigned::new)
        .orElseGet(
            () ->
                new Placement.Unschedulable(
                    // kube-scheduler 1.36's words, preemption's verdict included.
                    ("0/%d nodes are available: %d %s. no new claims to deallocate, preemption: 0/%d"
                            + " nodes are available: %d Preemption is not helpful for scheduling.")
                        .formatted(
                            nodes.size(),
                            nodes.size(),
                            AFFINITY_MISMATCH,
                            nodes.size(),
                            nodes.size())));
  }
}
