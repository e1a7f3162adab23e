package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.NodeRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.status.NodePhase;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A step's or task's lifecycle hooks other than {@code exit}, Argo's {@code
 * executeTmplLifeCycleHook} ({@code workflow/controller/hooks.go}): each runs its template once, as
 * node {@code <node>.hooks.<name>} below the step's node, the first time its expression holds over
 * the workflow's variables and the step's own ({@code steps.NAME.status}, or {@code tasks.NAME.*}),
 * and the step's child workflow waits for every hook that ran before it returns, so the step group
 * (or the task's dependants) waits for them too, as Argo's {@code hookCompleted}. The expressions
 * are evaluated when the node starts ({@code Running}) and once it has ended (its phase, with its
 * outputs): Argo evaluates them on each pass of its controller, which can miss a short Running
 * phase; targo does not. A hook's arguments may name the step's outputs, resolved once it has them.
 * An expression that cannot be evaluated ends its hook node in Error. A {@code Terminate} starts no
 * hook. Workflow code: evaluation is pure, and each hook runs in a workflow thread of its own.
 */
final class NodeHooks {
  private final RunContext ctx;
  private final NodeRun run;
  private final String nodeId;
  private final ExpressionHooks hooks;
  private boolean ended;

  NodeHooks(RunContext ctx, NodeRun run) {
    this.ctx = ctx;
    this.run = run;
    this.nodeId = PodNames.nodeId(run.workflowName(), run.nodeName());
    this.hooks = new ExpressionHooks(ctx, run.nodeName(), run.hooks(), run.excludedHosts());
  }

  /** True when the node has hooks of this kind. */
  boolean any() {
    return !hooks.isEmpty();
  }

  /** While the node runs: each hook whose expression holds then starts once its node exists. */
  void startWhileRunning() {
    if (!any()) {
      return;
    }
    Async.procedure(
        () -> {
          Workflow.await(() -> ended || ctx.tree().get(nodeId) != null);
          if (!ended) {
            SortedMap<String, String> vars = new TreeMap<>(ctx.globals());
            vars.put(run.hookRef() + ".id", nodeId);
            vars.put(run.hookRef() + ".status", NodePhase.Running.name());
            hooks.fire(vars);
          }
        });
  }

  /**
   * Once the node has ended as {@code node}: the hooks not run yet whose expression holds now
   * start, then every hook that ran is waited for.
   */
  void finish(NodeResult node) {
    if (!any()) {
      return;
    }
    ended = true;
    if (!Names.STOP_STRATEGY_TERMINATE.equals(ctx.shutdown().strategy())) {
      hooks.fire(ExitHooks.own(ctx, run.hookRef(), node));
    }
    hooks.awaitStarted();
  }
}
