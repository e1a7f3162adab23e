package dev.targo.worker.workflow;

import dev.targo.argo.status.NodePhase;
import java.util.List;
import java.util.SortedMap;

/**
 * How the children of a steps or DAG node ended.
 *
 * @param phase the node's phase
 * @param message the node's message, or null
 * @param scope the variables its children left ({@code steps.X.*} / {@code tasks.X.*}), for its
 *     outputs
 * @param failedHosts hosts of every failed pod below, sorted
 * @param outbound Argo's outbound nodes of the node
 */
record ChildrenOutcome(
    NodePhase phase,
    String message,
    SortedMap<String, String> scope,
    List<String> failedHosts,
    List<String> outbound) {}
