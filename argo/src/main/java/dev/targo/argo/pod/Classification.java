package dev.targo.argo.pod;

import dev.targo.argo.status.NodePhase;

/**
 * What a pod's state means for its Argo Pod node.
 *
 * @param phase Pending, Running, Succeeded, Failed or Error
 * @param message Argo's node message ({@code main: Error (exit code 1)}, the scheduler's reason
 *     while Pending), or null
 * @param exitCode the main container's exit code once it terminated, else null
 */
public record Classification(NodePhase phase, String message, Integer exitCode) {

  /** True once the attempt has ended (Succeeded, Failed or Error). */
  public boolean finished() {
    return phase.fulfilled();
  }
}
