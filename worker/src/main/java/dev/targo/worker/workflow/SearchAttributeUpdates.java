package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

/**
 * Keeps the search attributes {@code ArgoPhase} and {@code ArgoAttempts} up to date, so {@code
 * targo list} and the Web UI can filter on them. Only where the client started the workflow with
 * {@code ArgoTemplate} set: it does so only when the server has targo's attributes registered, and
 * the start attributes are part of the history, so the choice replays the same way.
 */
final class SearchAttributeUpdates {
  static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword(Names.SA_PHASE);
  static final SearchAttributeKey<String> TEMPLATE =
      SearchAttributeKey.forKeyword(Names.SA_TEMPLATE);
  static final SearchAttributeKey<Long> ATTEMPTS = SearchAttributeKey.forLong(Names.SA_ATTEMPTS);
  static final SearchAttributeKey<String> NAMESPACE =
      SearchAttributeKey.forKeyword(Names.SA_NAMESPACE);

  private Boolean enabled;
  private String phase;
  private long attempts = -1;

  /** Sets {@code ArgoNamespace}: the namespace the worker chose for a workflow that names none. */
  void namespace(String namespace) {
    if (enabled()) {
      Workflow.upsertTypedSearchAttributes(NAMESPACE.valueSet(namespace));
    }
  }

  /** Upserts what changed since the last call. */
  void publish(WorkflowStatus status) {
    if (!enabled()) {
      return;
    }
    String nextPhase = status.phase().name();
    long nextAttempts =
        status.nodes().values().stream().map(NodeStatus::type).filter(NodeType.Pod::equals).count();
    if (status.omittedNodes() != null
        && status.omittedNodes() > 0
        && ChangeIds.isOn(ChangeIds.ATTEMPTS_COUNT_DROPPED)) {
      // Dropped attempts still ran: the count is every attempt, as progress counts them.
      nextAttempts += status.omittedNodes();
    }
    if (nextPhase.equals(phase) && nextAttempts == attempts) {
      return;
    }
    phase = nextPhase;
    attempts = nextAttempts;
    Workflow.upsertTypedSearchAttributes(
        PHASE.valueSet(nextPhase), ATTEMPTS.valueSet(nextAttempts));
  }

  private boolean enabled() {
    if (enabled == null) {
      enabled = Workflow.getTypedSearchAttributes().containsKey(TEMPLATE);
    }
    return enabled;
  }
}
