package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.status.NodePhase;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A workflow's lifecycle hooks other than {@code exit}, Argo's {@code executeWfLifeCycleHook}
 * ({@code workflow/controller/hooks.go}): each runs its template once, as node {@code
 * <workflow>.hooks.<name>} below the root node, the first time its expression holds over the
 * workflow's variables, {@code workflow.status} being {@code Running} while the entrypoint runs and
 * its outcome once it has ended (Argo sets it from the entry node before it evaluates the hooks);
 * the workflow waits for every hook that ran before its exit handler. An expression that cannot be
 * evaluated ends its hook node in Error. Workflow code: evaluation is pure, and each hook runs in a
 * workflow thread of its own.
 */
final class WorkflowHooks {
  private final RunContext ctx;
  private final String rootId;
  private final ExpressionHooks hooks;

  WorkflowHooks(RunContext ctx, String workflowName, List<LifecycleHook> hooks) {
    this.ctx = ctx;
    this.rootId = PodNames.nodeId(workflowName, workflowName);
    this.hooks = new ExpressionHooks(ctx, workflowName, hooks, List.of());
  }

  /** While the entrypoint runs: each hook whose expression holds then starts once its root does. */
  void startWhileRunning() {
    if (hooks.isEmpty()) {
      return;
    }
    Async.procedure(
        () -> {
          Workflow.await(() -> ctx.tree().get(rootId) != null);
          fire(NodePhase.Running);
        });
  }

  /**
   * Once the entrypoint has ended with {@code phase}: the hooks not run yet whose expression holds
   * now start, then every hook that ran is waited for.
   */
  void finish(NodePhase phase) {
    fire(phase);
    hooks.awaitStarted();
  }

  private void fire(NodePhase status) {
    SortedMap<String, String> globals = new TreeMap<>(ctx.globals());
    globals.put("workflow.status", status.name());
    hooks.fire(globals);
  }

  /** The names of the hooks that have run or are running, in the order they started. */
  List<String> fired() {
    return hooks.fired();
  }
}
