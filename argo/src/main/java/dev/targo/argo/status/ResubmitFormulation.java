package dev.targo.argo.status;

import dev.targo.argo.PodNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code argo resubmit --memoized} over a workflow's status ({@code workflow/util/util.go}
 * {@code FormulateResubmitWorkflow} with {@code memoized}): the new workflow, under its new name,
 * starts with the old one's nodes renamed to it (the old name at the start of each node name
 * replaced by the new one, ids derived again from the new names). A pod node that did not fail is
 * carried over as a Skipped node ({@code original pod: <old id>}, its outputs kept) and does not
 * run again; a Skipped node with no succeeded node below it is dropped; every other node is Pending
 * and runs again; the exit handler's nodes are left out. targo's new workflow adopts the fulfilled
 * nodes as {@code targo retry} does ({@link Formulated#retained}, docs/DESIGN.md §22).
 */
public final class ResubmitFormulation {
  private ResubmitFormulation() {}

  /** Argo's refusal, in {@code FormulateResubmitWorkflow}'s words. */
  public static final String NOT_FAILED =
      "workflow must be Failed/Error to resubmit in memoized mode";

  /**
   * Argo's refusal to resubmit a workflow in {@code phase} in memoized mode, or null when it may be
   * (Failed or Error).
   */
  public static String refusal(NodePhase phase) {
    return phase == NodePhase.Failed || phase == NodePhase.Error ? null : NOT_FAILED;
  }

  /**
   * What the resubmitted workflow starts with.
   *
   * @param nodes Argo's new {@code status.nodes}, in the order of the old ones, keyed by their new
   *     ids
   */
  public record Formulated(Map<String, NodeStatus> nodes) {

    /**
     * The nodes the new workflow takes as they are, without running them: the fulfilled nodes of
     * {@link #nodes} (the carried-over pods), each listing only such children, and a Retry node
     * whose last attempt is one of them, Succeeded with that attempt's outputs, as Argo's
     * controller's {@code processNodeRetries} settles the Pending Retry node at once. Other Pending
     * nodes (steps, DAG and group nodes) run again and adopt the kept nodes below them.
     */
    public List<NodeStatus> retained() {
      Map<String, NodeStatus> kept = new LinkedHashMap<>();
      nodes.values().stream().filter(n -> n.phase().fulfilled()).forEach(n -> kept.put(n.id(), n));
      for (NodeStatus n : nodes.values()) {
        if (n.type() == NodeType.Retry && !n.children().isEmpty()) {
          NodeStatus last = kept.get(n.children().getLast());
          if (last != null && !last.phase().failedOrError()) {
            kept.put(n.id(), settled(n, last));
          }
        }
      }
      List<NodeStatus> out = new ArrayList<>();
      for (NodeStatus n : nodes.values()) {
        NodeStatus k = kept.get(n.id());
        if (k != null) {
          out.add(k.withChildren(k.children().stream().filter(kept::containsKey).toList()));
        }
      }
      return out;
    }

    private static NodeStatus settled(NodeStatus retry, NodeStatus last) {
      return new NodeStatus(
          retry.id(),
          retry.name(),
          retry.displayName(),
          retry.type(),
          retry.templateName(),
          NodePhase.Succeeded,
          null,
          retry.startedAt(),
          last.finishedAt(),
          retry.hostNodeName(),
          retry.children(),
          last.outputs(),
          retry.podName(),
          retry.inputs(),
          retry.boundaryID(),
          retry.outboundNodes(),
          retry.memoizationStatus(),
          retry.failedPodRestarts(),
          retry.cluster());
    }
  }

  /**
   * Formulates the memoized resubmission of workflow {@code oldName}, whose status holds {@code
   * nodes}, as workflow {@code newName}.
   *
   * @param now the start and end of the carried-over nodes (Argo's {@code time.Now()})
   */
  public static Formulated formulate(
      String oldName, Map<String, NodeStatus> nodes, String newName, Instant now) {
    String onExit = oldName + ".onExit";
    Map<String, NodeStatus> next = new LinkedHashMap<>();
    for (NodeStatus node : nodes.values()) {
      if (node.name() != null && node.name().startsWith(onExit)) {
        continue;
      }
      boolean failedPod = node.phase().failedOrError() && node.type() == NodeType.Pod;
      NodeType type = node.type();
      NodePhase phase;
      String message;
      if (!node.phase().failedOrError() && node.type() == NodeType.Pod) {
        type = NodeType.Skipped;
        phase = NodePhase.Skipped;
        message = "original pod: " + node.id();
      } else if (node.type() == NodeType.Skipped && !descendantSucceeded(nodes, node)) {
        continue;
      } else {
        phase = NodePhase.Pending;
        message = null;
      }
      String name = renamed(node.name(), oldName, newName);
      NodeStatus renamed =
          new NodeStatus(
              PodNames.nodeId(newName, name),
              name,
              node.displayName(),
              type,
              node.templateName(),
              phase,
              message,
              failedPod ? null : now,
              failedPod ? null : now,
              node.hostNodeName(),
              converted(node.children(), nodes, oldName, newName),
              node.outputs(),
              // No node has a pod of the new workflow yet; a carried-over one never will.
              null,
              node.inputs(),
              node.boundaryID() == null || node.boundaryID().isEmpty()
                  ? node.boundaryID()
                  : convert(node.boundaryID(), nodes, oldName, newName),
              converted(node.outboundNodes(), nodes, oldName, newName),
              node.memoizationStatus(),
              node.failedPodRestarts(),
              node.cluster());
      next.put(renamed.id(), renamed);
    }
    return new Formulated(next);
  }

  /** Argo's {@code isDescendantNodeSucceeded} with nothing reset. */
  private static boolean descendantSucceeded(Map<String, NodeStatus> nodes, NodeStatus node) {
    for (String childId : node.children()) {
      NodeStatus child = nodes.get(childId);
      if (child != null
          && (child.phase() == NodePhase.Succeeded || descendantSucceeded(nodes, child))) {
        return true;
      }
    }
    return false;
  }

  /** Argo's {@code replaceRegexp}: the old workflow name at the start of {@code name} replaced. */
  private static String renamed(String name, String oldName, String newName) {
    return name != null && name.startsWith(oldName)
        ? newName + name.substring(oldName.length())
        : name;
  }

  private static List<String> converted(
      List<String> ids, Map<String, NodeStatus> nodes, String oldName, String newName) {
    return ids == null
        ? null
        : ids.stream()
            .filter(nodes::containsKey)
            .map(id -> convert(id, nodes, oldName, newName))
            .toList();
  }

  /** Argo's {@code convertNodeID}: the new id of the node whose old id is {@code oldId}. */
  private static String convert(
      String oldId, Map<String, NodeStatus> nodes, String oldName, String newName) {
    NodeStatus old = nodes.get(oldId);
    return old == null ? oldId : PodNames.nodeId(newName, renamed(old.name(), oldName, newName));
  }
}
