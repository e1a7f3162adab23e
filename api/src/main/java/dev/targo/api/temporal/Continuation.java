package dev.targo.api.temporal;

/**
 * State an {@link ArgoWorkflow} run carries into its next run when it continues as new, so that an
 * unbounded retry loop keeps a bounded history. Its fields are owned by the workflow
 * implementation.
 */
public record Continuation() {}
