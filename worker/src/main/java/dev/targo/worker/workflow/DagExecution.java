package dev.targo.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.PodNames;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.DagDecider;
import dev.targo.argo.flow.DagDecider.Finished;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.flow.LoopItems;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.flow.NodeRefs;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.TemplateBody.DagBody;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tasks of one DAG node (Argo's {@code executeDAG}): every task starts once all it depends on
 * has finished and its {@code depends} holds (else it is Omitted), in declaration order; a looped
 * task is a TaskGroup node with one child per item. Once no task runs, {@link DagDecider#assess}
 * gives the DAG's phase.
 */
final class DagExecution {
  private final RunContext ctx;
  private final NodeStatus node;
  private final DagBody dag;
  private final SortedMap<String, String> scope;
  private final List<String> excluded;
  private final TreeSet<String> failedHosts = new TreeSet<>();
  private final ChildSlots slots;
  private final Map<String, Finished> finished = new LinkedHashMap<>();
  private final Map<String, NodeResult> results = new LinkedHashMap<>();

  DagExecution(
      RunContext ctx,
      NodeStatus node,
      DagBody dag,
      SortedMap<String, String> vars,
      List<String> excluded,
      ChildSlots slots) {
    this.ctx = ctx;
    this.node = node;
    this.dag = dag;
    this.scope = new TreeMap<>(vars);
    this.excluded = excluded;
    this.slots = slots;
  }

  /** A finished task: its node, and its loop children's results when it loops. */
  private record TaskDone(NodeResult node, List<NodeResult> loopChildren) {}

  ChildrenOutcome run() {
    List<String> targets = DagDecider.targets(dag);
    Set<String> needed = DagDecider.needed(dag, targets);
    Set<String> started = new HashSet<>();
    Map<String, Promise<TaskDone>> running = new LinkedHashMap<>();
    while (true) {
      // Argo starts no task once the workflow is shutting down, and the DAG then fails.
      List<DagDecider.Next> next =
          ctx.shutdown().isRequested()
              ? List.of()
              : DagDecider.ready(dag, needed, started, finished);
      for (DagDecider.Next n : next) {
        DagTask task = n.task();
        started.add(task.name());
        if (n instanceof DagDecider.Next.Omit) {
          NodeResult omitted =
              ChildCall.ended(
                  ctx,
                  NodeNames.child(node.name(), task.name()),
                  Invocation.of(task),
                  parents(task),
                  NodePhase.Omitted,
                  DagDecider.OMITTED_MESSAGE);
          record(task, new TaskDone(omitted, null));
        } else {
          running.put(task.name(), start(task));
        }
      }
      if (!next.isEmpty()) {
        continue;
      }
      if (running.isEmpty()) {
        break;
      }
      Promise.anyOf(running.values()).get();
      for (Map.Entry<String, Promise<TaskDone>> e : List.copyOf(running.entrySet())) {
        if (e.getValue().isCompleted()) {
          running.remove(e.getKey());
          record(task(e.getKey()), e.getValue().get());
        }
      }
    }
    NodePhase phase =
        ctx.shutdown().isRequested() ? NodePhase.Failed : DagDecider.assess(dag, targets, finished);
    List<String> outbound = new ArrayList<>();
    for (String target : targets) {
      NodeResult r = results.get(target);
      if (r != null) {
        outbound.addAll(r.outbound());
      }
    }
    return new ChildrenOutcome(phase, null, scope, List.copyOf(failedHosts), outbound);
  }

  private void record(DagTask task, TaskDone done) {
    NodeResult r = done.node();
    failedHosts.addAll(r.failedHosts());
    results.put(task.name(), r);
    List<NodePhase> loopPhases =
        done.loopChildren() == null
            ? null
            : done.loopChildren().stream().map(NodeResult::phase).toList();
    finished.put(task.name(), new Finished(r.phase(), loopPhases));
    if (done.loopChildren() != null) {
      scope.putAll(NodeRefs.aggregate("tasks", task.name(), done.loopChildren()));
    }
    scope.putAll(NodeRefs.of("tasks", task.name(), r));
    scope.putAll(SkippedNodeOutputs.of(ctx, "tasks", task.name(), task.template(), r));
  }

  /**
   * Argo hangs a task below the outbound nodes of what it depends on, a root task below the DAG.
   */
  private List<String> parents(DagTask task) {
    if (task.dependencies().isEmpty()) {
      return List.of(node.id());
    }
    List<String> parents = new ArrayList<>();
    for (String dep : task.dependencies()) {
      NodeResult r = results.get(dep);
      if (r != null) {
        parents.addAll(r.outbound());
      }
    }
    return parents;
  }

  private Promise<TaskDone> start(DagTask task) {
    String name = NodeNames.child(node.name(), task.name());
    scope.putAll(GlobalVariables.expand(scope, RunContext.now()));
    List<String> parents = parents(task);
    Invocation inv;
    try {
      inv = Invocation.of(task).substituted(scope);
    } catch (TemplatingException e) {
      NodeResult error =
          ChildCall.ended(ctx, name, Invocation.of(task), parents, NodePhase.Error, e.getMessage());
      return Async.function(() -> new TaskDone(error, null));
    }
    if (inv.loop() == null) {
      return slots
          .start(() -> ChildCall.start(ctx, name, inv, parents, excluded))
          .thenApply(r -> new TaskDone(r, null));
    }
    LoopItems.Expansion expansion = LoopItems.expand(inv.loop());
    if (expansion instanceof LoopItems.Expansion.Invalid invalid) {
      NodeResult error =
          ChildCall.ended(ctx, name, inv, parents, NodePhase.Error, invalid.message());
      return Async.function(() -> new TaskDone(error, null));
    }
    List<JsonNode> items = ((LoopItems.Expansion.Items) expansion).items();
    if (items.isEmpty()) {
      NodeResult skipped =
          ChildCall.ended(ctx, name, inv, parents, NodePhase.Skipped, "Skipped, empty params");
      return Async.function(() -> new TaskDone(skipped, List.of()));
    }
    String id = PodNames.nodeId(ctx.workflowName(), node.name() + "." + task.name());
    NodeStatus group =
        ctx.tree().started(id, name, NodeType.TaskGroup, inv.template(), RunContext.now());
    ctx.tree().link(parents, id);
    ctx.changed().run();
    List<Promise<NodeResult>> children = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      JsonNode item = items.get(k);
      int index = k;
      // Never null: a DAG's slots have no failFast (its dag.failFast is DagDecider's).
      children.add(
          slots.start(() -> ChildCall.startItem(ctx, node.name(), inv, index, item, id, excluded)));
    }
    return Promise.allOf(children)
        .thenApply(
            ignored -> {
              List<NodeResult> done = children.stream().map(Promise::get).toList();
              NodePhase phase = NodePhase.Succeeded;
              List<String> outbound = new ArrayList<>();
              TreeSet<String> hosts = new TreeSet<>();
              for (NodeResult c : done) {
                if (c.phase().failedOrError()) {
                  phase = c.phase();
                }
                outbound.addAll(c.outbound());
                hosts.addAll(c.failedHosts());
              }
              ctx.tree().finish(id, phase, null, null, RunContext.now());
              ctx.changed().run();
              NodeResult r =
                  new NodeResult(
                      id,
                      name,
                      phase,
                      null,
                      group.startedAt(),
                      RunContext.now(),
                      null,
                      null,
                      List.copyOf(hosts),
                      outbound);
              return new TaskDone(r, done);
            });
  }

  private DagTask task(String name) {
    return dag.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
