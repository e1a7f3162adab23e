package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.DagDecider;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.flow.LoopItems;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.flow.NodeRefs;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.TemplateBody.StepsBody;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The children of one steps node (Argo's {@code executeSteps}): step groups one after the other,
 * the steps of a group in parallel, a looped step fanned out into one child per item. The first
 * group that fails ends the node Failed with the group's message, whatever phase the child had.
 */
final class StepsExecution {
  private final RunContext ctx;
  private final NodeStatus node;
  private final StepsBody steps;
  private final SortedMap<String, String> scope;
  private final List<String> excluded;
  private final TreeSet<String> failedHosts = new TreeSet<>();
  private final ChildSlots slots;

  StepsExecution(
      RunContext ctx,
      NodeStatus node,
      StepsBody steps,
      SortedMap<String, String> vars,
      List<String> excluded,
      ChildSlots slots) {
    this.ctx = ctx;
    this.node = node;
    this.steps = steps;
    this.scope = new TreeMap<>(vars);
    this.excluded = excluded;
    this.slots = slots;
  }

  ChildrenOutcome run() {
    List<String> parents = List.of(node.id());
    for (int i = 0; i < steps.groups().size(); i++) {
      if (ctx.shutdown().isRequested()) {
        // Argo starts nothing new once the workflow is shutting down.
        return outcome(NodePhase.Failed, ctx.shutdown().message(), List.of());
      }
      String groupName = NodeNames.stepGroup(node.name(), i);
      String groupId = PodNames.nodeId(ctx.workflowName(), groupName);
      ctx.tree()
          .started(groupId, groupName, NodeType.StepGroup, node.templateName(), RunContext.now());
      ctx.tree().link(parents, groupId);
      ctx.changed().run();
      GroupResult group = runGroup(steps.groups().get(i), groupName, groupId);
      ctx.tree().finish(groupId, group.phase(), group.message(), null, RunContext.now());
      ctx.changed().run();
      if (group.phase() != NodePhase.Succeeded) {
        return outcome(NodePhase.Failed, group.message(), List.of());
      }
      parents = group.outbound().isEmpty() ? List.of(groupId) : group.outbound();
    }
    return outcome(NodePhase.Succeeded, null, parents);
  }

  private ChildrenOutcome outcome(NodePhase phase, String message, List<String> outbound) {
    return new ChildrenOutcome(phase, message, scope, List.copyOf(failedHosts), outbound);
  }

  /**
   * @param phase Succeeded, Failed or Error
   * @param message Argo's message for a failed group ({@code child '<id>' failed}), or null
   * @param outbound the outbound nodes of its children
   */
  private record GroupResult(NodePhase phase, String message, List<String> outbound) {}

  /** One child of the group: the step it belongs to, and its running or finished node. */
  private record Child(Step step, boolean looped, Promise<NodeResult> result) {}

  private GroupResult runGroup(StepGroup group, String groupName, String groupId) {
    List<String> parents = List.of(groupId);
    scope.putAll(GlobalVariables.expand(scope, RunContext.now()));
    List<Child> children = new ArrayList<>();
    for (Step step : group.steps()) {
      Invocation inv;
      try {
        inv = Invocation.of(step).substituted(scope);
      } catch (TemplatingException e) {
        String name = NodeNames.child(groupName, step.name());
        NodeResult error =
            ChildCall.ended(
                ctx, name, Invocation.of(step), parents, NodePhase.Error, e.getMessage());
        children.add(new Child(step, false, ChildCall.done(error)));
        continue;
      }
      if (inv.loop() == null) {
        Promise<NodeResult> started = start(groupName, inv, parents);
        if (started != null) {
          children.add(new Child(step, false, started));
        }
        continue;
      }
      LoopItems.Expansion expansion = LoopItems.expand(inv.loop());
      if (expansion instanceof LoopItems.Expansion.Invalid invalid) {
        return new GroupResult(NodePhase.Error, invalid.message(), List.of());
      }
      List<com.fasterxml.jackson.databind.JsonNode> items =
          ((LoopItems.Expansion.Items) expansion).items();
      if (items.isEmpty()) {
        String name = NodeNames.child(groupName, step.name());
        ChildCall.ended(ctx, name, inv, parents, NodePhase.Skipped, "Skipped, empty params");
        continue;
      }
      for (int k = 0; k < items.size(); k++) {
        com.fasterxml.jackson.databind.JsonNode item = items.get(k);
        int index = k;
        Promise<NodeResult> started =
            slots.start(
                () -> ChildCall.startItem(ctx, groupName, inv, index, item, groupId, excluded));
        if (started != null) {
          children.add(new Child(step, true, started));
        }
      }
    }
    Promise.allOf(children.stream().map(Child::result).toList()).get();

    Map<String, List<NodeResult>> loops = new LinkedHashMap<>();
    List<String> outbound = new ArrayList<>();
    String failure = null;
    for (Child child : children) {
      NodeResult r = child.result().get();
      failedHosts.addAll(r.failedHosts());
      outbound.addAll(r.outbound());
      if (child.looped()) {
        loops.computeIfAbsent(child.step().name(), k -> new ArrayList<>()).add(r);
      } else {
        scope.putAll(NodeRefs.of("steps", child.step().name(), r));
        scope.putAll(
            SkippedNodeOutputs.of(ctx, "steps", child.step().name(), child.step().template(), r));
      }
      boolean continues = DagDecider.continuesOn(child.step().continueOn(), r.phase());
      if (failure == null && r.phase().failedOrError() && !continues) {
        failure = "child '" + r.id() + "' failed";
      }
    }
    if (slots.stopped()) {
      return new GroupResult(NodePhase.Failed, ChildSlots.FAIL_FAST, outbound);
    }
    if (failure != null) {
      return new GroupResult(NodePhase.Failed, failure, outbound);
    }
    loops.forEach(
        (name, results) -> {
          scope.putAll(NodeRefs.aggregate("steps", name, results));
          scope.put("steps." + name + ".id", groupId);
          scope.put("steps." + name + ".status", NodePhase.Succeeded.name());
        });
    return new GroupResult(NodePhase.Succeeded, null, outbound);
  }

  private Promise<NodeResult> start(String groupName, Invocation inv, List<String> parents) {
    return slots.start(
        () -> ChildCall.start(ctx, NodeNames.child(groupName, inv.name()), inv, parents, excluded));
  }
}
