package dev.targo.cli.client;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.RetryFormulation;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import dev.targo.cli.render.WorkflowDocument;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Argo's {@code argo retry} ({@code RetryWorkflow}) for {@code targo retry} and {@code targo
 * server}'s {@code PUT …/retry} (docs/DESIGN.md §22): the ended workflow's status formulated as
 * Argo formulates it ({@link RetryFormulation}), then a new run of the same workflow id that keeps
 * the kept nodes and runs the others. Every refusal is a {@link UserError} (exit 2), and comes
 * before anything starts.
 */
public final class Retries {
  private Retries() {}

  /**
   * What to retry and how.
   *
   * @param name the workflow
   * @param restartSuccessful {@code --restart-successful}
   * @param nodeFieldSelector {@code --node-field-selector}, or null/empty
   * @param parameters {@code -p} overrides, by name
   */
  public record Request(
      String name,
      boolean restartSuccessful,
      String nodeFieldSelector,
      Map<String, String> parameters) {
    public Request {
      nodeFieldSelector = nodeFieldSelector == null ? "" : nodeFieldSelector.strip();
      parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
    }
  }

  /** Retries {@code old}, the workflow as just read, and returns the submission started. */
  public static Submission retry(
      WorkflowClient client, String taskQueue, RunRecord old, Request request) {
    Submission submission = prepare(old, request, Instant.now());
    PayloadLimits.check(submission);
    try {
      submission.start(client, taskQueue);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new UserError(
          ExitCodes.BAD_INPUT, "workflow " + old.name() + " is running again: it was retried");
    }
    return submission;
  }

  /**
   * The run that retries {@code old}: checked, formulated and built, not started (pure but for
   * {@code now}, the reset nodes' start).
   */
  static Submission prepare(RunRecord old, Request request, Instant now) {
    Predicate<NodeStatus> restart = restartedNodes(request);
    String refusal =
        old.running()
            ? "Cannot retry a workflow in phase Running"
            : RetryFormulation.refusal(
                old.status().phase(),
                request.restartSuccessful(),
                !request.nodeFieldSelector().isEmpty());
    if (refusal != null) {
      throw new UserError(ExitCodes.BAD_INPUT, "cannot retry " + old.name() + ": " + refusal);
    }
    WorkflowPlan plan = withOverrides(old.name(), old.plan(), request.parameters());
    RetryFormulation.Formulated formulated;
    try {
      formulated =
          RetryFormulation.formulate(
              old.name(), old.status().nodes(), restart, !request.parameters().isEmpty(), now);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          ExitCodes.BAD_INPUT, "cannot retry " + old.name() + ": " + e.getMessage());
    }
    Map<String, String> parameters = new LinkedHashMap<>(old.input().parameters());
    parameters.putAll(request.parameters());
    return new Submission(
        plan,
        old.name(),
        old.namespace(),
        parameters,
        WorkflowDocument.forRetry(old.yaml(), request.parameters()),
        new WorkflowRetry(old.uid(), formulated.retained(), formulated.podsToDelete()),
        true);
  }

  /**
   * The nodes {@code --restart-successful} with {@code --node-field-selector} restarts, or null;
   * the selector is parsed even when it is not used, as {@code argo retry} parses it.
   */
  private static Predicate<NodeStatus> restartedNodes(Request request) {
    NodeFieldSelector selector;
    try {
      selector = NodeFieldSelector.parse(request.nodeFieldSelector());
    } catch (IllegalArgumentException e) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "unable to parse node field selector '"
              + request.nodeFieldSelector()
              + "': "
              + e.getMessage());
    }
    return request.restartSuccessful() && !request.nodeFieldSelector().isEmpty()
        ? selector::matches
        : null;
  }

  /**
   * {@code plan} with its {@code spec.arguments.parameters} given {@code overrides}; a name it does
   * not declare is refused (targo's submit refuses it too).
   */
  private static WorkflowPlan withOverrides(
      String name, WorkflowPlan plan, Map<String, String> overrides) {
    List<Parameter> arguments = new ArrayList<>();
    Map<String, String> left = new LinkedHashMap<>(overrides);
    for (Parameter p : plan.arguments()) {
      String given = left.remove(p.name());
      arguments.add(
          given == null
              ? p
              : new Parameter(p.name(), given, p.defaultValue(), p.description(), p.enumValues()));
    }
    if (!left.isEmpty()) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "cannot retry "
              + name
              + ": "
              + String.join(", ", left.keySet())
              + (left.size() == 1 ? " is not a parameter" : " are not parameters")
              + " of its spec.arguments");
    }
    return plan.withArgumentsAndTemplates(arguments, plan.templates());
  }
}
