package dev.targo.argo.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One entry of Argo's {@code Workflow.status.nodes}, keyed there by {@link #id}.
 *
 * @param id {@code id}: the workflow name for the root node, else {@code <wf>-<fnv32a(name)>}
 * @param name {@code name}: {@code wf}, {@code wf(0)}, {@code wf(1)[0].step}
 * @param displayName {@code displayName}
 * @param type {@code type}
 * @param templateName {@code templateName}
 * @param phase {@code phase}
 * @param message {@code message}, or null
 * @param startedAt {@code startedAt}, or null
 * @param finishedAt {@code finishedAt}, or null
 * @param hostNodeName {@code hostNodeName}, or null (pod nodes only)
 * @param children {@code children}: ids of child nodes in creation order
 * @param outputs {@code outputs}, or null
 * @param podName the attempt's pod name (Pod nodes); targo's addition, Argo derives it
 * @param inputs {@code inputs}: what the node's template was given, or null when it has no inputs
 * @param boundaryID {@code boundaryID}: the id of the steps or DAG template node the node runs in,
 *     or null at the top
 * @param outboundNodes {@code outboundNodes} (steps and DAG nodes): the ids of the last nodes that
 *     ran in it, which the next step or task hangs below; null when there are none
 * @param memoizationStatus {@code memoizationStatus}: how a node of a memoized template used its
 *     cache, or null
 * @param failedPodRestarts {@code failedPodRestarts} (Argo 4): how many times the attempt's pod was
 *     created again after it failed before its main container ran (evicted, node shut down), which
 *     costs no retry; null when never
 * @param cluster the cluster the attempt's pod ran in (Pod nodes of a template naming {@code
 *     targo.dev/cluster} or {@code targo.dev/clusters}, a targo extension); null otherwise, and
 *     then left out
 * @param daemoned {@code daemoned}: true while the node is a daemon whose pod runs and is ready
 *     (Argo's {@code IsDaemoned}), null otherwise
 * @param podIP {@code podIP}: the IP of a daemoned node's pod, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(
    String id,
    String name,
    String displayName,
    NodeType type,
    String templateName,
    NodePhase phase,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String hostNodeName,
    List<String> children,
    NodeOutputs outputs,
    String podName,
    NodeInputs inputs,
    String boundaryID,
    List<String> outboundNodes,
    MemoizationStatus memoizationStatus,
    Integer failedPodRestarts,
    String cluster,
    Boolean daemoned,
    String podIP) {

  public NodeStatus {
    children = children == null ? List.of() : List.copyOf(children);
    outboundNodes =
        outboundNodes == null || outboundNodes.isEmpty() ? null : List.copyOf(outboundNodes);
    // Argo's node times are whole seconds (metav1.Time).
    startedAt = WholeSeconds.of(startedAt);
    finishedAt = WholeSeconds.of(finishedAt);
  }

  /** A node that is not a daemon. */
  public NodeStatus(
      String id,
      String name,
      String displayName,
      NodeType type,
      String templateName,
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String hostNodeName,
      List<String> children,
      NodeOutputs outputs,
      String podName,
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes,
      MemoizationStatus memoizationStatus,
      Integer failedPodRestarts,
      String cluster) {
    this(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        null,
        null);
  }

  /** A node in no named cluster. */
  public NodeStatus(
      String id,
      String name,
      String displayName,
      NodeType type,
      String templateName,
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String hostNodeName,
      List<String> children,
      NodeOutputs outputs,
      String podName,
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes,
      MemoizationStatus memoizationStatus,
      Integer failedPodRestarts) {
    this(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        null);
  }

  /** A node whose pod was never restarted. */
  public NodeStatus(
      String id,
      String name,
      String displayName,
      NodeType type,
      String templateName,
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String hostNodeName,
      List<String> children,
      NodeOutputs outputs,
      String podName,
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes,
      MemoizationStatus memoizationStatus) {
    this(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        null);
  }

  /** A node of a template that is not memoized. */
  public NodeStatus(
      String id,
      String name,
      String displayName,
      NodeType type,
      String templateName,
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String hostNodeName,
      List<String> children,
      NodeOutputs outputs,
      String podName,
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes) {
    this(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        null);
  }

  /** A node without inputs, boundary or outbound nodes, which its tree adds ({@link NodeTree}). */
  public NodeStatus(
      String id,
      String name,
      String displayName,
      NodeType type,
      String templateName,
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String hostNodeName,
      List<String> children,
      NodeOutputs outputs,
      String podName) {
    this(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        null,
        null,
        null,
        null);
  }

  /** This node with {@code children} instead of its own. */
  public NodeStatus withChildren(List<String> children) {
    return copy(children, inputs, boundaryID, outboundNodes, memoizationStatus);
  }

  /**
   * This node with its inputs, boundary, outbound nodes and memoization status as its tree knows
   * them.
   */
  public NodeStatus withContext(
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes,
      MemoizationStatus memoizationStatus) {
    return copy(children, inputs, boundaryID, outboundNodes, memoizationStatus);
  }

  /**
   * This node as a client shows it while its pod runs: the live phase, message, start and host of
   * the pod's heartbeat, everything else kept.
   */
  public NodeStatus live(NodePhase phase, String message, Instant startedAt, String hostNodeName) {
    return new NodeStatus(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        daemoned,
        podIP);
  }

  /** This node shown as {@code shown} (a template's display-name annotation). */
  public NodeStatus withDisplayName(String shown) {
    return new NodeStatus(
        id,
        name,
        shown,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        daemoned,
        podIP);
  }

  /** This node with {@code restarts} as its {@link #failedPodRestarts}. */
  public NodeStatus withFailedPodRestarts(Integer restarts) {
    return new NodeStatus(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        restarts,
        cluster,
        daemoned,
        podIP);
  }

  /** This node with {@code name} as its {@link #cluster}. */
  public NodeStatus withCluster(String name) {
    return new NodeStatus(
        id,
        this.name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        name,
        daemoned,
        podIP);
  }

  private NodeStatus copy(
      List<String> children,
      NodeInputs inputs,
      String boundaryID,
      List<String> outboundNodes,
      MemoizationStatus memoizationStatus) {
    return new NodeStatus(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        daemoned,
        podIP);
  }

  /**
   * This node as a daemon whose pod runs and is ready at {@code ip} (Argo's {@code Daemoned}), or
   * no longer one ({@code ip} null: its boundary ended and stopped it).
   */
  public NodeStatus daemon(String ip) {
    return new NodeStatus(
        id,
        name,
        displayName,
        type,
        templateName,
        ip == null ? phase : NodePhase.Running,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        ip == null ? null : Boolean.TRUE,
        ip == null ? podIP : ip);
  }

  /** This node with {@code ip} as its pod IP, not daemoned (a stopped daemon's). */
  public NodeStatus withPodIP(String ip) {
    return new NodeStatus(
        id,
        name,
        displayName,
        type,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        children,
        outputs,
        podName,
        inputs,
        boundaryID,
        outboundNodes,
        memoizationStatus,
        failedPodRestarts,
        cluster,
        null,
        ip);
  }
}
