package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.flow.Inputs;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final String workflowName;
  private final String rootId;
  private final List<LifecycleHook> hooks;
  private final Map<String, Promise<Void>> started = new LinkedHashMap<>();

  WorkflowHooks(RunContext ctx, String workflowName, List<LifecycleHook> hooks) {
    this.ctx = ctx;
    this.workflowName = workflowName;
    this.rootId = PodNames.nodeId(workflowName, workflowName);
    this.hooks = hooks;
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
    started.values().forEach(Promise::get);
  }

  private void fire(NodePhase status) {
    SortedMap<String, String> globals = new TreeMap<>(ctx.globals());
    globals.put("workflow.status", status.name());
    for (LifecycleHook hook : hooks) {
      if (started.containsKey(hook.name())) {
        continue;
      }
      String problem = null;
      boolean holds;
      try {
        holds = Expr.parse(hook.expression()).evaluateBool(new TreeMap<>(globals));
      } catch (ExprException e) {
        holds = true;
        problem = e.getMessage();
      }
      if (holds) {
        String failed = problem;
        started.put(hook.name(), Async.procedure(() -> run(hook, globals, failed)));
      }
    }
  }

  private void run(LifecycleHook hook, SortedMap<String, String> globals, String problem) {
    String name = workflowName + ".hooks." + hook.name();
    List<String> parents = List.of(rootId);
    Template template = ctx.plan().template(hook.template());
    if (problem == null && template == null) {
      problem = "template " + hook.template() + " not found";
    }
    SortedMap<String, String> inputs = null;
    if (problem == null) {
      List<Parameter> arguments =
          hook.arguments() == null ? List.of() : Invocation.substituted(hook.arguments(), globals);
      Inputs.Binding binding = Inputs.bind(template, arguments);
      if (binding instanceof Inputs.Binding.Missing missing) {
        problem = missing.message();
      } else {
        inputs = ((Inputs.Binding.Bound) binding).vars();
      }
    }
    if (problem != null) {
      String id = PodNames.nodeId(workflowName, name);
      Instant at = RunContext.now();
      ctx.tree().ended(id, name, hook.template(), NodePhase.Error, problem, at);
      ctx.tree().link(parents, id);
      ctx.changed().run();
      return;
    }
    RunContext hookCtx = ctx.with(globals, ctx.shutdown());
    new NodeRunner(hookCtx, hookCtx.node(name, template, inputs, List.of()), parents).run();
  }

  /** The names of the hooks that have run or are running, in the order they started. */
  List<String> fired() {
    return new ArrayList<>(started.keySet());
  }
}
