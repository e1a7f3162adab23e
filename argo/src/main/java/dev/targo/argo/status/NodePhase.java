package dev.targo.argo.status;

/** Argo {@code NodePhase} / {@code WorkflowPhase} values. */
public enum NodePhase {
  Pending,
  Running,
  Succeeded,
  Skipped,
  Failed,
  Error,
  Omitted;

  /** True for Succeeded, Skipped, Failed, Error and Omitted. */
  public boolean fulfilled() {
    return this != Pending && this != Running;
  }

  /** True for Failed and Error. */
  public boolean failedOrError() {
    return this == Failed || this == Error;
  }
}
