package dev.targo.argo.status;

/** Argo {@code NodeType} values targo produces. */
public enum NodeType {
  Pod,
  Retry,
  Steps,
  StepGroup,
  DAG,
  /** A looped DAG task: one child per item. */
  TaskGroup,
  Skipped,
  /** A {@code suspend} template's node: Running until resumed or its duration has passed. */
  Suspend,
  /** An {@code http} template's node: one request, sent by the worker. */
  HTTP
}
