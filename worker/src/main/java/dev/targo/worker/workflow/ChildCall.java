package dev.targo.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.PodNames;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.Inputs;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.flow.LoopItems;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.flow.SkippedOutputs;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.when.When;
import dev.targo.argo.when.WhenException;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * One step or task (or one item of a looped one), after substitution: a Skipped node when its
 * {@code when} is false, an Error node when its condition or inputs are invalid, else the called
 * template run under its node name, in a workflow thread of its own so that siblings run in
 * parallel.
 */
final class ChildCall {
  private ChildCall() {}

  /**
   * Starts the child; the returned promise holds its result. Nodes that end at once (Skipped,
   * Error) are created before this returns, in call order.
   */
  static Promise<NodeResult> start(
      RunContext ctx,
      String nodeName,
      Invocation inv,
      List<String> parents,
      List<String> excluded) {
    var kept = ctx.retained().adopt(ctx, PodNames.nodeId(ctx.workflowName(), nodeName), parents);
    if (kept.isPresent()) {
      // A retried workflow's node that ended as it should: taken as it was, nothing evaluated.
      return done(kept.get());
    }
    Template template = ctx.plan().template(inv.template());
    if (template == null) {
      String problem = "template " + inv.template() + " not found";
      return done(ended(ctx, nodeName, inv, parents, NodePhase.Error, problem));
    }
    boolean proceed;
    try {
      proceed = When.shouldExecute(inv.when());
    } catch (WhenException e) {
      return done(ended(ctx, nodeName, inv, parents, NodePhase.Error, e.getMessage()));
    }
    if (!proceed) {
      String reason = "when '" + inv.when() + "' evaluated false";
      return done(ended(ctx, nodeName, inv, parents, NodePhase.Skipped, reason));
    }
    for (Parameter arg : inv.arguments()) {
      if (SkippedOutputs.embedded(arg.value())) {
        // Argo substitutes only a whole-value reference to a skipped node's absent output.
        String problem =
            "argument "
                + arg.name()
                + " references an absent optional (skipped/omitted node output with no default)";
        return done(ended(ctx, nodeName, inv, parents, NodePhase.Error, problem));
      }
    }
    Inputs.Binding binding = Inputs.bind(template, inv.arguments(), inv.artifacts());
    if (binding instanceof Inputs.Binding.Missing missing) {
      return done(ended(ctx, nodeName, inv, parents, NodePhase.Error, missing.message()));
    }
    Inputs.Binding.Bound bound = (Inputs.Binding.Bound) binding;
    return ChildNodes.start(
        ctx,
        nodeName,
        template,
        bound.vars(),
        parents,
        excluded,
        inv.exitHook(),
        inv.hooks(),
        inv.exitHook() == null && inv.hooks().isEmpty() ? null : inv.kind() + "." + inv.name());
  }

  /**
   * Item {@code index} of looped invocation {@code inv} below node {@code under} (a TaskGroup or
   * StepGroup, {@code parent} its id): an Error node when the item's {@code {{=…}}} cannot be
   * evaluated, else {@link #start}.
   */
  static Promise<NodeResult> startItem(
      RunContext ctx,
      String under,
      Invocation inv,
      int index,
      JsonNode item,
      String parent,
      List<String> excluded) {
    Invocation one;
    try {
      one = inv.item(index, item);
    } catch (TemplatingException e) {
      String name = NodeNames.child(under, LoopItems.childName(inv.name(), index, item));
      return done(ended(ctx, name, inv, List.of(parent), NodePhase.Error, e.getMessage()));
    }
    return start(ctx, NodeNames.child(under, one.name()), one, List.of(parent), excluded);
  }

  /** A node that ends as it is created: Skipped, Omitted or Error, of Argo type Skipped. */
  static NodeResult ended(
      RunContext ctx,
      String nodeName,
      Invocation inv,
      List<String> parents,
      NodePhase phase,
      String message) {
    String id = PodNames.nodeId(ctx.workflowName(), nodeName);
    Instant at = RunContext.now();
    ctx.tree().ended(id, nodeName, inv.template(), phase, message, at);
    ctx.tree().link(parents, id);
    ctx.changed().run();
    return new NodeResult(id, nodeName, phase, message, at, at, null, null, List.of(), null);
  }

  /** A promise already holding {@code result}. */
  static Promise<NodeResult> done(NodeResult result) {
    CompletablePromise<NodeResult> promise = Workflow.newPromise();
    promise.complete(result);
    return promise;
  }
}
