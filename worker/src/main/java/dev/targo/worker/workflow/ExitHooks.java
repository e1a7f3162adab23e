package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.NodeRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.flow.Inputs;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A step's or task's exit hook, Argo's {@code runOnExitNode} ({@code
 * workflow/controller/exit_handler.go}): once the node has ended, its hook template runs as node
 * {@code <node>.onExit}, a child of it, in the node's own child workflow, so the parent's step
 * group (or the task's dependents) waits for it. Its arguments may name the node's own outputs
 * ({@code {{steps.NAME.outputs.parameters.x}}}, {@code .outputs.result}, {@code .exitCode}, {@code
 * .status}); {@code onExit} passes the workflow's arguments. A {@code Stop} still runs it, a {@code
 * Terminate} does not ({@code ShouldExecute(true)}). Its phase does not change the node's.
 */
final class ExitHooks {
  private ExitHooks() {}

  /** Runs {@code run}'s hook after {@code node}, if it has one and may run. */
  static void runAfter(RunContext ctx, NodeRun run, NodeResult node) {
    ExitHook hook = run.exitHook();
    if (hook == null
        || Names.STOP_STRATEGY_TERMINATE.equals(ctx.shutdown().strategy())
        || !(node.phase().failedOrError() || node.phase() == NodePhase.Succeeded)) {
      return;
    }
    String name = run.nodeName() + ".onExit";
    List<String> parents = List.of(node.id());
    // Argo's exit handlers run through a Stop: a shutdown of their own, as spec.onExit has.
    RunContext hookCtx = ctx.with(ctx.globals(), new Shutdown());
    Template template = run.plan().template(hook.template());
    if (template == null) {
      error(hookCtx, name, hook.template(), parents, "template " + hook.template() + " not found");
      return;
    }
    List<Parameter> arguments =
        hook.arguments() == null
            ? workflowArguments(ctx)
            : Invocation.substituted(hook.arguments(), own(ctx, run.hookRef(), node));
    Inputs.Binding binding = Inputs.bind(template, arguments);
    if (binding instanceof Inputs.Binding.Missing missing) {
      error(hookCtx, name, hook.template(), parents, missing.message());
      return;
    }
    SortedMap<String, String> inputs = ((Inputs.Binding.Bound) binding).vars();
    new NodeRunner(hookCtx, hookCtx.node(name, template, inputs, run.excludedHosts()), parents)
        .run();
  }

  /** The globals and the node's own variables under {@code ref} ({@code steps.NAME}). */
  static SortedMap<String, String> own(RunContext ctx, String ref, NodeResult node) {
    SortedMap<String, String> vars = new TreeMap<>(ctx.globals());
    vars.put(ref + ".id", node.id());
    vars.put(ref + ".status", node.phase().name());
    if (node.outputs() != null) {
      if (node.outputs().result() != null) {
        vars.put(ref + ".outputs.result", node.outputs().result());
      }
      if (node.outputs().exitCode() != null) {
        vars.put(ref + ".exitCode", node.outputs().exitCode());
      }
      for (Parameter p : node.outputs().parameters()) {
        // Argo's resolveExitTmplArgument: an output without a value is the empty string.
        vars.put(ref + ".outputs.parameters." + p.name(), p.value() == null ? "" : p.value());
      }
    }
    return vars;
  }

  /**
   * Argo gives {@code onExit} the workflow's arguments ({@code GetExitHook(spec.arguments)}): their
   * values as this run knows them ({@code workflow.parameters.NAME}; a child's plan keeps no
   * arguments).
   */
  private static List<Parameter> workflowArguments(RunContext ctx) {
    String prefix = "workflow.parameters.";
    List<Parameter> arguments = new ArrayList<>();
    ctx.globals()
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                arguments.add(new Parameter(key.substring(prefix.length()), value, null, null));
              }
            });
    return arguments;
  }

  private static void error(
      RunContext ctx, String name, String template, List<String> parents, String message) {
    String id = PodNames.nodeId(ctx.workflowName(), name);
    Instant at = RunContext.now();
    ctx.tree().ended(id, name, template, NodePhase.Error, message, at);
    ctx.tree().link(parents, id);
    ctx.changed().run();
  }
}
