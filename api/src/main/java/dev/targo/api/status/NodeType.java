package dev.targo.api.status;

/** Argo {@code NodeType} values targo produces. */
public enum NodeType {
  Pod,
  Retry,
  Steps,
  StepGroup,
  DAG,
  Skipped
}
