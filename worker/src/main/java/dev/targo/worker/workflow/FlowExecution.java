package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.Templating;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.flow.TemplateOutputs;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodeInputs;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * One execution of a steps or DAG body under a node name (an attempt of a retried node, or the node
 * itself): its Steps or DAG node, its children run by {@link StepsExecution} or {@link
 * DagExecution}, then its phase and its {@code outputs.parameters}.
 */
final class FlowExecution {
  private FlowExecution() {}

  /**
   * Runs the body of {@code template} as node {@code name} below {@code under}, its pods excluding
   * {@code excluded}.
   */
  static NodeResult run(
      RunContext ctx,
      Template template,
      String name,
      SortedMap<String, String> vars,
      List<String> under,
      List<String> excluded) {
    String id = PodNames.nodeId(ctx.workflowName(), name);
    Template t;
    try {
      t = Templating.substitute(template, vars);
    } catch (TemplatingException e) {
      return failedSubstitution(ctx, template, name, id, under, e);
    }
    boolean dag = t.body() instanceof TemplateBody.DagBody;
    NodeStatus started =
        ctx.tree()
            .started(id, name, dag ? NodeType.DAG : NodeType.Steps, t.name(), RunContext.now());
    ctx.tree().inputs(id, NodeInputs.of(t.inputs(), vars));
    ctx.tree().link(under, id);
    ctx.changed().run();
    ChildSlots slots = new ChildSlots(t.parallelism(), !dag && Boolean.TRUE.equals(t.failFast()));
    ChildrenOutcome outcome =
        switch (t.body()) {
          case TemplateBody.StepsBody steps ->
              new StepsExecution(ctx, started, steps, vars, excluded, slots).run();
          case TemplateBody.DagBody d ->
              new DagExecution(ctx, started, d, vars, excluded, slots).run();
          case TemplateBody.PodBody pod ->
              throw new IllegalStateException("not a steps or dag template: " + t.name());
          case TemplateBody.SuspendBody suspend ->
              throw new IllegalStateException("not a steps or dag template: " + t.name());
          case TemplateBody.HttpBody http ->
              throw new IllegalStateException("not a steps or dag template: " + t.name());
          case TemplateBody.ResourceBody resource ->
              throw new IllegalStateException("not a steps or dag template: " + t.name());
        };
    NodeOutputs outputs = null;
    NodePhase phase = outcome.phase();
    String message = outcome.message();
    // Argo's killDaemonedChildren: the daemons that ran on in this body stop with it. One that
    // ended by itself before fails the body, as Argo's next look at its step group or DAG does.
    for (NodeResult ended : ctx.daemons().stopBelow(ctx, name)) {
      if (phase == NodePhase.Succeeded) {
        phase = NodePhase.Failed;
        message = "child '" + ended.id() + "' failed";
      }
    }
    if (phase == NodePhase.Succeeded) {
      TemplateOutputs.Resolved resolved = TemplateOutputs.resolve(t, outcome.scope());
      outputs = resolved.outputs();
      if (resolved.error() != null) {
        phase = NodePhase.Error;
        message = resolved.error();
      }
    }
    Instant end = RunContext.now();
    ctx.tree().outbound(id, outcome.outbound());
    ctx.tree().finish(id, phase, message, outputs, end);
    ctx.changed().run();
    return new NodeResult(
        id,
        name,
        phase,
        message,
        started.startedAt(),
        end,
        null,
        outputs,
        outcome.failedHosts(),
        outcome.outbound().isEmpty() ? List.of(id) : outcome.outbound());
  }

  /** A body whose {@code {{=…}}} could not be evaluated: its node ends in Error at once. */
  private static NodeResult failedSubstitution(
      RunContext ctx,
      Template template,
      String name,
      String id,
      List<String> under,
      TemplatingException e) {
    boolean dag = template.body() instanceof TemplateBody.DagBody;
    Instant at = RunContext.now();
    ctx.tree().started(id, name, dag ? NodeType.DAG : NodeType.Steps, template.name(), at);
    ctx.tree().link(under, id);
    ctx.tree().finish(id, NodePhase.Error, e.getMessage(), null, at);
    ctx.changed().run();
    return new NodeResult(
        id, name, NodePhase.Error, e.getMessage(), at, at, null, null, List.of(), List.of(id));
  }
}
