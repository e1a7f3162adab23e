package dev.targo.cli.client;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.ResubmitFormulation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Argo's {@code argo resubmit --memoized} ({@code FormulateResubmitWorkflow} with {@code memoized})
 * for {@code targo resubmit} and {@code targo server}'s {@code PUT …/resubmit} (docs/DESIGN.md
 * §22): the refusal of a workflow that is not Failed or Error, and the nodes the new workflow keeps
 * of the old one ({@link ResubmitFormulation}), which it adopts as a retried run adopts its kept
 * nodes.
 */
public final class Resubmissions {
  private Resubmissions() {}

  /**
   * Argo's warning when parameters are overridden on a memoized resubmission: the nodes carried
   * over keep the outputs they made with the old values.
   */
  public static final String PARAMETERS_WARNING =
      "Overriding parameters on memoized or resubmitted workflows may have unexpected results";

  /**
   * Why {@code old} cannot be resubmitted in memoized mode ({@code cannot resubmit NAME:} and
   * Argo's words), or null when it can.
   */
  public static String memoizedRefusal(RunRecord old) {
    String refusal =
        ResubmitFormulation.refusal(old.running() ? NodePhase.Running : old.status().phase());
    return refusal == null ? null : "cannot resubmit " + old.name() + ": " + refusal;
  }

  /**
   * What workflow {@code newName}, the memoized resubmission of {@code old}, keeps of it: the nodes
   * Argo carries over, renamed to it, and a {@code workflow.uid} of its own (it is a new workflow,
   * as Argo's is a new object); no pod is deleted, none of the new workflow's exists yet.
   *
   * @param now the carried-over nodes' start and end
   */
  public static WorkflowRetry kept(RunRecord old, String newName, Instant now) {
    return new WorkflowRetry(
        UUID.randomUUID().toString(),
        ResubmitFormulation.formulate(old.name(), old.status().nodes(), newName, now).retained(),
        List.of());
  }
}
