package dev.targo.worker.workflow;

/**
 * The one registry of workflow change ids (docs/DESIGN.md §6). targo 0.1.0 is the first release:
 * its workflow code is the baseline every later run replays against, and it has no change id. A
 * later change to workflow code that is not replay-safe adds one constant here, with why it exists
 * and when it can go (once no run started before it can still be running or replayed), and asks for
 * it with {@code Workflow.getVersion(ChangeIds.X, Workflow.DEFAULT_VERSION, 1)} at the place where
 * the old and new code part. No other class calls {@code Workflow.getVersion}.
 */
final class ChangeIds {
  private ChangeIds() {}
}
