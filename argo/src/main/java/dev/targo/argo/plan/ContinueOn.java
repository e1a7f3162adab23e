package dev.targo.argo.plan;

/**
 * Argo {@code continueOn} of a step or task: a failure of this node does not fail its parent.
 *
 * @param failed {@code failed}: carry on when the node ends Failed
 * @param error {@code error}: carry on when the node ends Error
 */
public record ContinueOn(boolean failed, boolean error) {}
