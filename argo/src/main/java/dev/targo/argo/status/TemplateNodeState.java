package dev.targo.argo.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation of a container or script template, as Argo shows it: a {@code Retry} node with one
 * {@code Pod} child per attempt when the template has a retry strategy, else a single {@code Pod}
 * node. Immutable; each change returns a new state. Only the most recent {@link #KEPT_ATTEMPTS}
 * attempt nodes are kept, so that a template retried forever keeps a bounded status; older ones are
 * counted in {@link #omittedAttempts}. Only finished attempts are ever dropped, and an attempt that
 * succeeded is always the last one, so every dropped attempt Failed or Errored.
 *
 * @param id the node id
 * @param name the node name
 * @param templateName the template
 * @param retried true for a Retry node with attempt children
 * @param phase Running until finished, then the final phase
 * @param message the node message ({@code Backoff for …} while waiting, the final message), or null
 * @param startedAt when the node was created
 * @param finishedAt when it finished, or null
 * @param outputs the last attempt's outputs once finished, or null
 * @param attempts the kept attempt nodes, oldest first
 * @param omittedAttempts how many older attempt nodes were dropped
 */
public record TemplateNodeState(
    String id,
    String name,
    String templateName,
    boolean retried,
    NodePhase phase,
    String message,
    Instant startedAt,
    Instant finishedAt,
    NodeOutputs outputs,
    List<NodeStatus> attempts,
    int omittedAttempts) {

  /** How many attempt nodes a state keeps in full. */
  public static final int KEPT_ATTEMPTS = 100;

  public TemplateNodeState {
    attempts = List.copyOf(attempts);
  }

  /** A node that has just started: Running, no attempt yet. */
  public static TemplateNodeState started(
      String id, String name, String templateName, boolean retried, Instant startedAt) {
    return new TemplateNodeState(
        id,
        name,
        templateName,
        retried,
        NodePhase.Running,
        null,
        startedAt,
        null,
        null,
        List.of(),
        0);
  }

  /** The state a retry node had when its run continued as new. */
  public static TemplateNodeState restored(
      NodeStatus retryNode, List<NodeStatus> attempts, int omittedAttempts) {
    return new TemplateNodeState(
        retryNode.id(),
        retryNode.name(),
        retryNode.templateName(),
        true,
        retryNode.phase(),
        retryNode.message(),
        retryNode.startedAt(),
        retryNode.finishedAt(),
        retryNode.outputs(),
        attempts,
        omittedAttempts);
  }

  /** With a new attempt node appended; a waiting message is cleared as the attempt starts. */
  public TemplateNodeState withAttemptCreated(NodeStatus attempt) {
    List<NodeStatus> all = new ArrayList<>(attempts);
    all.add(attempt);
    int drop = Math.max(0, all.size() - KEPT_ATTEMPTS);
    return new TemplateNodeState(
        id,
        name,
        templateName,
        retried,
        phase,
        null,
        startedAt,
        finishedAt,
        outputs,
        all.subList(drop, all.size()),
        omittedAttempts + drop);
  }

  /** With the last attempt node replaced by {@code attempt} (same id, new phase). */
  public TemplateNodeState withLastAttempt(NodeStatus attempt) {
    List<NodeStatus> all = new ArrayList<>(attempts);
    all.set(all.size() - 1, attempt);
    return new TemplateNodeState(
        id,
        name,
        templateName,
        retried,
        phase,
        message,
        startedAt,
        finishedAt,
        outputs,
        all,
        omittedAttempts);
  }

  /** With {@code message} on the node while it waits (Argo: {@code Backoff for 4 seconds}). */
  public TemplateNodeState waiting(String message) {
    return new TemplateNodeState(
        id,
        name,
        templateName,
        retried,
        phase,
        message,
        startedAt,
        finishedAt,
        outputs,
        attempts,
        omittedAttempts);
  }

  /** Finished: Argo copies the last attempt's outputs to the retry node, whatever its phase. */
  public TemplateNodeState finished(NodePhase finalPhase, String finalMessage, Instant at) {
    NodeOutputs last = attempts.isEmpty() ? null : attempts.getLast().outputs();
    return new TemplateNodeState(
        id,
        name,
        templateName,
        retried,
        finalPhase,
        finalMessage,
        startedAt,
        at,
        last,
        attempts,
        omittedAttempts);
  }

  /** The last attempt node, or null before the first. */
  public NodeStatus lastAttempt() {
    return attempts.isEmpty() ? null : attempts.getLast();
  }

  /** The node itself: the Retry node, or the single Pod node. */
  public NodeStatus node() {
    if (!retried && !attempts.isEmpty()) {
      return attempts.getFirst();
    }
    List<String> children = attempts.stream().map(NodeStatus::id).toList();
    return new NodeStatus(
        id,
        name,
        name,
        retried ? NodeType.Retry : NodeType.Pod,
        templateName,
        phase,
        message,
        startedAt,
        finishedAt,
        null,
        children,
        outputs,
        null);
  }

  /** Every node, as Argo lists them: the node itself, then its attempts in creation order. */
  public List<NodeStatus> nodes() {
    if (!retried) {
      return List.of(node());
    }
    List<NodeStatus> all = new ArrayList<>(attempts.size() + 1);
    all.add(node());
    all.addAll(attempts);
    return all;
  }
}
