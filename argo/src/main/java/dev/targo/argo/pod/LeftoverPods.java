package dev.targo.argo.pod;

/**
 * Whether the sweeper deletes the pods targo left behind for a workflow, from the state of that
 * workflow. Pods outlive their workflow when no workflow code ran at its end: terminated or timed
 * out from Temporal directly, or cancelled (the workflow then deletes only a running attempt's
 * pod). A workflow that no longer exists (its retention passed) loses its pods too, as Argo's pods
 * go with their deleted {@code Workflow} through their owner reference. Pure.
 */
public final class LeftoverPods {
  private LeftoverPods() {}

  /** A workflow's state as Temporal describes it, or NOT_FOUND. */
  public enum WorkflowState {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED,
    TERMINATED,
    CONTINUED_AS_NEW,
    TIMED_OUT,
    NOT_FOUND,
    /** The state could not be read (a new status, an error): nothing is decided. */
    UNKNOWN
  }

  /** Looks up the state of a workflow by its id. */
  @FunctionalInterface
  public interface WorkflowStates {
    WorkflowState of(String workflowId);
  }

  /** True when the workflow's remaining pods are to be deleted. */
  public static boolean delete(WorkflowState state) {
    return switch (state) {
      case TERMINATED, TIMED_OUT, CANCELED, NOT_FOUND -> true;
      // Running: its pods are in use. Completed or failed: its podGC strategy already decided
      // which pods stay (OnPodSuccess keeps failed pods for inspection until the workflow goes).
      // Continued as new: a later run of the same id is the one described, never this.
      case RUNNING, COMPLETED, FAILED, CONTINUED_AS_NEW, UNKNOWN -> false;
    };
  }

  /**
   * True when the workflow's persistent volume claims of {@code volumeClaimTemplates} are to be
   * deleted. Argo's default {@code volumeClaimGC} ({@code OnSuccess}, {@code deletePVCs}) deletes
   * them when the workflow succeeded and keeps a failed workflow's until the workflow itself is
   * deleted (its owner reference). targo's workflow that ended any other way than Failed or Error
   * (Temporal's FAILED) ran no Argo end, and its claims go as its pods do.
   */
  public static boolean deleteClaims(WorkflowState state) {
    return switch (state) {
      case COMPLETED, TERMINATED, TIMED_OUT, CANCELED, NOT_FOUND -> true;
      case RUNNING, FAILED, CONTINUED_AS_NEW, UNKNOWN -> false;
    };
  }

  /**
   * True when the workflow's {@code podDisruptionBudget} is to be deleted: once it has ended,
   * however it ended, as Argo's {@code deletePDBResource} runs when the workflow completes.
   */
  public static boolean deleteBudget(WorkflowState state) {
    return switch (state) {
      case COMPLETED, FAILED, TERMINATED, TIMED_OUT, CANCELED, NOT_FOUND -> true;
      case RUNNING, CONTINUED_AS_NEW, UNKNOWN -> false;
    };
  }

  /**
   * True when the workflow's owner anchor (what its {@code setOwnerReference} objects are owned by)
   * is to be deleted: once the workflow's record is gone ({@code targo server}'s DELETE, its {@code
   * ttlStrategy}, a cron workflow's history limit, the namespace's retention), as Argo's owned
   * objects go when the Workflow object is deleted and stay while it is kept, however it ended.
   */
  public static boolean deleteOwnerAnchor(WorkflowState state) {
    return switch (state) {
      case NOT_FOUND -> true;
      case RUNNING, COMPLETED, FAILED, TERMINATED, TIMED_OUT, CANCELED, CONTINUED_AS_NEW, UNKNOWN ->
          false;
    };
  }
}
