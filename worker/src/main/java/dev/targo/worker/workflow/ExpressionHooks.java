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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lifecycle hooks with an {@code expression}, of the workflow ({@link WorkflowHooks}) or of a step
 * or task ({@link NodeHooks}), Argo's {@code executeWfLifeCycleHook} and {@code
 * executeTmplLifeCycleHook} ({@code workflow/controller/hooks.go}): each runs its template once, as
 * node {@code <owner>.hooks.<name>} below the owner's node, the first time its expression holds
 * over the variables it is given. An expression that cannot be evaluated ends its hook node in
 * Error. Workflow code: evaluation is pure, and each hook runs in a workflow thread of its own.
 */
final class ExpressionHooks {
  private final RunContext ctx;
  private final String owner;
  private final List<LifecycleHook> hooks;
  private final List<String> excludedHosts;
  private final Map<String, Promise<Void>> started = new LinkedHashMap<>();

  /**
   * @param owner the name of the node the hooks belong to (the workflow's root, or a step's node)
   * @param excludedHosts hosts the hooks' pods avoid (a retried ancestor's {@code
   *     nodeAntiAffinity})
   */
  ExpressionHooks(
      RunContext ctx, String owner, List<LifecycleHook> hooks, List<String> excludedHosts) {
    this.ctx = ctx;
    this.owner = owner;
    this.hooks = List.copyOf(hooks);
    this.excludedHosts = List.copyOf(excludedHosts);
  }

  boolean isEmpty() {
    return hooks.isEmpty();
  }

  /** Starts every hook not run yet whose expression holds over {@code vars}. */
  void fire(SortedMap<String, String> vars) {
    for (LifecycleHook hook : hooks) {
      if (started.containsKey(hook.name())) {
        continue;
      }
      String problem = null;
      boolean holds;
      try {
        holds = Expr.parse(hook.expression()).evaluateBool(new TreeMap<>(vars));
      } catch (ExprException e) {
        holds = true;
        problem = "invalid hook expression `" + hook.expression() + "`: " + e.getMessage();
      }
      if (holds) {
        String failed = problem;
        started.put(hook.name(), Async.procedure(() -> run(hook, vars, failed)));
      }
    }
  }

  /** Waits for every hook that has started. */
  void awaitStarted() {
    List.copyOf(started.values()).forEach(Promise::get);
  }

  /** The names of the hooks that have run or are running, in the order they started. */
  List<String> fired() {
    return new ArrayList<>(started.keySet());
  }

  private void run(LifecycleHook hook, SortedMap<String, String> vars, String problem) {
    String name = owner + ".hooks." + hook.name();
    List<String> parents = List.of(PodNames.nodeId(ctx.workflowName(), owner));
    Template template = ctx.plan().template(hook.template());
    if (problem == null && template == null) {
      problem = "template " + hook.template() + " not found";
    }
    SortedMap<String, String> inputs = null;
    if (problem == null) {
      List<Parameter> arguments =
          hook.arguments() == null ? List.of() : Invocation.substituted(hook.arguments(), vars);
      Inputs.Binding binding = Inputs.bind(template, arguments);
      if (binding instanceof Inputs.Binding.Missing missing) {
        problem = missing.message();
      } else {
        inputs = ((Inputs.Binding.Bound) binding).vars();
      }
    }
    if (problem != null) {
      String id = PodNames.nodeId(ctx.workflowName(), name);
      Instant at = RunContext.now();
      ctx.tree().ended(id, name, hook.template(), NodePhase.Error, problem, at);
      ctx.tree().link(parents, id);
      ctx.changed().run();
      return;
    }
    RunContext hookCtx = ctx.with(vars, ctx.shutdown());
    new NodeRunner(hookCtx, hookCtx.node(name, template, inputs, excludedHosts), parents).run();
  }
}
