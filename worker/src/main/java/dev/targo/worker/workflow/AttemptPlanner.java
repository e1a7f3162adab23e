package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.RetryVariables;
import dev.targo.argo.Templating;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.AttemptDeadlines;
import dev.targo.argo.retry.Backoffs;
import dev.targo.argo.retry.TemplateTimeouts;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prepares the next attempt of a node: its name, pod name, substituted template, excluded hosts and
 * pod deadline. Pure.
 */
public final class AttemptPlanner {
  private AttemptPlanner() {}

  /** What to run next, or why it cannot run. */
  public sealed interface Plan {
    /**
     * The attempt can start.
     *
     * @param request the pod to run
     * @param strategy the attempt's retry strategy after substitution, or null without one; Argo
     *     only reports a strategy that does not resolve once an attempt has failed
     * @param rejection null when the pod can run; otherwise the attempt's node is created and ends
     *     Error with this message without a pod (Argo's pod builder refused it: its {@code timeout}
     *     is invalid or leaves no time), and the retry strategy decides as after any attempt
     */
    record Ready(PodRequest request, Resolution strategy, String rejection) implements Plan {}

    /**
     * The attempt cannot start: the node ends Error with {@code message}.
     *
     * @param message the problem, in Argo's words
     */
    record Invalid(String message) implements Plan {}
  }

  /**
   * Plans attempt {@code history.attemptsSoFar()} of {@code node} at {@code now}, which is also
   * when the attempt's node starts.
   *
   * @param applyTimeout whether the template's {@code timeout} is applied (runs recorded before
   *     targo applied it ignore it)
   */
  public static Plan plan(
      NodeSpec node, AttemptHistory history, Instant now, boolean applyTimeout) {
    int attempt = history.attemptsSoFar();
    String name = node.attemptName(attempt);
    String podName = PodNames.podName(node.workflowName(), name, node.template().name());
    SortedMap<String, String> vars = new TreeMap<>(node.vars());
    vars.putAll(RetryVariables.forAttempt(attempt, history.last(), podName));
    Template template = Templating.substitute(node.template(), GlobalVariables.expand(vars, now));

    Resolution resolution =
        template.retryStrategy() == null ? null : RetryStrategies.resolve(template.retryStrategy());
    RetryStrategy strategy =
        resolution instanceof Resolution.Resolved resolved ? resolved.strategy() : null;
    TreeSet<String> hosts = new TreeSet<>(node.inheritedExclusions());
    if (strategy != null && strategy.nodeAntiAffinity()) {
      hosts.addAll(history.failedHosts());
    }
    List<String> excluded = List.copyOf(hosts);

    String templateDeadline = template.activeDeadlineSeconds();
    Long templateSeconds = null;
    if (templateDeadline != null) {
      try {
        templateSeconds = Long.parseLong(templateDeadline);
      } catch (NumberFormatException e) {
        return new Plan.Invalid("value '" + templateDeadline + "' cannot be resolved to an int");
      }
    }
    TemplateTimeouts.Effect timeout =
        applyTimeout ? TemplateTimeouts.effect(template.timeout(), name, now) : null;
    Long timeoutSeconds = null;
    Instant pendingDeadline = null;
    String rejection = null;
    switch (timeout) {
      case null -> {}
      case TemplateTimeouts.Effect.Bounded bounded -> {
        timeoutSeconds = bounded.activeDeadlineSeconds();
        pendingDeadline = bounded.pendingDeadline();
      }
      case TemplateTimeouts.Effect.Rejected rejected -> rejection = rejected.message();
    }
    Instant windowEnd =
        strategy == null || history.firstAttemptStartedAt() == null
            ? null
            : Backoffs.windowEnd(strategy, history.firstAttemptStartedAt());
    Long deadlineSeconds =
        AttemptDeadlines.activeDeadlineSeconds(
            templateSeconds, timeoutSeconds, windowEnd, node.workflowDeadline(), now, attempt);
    String serviceAccount =
        template.serviceAccountName() != null
            ? template.serviceAccountName()
            : node.serviceAccountName();
    PodRequest request =
        new PodRequest(
            node.workflowName(),
            node.namespace(),
            PodNames.nodeId(node.workflowName(), name),
            name,
            attempt,
            podName,
            template,
            excluded,
            deadlineSeconds,
            serviceAccount,
            null,
            pendingDeadline);
    return new Plan.Ready(request, resolution, rejection);
  }
}
