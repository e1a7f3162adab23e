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
  HTTP,
  /**
   * One container of a {@code containerSet} pod ({@code <pod node>.<container>}), below the Pod
   * node or below the containers it depends on.
   */
  Container;

  /**
   * True for the nodes Argo's progress counts, one each: pods and the containers of container sets
   * (targo does not count Suspend nodes, which Argo also counts).
   */
  public boolean counted() {
    return this == Pod || this == Container;
  }
}
