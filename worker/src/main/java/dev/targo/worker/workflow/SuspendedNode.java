package dev.targo.worker.workflow;

import dev.targo.api.temporal.NodeUpdate;
import dev.targo.argo.flow.SuspendedOutputs;
import dev.targo.argo.retry.AttemptPlanner.Plan;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The wait of one suspend attempt, Argo's {@code executeSuspend}: the node is Running until a
 * {@link NodeUpdate} with a phase names it ({@code targo resume}, {@code targo node set --phase}),
 * until its {@code duration} has passed on a durable timer (then it resumes itself, its unset
 * supplied outputs taking their defaults), or until the workflow is stopped ({@code Stopped with
 * strategy …}) or reaches its deadline ({@code Step exceeded its deadline}), as Argo's {@code
 * failNodesWithoutCreatedPodsAfterDeadlineOrShutdown} ends active suspend nodes.
 */
final class SuspendedNode {

  /** How the wait ended: the node's phase, message and outputs. */
  record End(NodePhase phase, String message, NodeOutputs outputs) {}

  private final RunContext ctx;
  private final String id;
  private SuspendedOutputs outputs;
  private String message;

  private SuspendedNode(RunContext ctx, String id, SuspendedOutputs outputs) {
    this.ctx = ctx;
    this.id = id;
    this.outputs = outputs;
  }

  /** Waits for node {@code id}, already in the tree as Running, to end. */
  static End await(RunContext ctx, String id, Plan.Suspend plan) {
    SuspendedNode node = new SuspendedNode(ctx, id, SuspendedOutputs.of(plan.template().outputs()));
    node.publish();
    return node.await(plan);
  }

  private End await(Plan.Suspend plan) {
    List<Promise<Void>> timer = new ArrayList<>();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> {
              if (plan.duration() != null) {
                TimerOptions options =
                    TimerOptions.newBuilder()
                        .setSummary(Summaries.suspend(plan.name(), plan.duration()))
                        .build();
                timer.add(Workflow.newTimer(plan.duration(), options));
              }
            });
    scope.run();
    int seen = ctx.suspensions().count();
    while (true) {
      int before = seen;
      Workflow.await(
          () ->
              ctx.suspensions().count() > before
                  || (!timer.isEmpty() && timer.getFirst().isCompleted())
                  || ctx.deadline().isCompleted()
                  || ctx.shutdown().isRequested());
      for (; seen < ctx.suspensions().count(); seen++) {
        End end = apply(ctx.suspensions().get(seen));
        if (end != null) {
          scope.cancel();
          return end;
        }
      }
      if (ctx.shutdown().isRequested()) {
        scope.cancel();
        return new End(NodePhase.Failed, ctx.shutdown().message(), outputs.waiting());
      }
      if (ctx.deadline().isCompleted()) {
        scope.cancel();
        return new End(NodePhase.Failed, "Step exceeded its deadline", outputs.waiting());
      }
      if (!timer.isEmpty() && timer.getFirst().isCompleted()) {
        // Argo's auto-resume: an unset supplied output without a default is an error.
        String problem = outputs.unresumable();
        return problem != null
            ? new End(NodePhase.Error, problem, outputs.waiting())
            : new End(NodePhase.Succeeded, message, outputs.resumed());
      }
    }
  }

  /**
   * Applies {@code update} if it names this node: its outputs and message, and its phase, which
   * ends the node (the end returned). An update Argo would refuse changes nothing, as there: the
   * client checks first, so this only happens when two clients raced.
   */
  private End apply(NodeUpdate update) {
    if (!update.nodeIds().contains(id)) {
      return null;
    }
    SuspendedOutputs next;
    try {
      next = outputs.set(update.outputs());
    } catch (IllegalArgumentException e) {
      Workflow.getLogger(SuspendedNode.class).warn("ignoring update of node {}: {}", id, e);
      return null;
    }
    NodePhase phase = update.phase() == null ? null : NodePhase.valueOf(update.phase());
    if (phase == NodePhase.Succeeded && next.unresumable() != null) {
      Workflow.getLogger(SuspendedNode.class)
          .warn("ignoring resume of node {}: {}", id, next.unresumable());
      return null;
    }
    outputs = next;
    if (update.message() != null) {
      message = update.message();
    }
    if (phase == null) {
      publish();
      return null;
    }
    return new End(
        phase, message, phase == NodePhase.Succeeded ? outputs.resumed() : outputs.waiting());
  }

  private void publish() {
    ctx.tree().outputs(id, outputs.waiting());
    ctx.tree().message(id, message);
    ctx.changed().run();
  }
}
