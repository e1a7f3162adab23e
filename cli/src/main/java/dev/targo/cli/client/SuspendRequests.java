package dev.targo.cli.client;

import dev.targo.api.temporal.NodeUpdate;
import dev.targo.argo.flow.SuspendedOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo's {@code ResumeWorkflow}, {@code SuspendWorkflow} and {@code updateSuspendedNode} ({@code
 * workflow/util/util.go}) as checks of a request against a workflow's read status: the update to
 * signal, or a refusal (nothing is signalled). Shared by {@code targo resume|suspend|node set} and
 * {@code targo server}'s {@code PUT …/resume|suspend|set}, so both refuse alike. Pure.
 */
public final class SuspendRequests {
  /** The phases a set may end suspend nodes with. */
  public static final Set<String> PHASES = Set.of("Succeeded", "Failed", "Error");

  private SuspendRequests() {}

  /** A request the workflow's state refuses: it has ended. */
  public static final class Finished extends RuntimeException {
    Finished(String name) {
      super("workflow " + name + " has already finished");
    }
  }

  /** A request that is refused as it is: no node matches, or Argo's checks fail. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Argo's {@code ResumeWorkflow}: a selector resumes only the waiting suspend nodes it matches;
   * without one the workflow's own suspension ends too, and a workflow with neither is refused.
   *
   * @param selector the {@code nodeFieldSelector} text, or null
   */
  public static NodeUpdate resume(RunRecord record, String selector) {
    running(record);
    boolean workflow = selector == null && Boolean.TRUE.equals(record.status().suspended());
    List<NodeStatus> nodes = waiting(record, selector(selector));
    if (nodes.isEmpty() && !workflow) {
      throw new Refused(noneMatching(record.name(), selector));
    }
    for (NodeStatus n : nodes) {
      String problem = unresumable(n, Map.of());
      if (problem != null) {
        throw new Refused(problem);
      }
    }
    return new NodeUpdate(ids(nodes), "Succeeded", null, Map.of(), workflow ? false : null);
  }

  /** Argo's {@code SuspendWorkflow}: the whole workflow, while it runs. */
  public static NodeUpdate suspend(RunRecord record) {
    running(record);
    return new NodeUpdate(List.of(), null, null, Map.of(), true);
  }

  /**
   * Argo's {@code SetWorkflow}: outputs, message or phase of the waiting suspend nodes {@code
   * selector} matches.
   *
   * @param phase Succeeded, Failed, Error, or null
   * @param message the nodes' message, or null
   * @param outputs {@code valueFrom.supplied} output parameters to set
   */
  public static NodeUpdate set(
      RunRecord record,
      String selector,
      String phase,
      String message,
      Map<String, String> outputs) {
    if (phase != null && !PHASES.contains(phase)) {
      throw new Refused(phase + " is an invalid phase to set to");
    }
    if (selector == null || selector.isBlank()) {
      throw new Refused("a node field selector is required, e.g. displayName=approve");
    }
    NodeFieldSelector matching = selector(selector);
    running(record);
    List<NodeStatus> nodes = waiting(record, matching);
    if (nodes.isEmpty()) {
      throw new Refused(noneMatching(record.name(), selector));
    }
    for (NodeStatus n : nodes) {
      String problem = settable(n, outputs);
      if (problem == null && "Succeeded".equals(phase)) {
        problem = unresumable(n, outputs);
      }
      if (problem != null) {
        throw new Refused(problem);
      }
    }
    return new NodeUpdate(ids(nodes), phase, message, outputs);
  }

  private static NodeFieldSelector selector(String text) {
    if (text == null) {
      return NodeFieldSelector.ALL;
    }
    try {
      return NodeFieldSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }

  private static void running(RunRecord record) {
    if (!record.running()) {
      throw new Finished(record.name());
    }
  }

  private static List<NodeStatus> waiting(RunRecord record, NodeFieldSelector matching) {
    return record.status().nodes().values().stream()
        .filter(n -> n.type() == NodeType.Suspend && n.phase() == NodePhase.Running)
        .filter(matching::matches)
        .toList();
  }

  private static String noneMatching(String name, String selector) {
    return selector == null
        ? "workflow " + name + " is not suspended and has no suspended node"
        : "no suspend nodes matching nodeFieldSelector: " + selector;
  }

  /** The refusal of resuming {@code node} once {@code setNow} is set, or null. */
  private static String unresumable(NodeStatus node, Map<String, String> setNow) {
    try {
      String problem = SuspendedOutputs.shown(node.outputs()).set(setNow).unresumable();
      return problem == null ? null : "node " + node.displayName() + ": " + problem;
    } catch (IllegalArgumentException e) {
      return "node " + node.displayName() + ": " + e.getMessage();
    }
  }

  /** Argo's {@code updateSuspendedNode} refusals of output parameters, or null. */
  private static String settable(NodeStatus node, Map<String, String> values) {
    try {
      SuspendedOutputs.shown(node.outputs()).set(values);
      return null;
    } catch (IllegalArgumentException e) {
      return "node " + node.displayName() + ": " + e.getMessage();
    }
  }

  private static List<String> ids(List<NodeStatus> nodes) {
    return nodes.stream().map(NodeStatus::id).toList();
  }
}
