package dev.targo.argo.retry;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.RetryVariables;
import dev.targo.argo.Templating;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.plan.HttpSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.Clusters;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.TopologyExclusion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prepares the next attempt of a node, whatever its template: its name, its variables ({@code
 * {{retries}}}, {@code {{lastRetry.*}}}, {@code {{pod.name}}}), its retry strategy after
 * substitution, the hosts it excludes, and for a container or script template the pod to run with
 * its deadline. Pure: the workflow asks it what to run next and runs it.
 */
public final class AttemptPlanner {
  private AttemptPlanner() {}

  /**
   * Why a steps or DAG template cannot prefer fresh hosts or exclude topology domains yet: its pods
   * would need the kind of exclusion handed down to every child workflow, not only hosts. The
   * translator reports it at the field.
   */
  public static final String EXCLUSION_EXTENSION_ON_FLOW =
      "nodeAntiAffinity type Preferred and topologyKey are not supported on a steps or dag"
          + " template yet";

  /** What to run next, or why it cannot run. */
  public sealed interface Plan {

    /**
     * The attempt's retry strategy after substitution; null without one. Argo only reports a
     * strategy that does not resolve once an attempt has failed.
     */
    Resolution strategy();

    /**
     * A pod attempt can start.
     *
     * @param request the pod to run
     * @param rejection null when the pod can run; otherwise the attempt's node is created and ends
     *     Error with this message without a pod (Argo's pod builder refused it: its {@code timeout}
     *     is invalid or leaves no time), and the retry strategy decides as after any attempt
     * @param memoryNote how {@code onOOMKilled} grew this attempt's memory after the one before
     *     ended OOMKilled ({@code memory 64Mi→128Mi after OOMKilled}), for its summary; else null
     */
    record Pod(PodRequest request, Resolution strategy, String rejection, String memoryNote)
        implements Plan {}

    /**
     * A steps or DAG attempt can start: its children run under node {@code name}.
     *
     * @param name the attempt's node name
     * @param vars the variables its template is substituted with
     * @param excludedHosts hosts every pod below it excludes, sorted
     */
    record Flow(
        String name,
        SortedMap<String, String> vars,
        Resolution strategy,
        List<String> excludedHosts)
        implements Plan {}

    /**
     * A suspend attempt can start: its node waits until it is resumed, or until {@code duration}
     * has passed (Argo's {@code executeSuspend}).
     *
     * @param name the attempt's node name
     * @param template the template after substitution (its supplied outputs' defaults resolved)
     * @param duration how long it waits at most, or null: until resumed
     */
    record Suspend(String name, Template template, Duration duration, Resolution strategy)
        implements Plan {}

    /**
     * An http attempt can start: one request (Argo's {@code executeHTTPTemplate}).
     *
     * @param name the attempt's node name
     * @param http the request after substitution
     */
    record Http(String name, HttpSpec http, Resolution strategy) implements Plan {}

    /**
     * The attempt cannot start: the node ends Error with {@code message}.
     *
     * @param message the problem, in Argo's words
     */
    record Invalid(String message) implements Plan {
      @Override
      public Resolution strategy() {
        return null;
      }
    }
  }

  /**
   * Plans attempt {@code history.attemptsSoFar()} of {@code node} at {@code now}, which is also
   * when the attempt's node starts.
   */
  public static Plan plan(NodeSpec node, AttemptHistory history, Instant now) {
    return switch (node.template().body()) {
      case TemplateBody.PodBody pod -> pod(node, history, now);
      case TemplateBody.SuspendBody suspend -> suspend(node, history, now);
      case TemplateBody.HttpBody http -> http(node, history, now);
      // Argo runs a resource template as a pod (executeResource); targo's executor carries the
      // action out in the attempt's activity, planned as a pod attempt: same name, retries,
      // deadline.
      case TemplateBody.ResourceBody resource -> pod(node, history, now);
      case TemplateBody.StepsBody steps -> flow(node, history, now);
      case TemplateBody.DagBody dag -> flow(node, history, now);
    };
  }

  /**
   * A suspend attempt: its template substituted (the retry variables only under a retry strategy),
   * its {@code duration} parsed as Argo's {@code ParseStringToDuration}.
   */
  private static Plan suspend(NodeSpec node, AttemptHistory history, Instant now) {
    int attempt = history.attemptsSoFar();
    Template template;
    try {
      template = substituted(node, history, now);
    } catch (TemplatingException e) {
      return new Plan.Invalid(e.getMessage());
    }
    Resolution resolution =
        template.retryStrategy() == null ? null : RetryStrategies.resolve(template.retryStrategy());
    String written = ((TemplateBody.SuspendBody) template.body()).duration();
    Duration duration = null;
    if (written != null && !written.isEmpty()) {
      try {
        duration = ArgoDurations.parse(written);
      } catch (IllegalArgumentException e) {
        return new Plan.Invalid(e.getMessage());
      }
    }
    return new Plan.Suspend(node.attemptName(attempt), template, duration, resolution);
  }

  /**
   * The node's template substituted for its next attempt: the retry variables only under a retry
   * strategy.
   */
  private static Template substituted(NodeSpec node, AttemptHistory history, Instant now) {
    SortedMap<String, String> vars = new TreeMap<>(node.vars());
    if (node.retried()) {
      vars.putAll(RetryVariables.forAttempt(history.attemptsSoFar(), history.last(), null));
    }
    return Templating.substitute(node.template(), GlobalVariables.expand(vars, now));
  }

  /** An http attempt: its template substituted (the retry variables only under a strategy). */
  private static Plan http(NodeSpec node, AttemptHistory history, Instant now) {
    int attempt = history.attemptsSoFar();
    Template template;
    try {
      template = substituted(node, history, now);
    } catch (TemplatingException e) {
      return new Plan.Invalid(e.getMessage());
    }
    Resolution resolution =
        template.retryStrategy() == null ? null : RetryStrategies.resolve(template.retryStrategy());
    return new Plan.Http(
        node.attemptName(attempt), ((TemplateBody.HttpBody) template.body()).http(), resolution);
  }

  /**
   * A steps or DAG attempt: the retry variables are set only under a retry strategy, and its
   * children exclude the hosts of failed pods below earlier attempts under {@code
   * nodeAntiAffinity}.
   */
  private static Plan flow(NodeSpec node, AttemptHistory history, Instant now) {
    if (!node.retried()) {
      return new Plan.Flow(node.nodeName(), node.vars(), null, node.inheritedExclusions());
    }
    int attempt = history.attemptsSoFar();
    SortedMap<String, String> vars = new TreeMap<>(node.vars());
    vars.putAll(RetryVariables.forAttempt(attempt, history.last(), null));
    vars = GlobalVariables.expand(vars, now);
    Resolution resolution;
    try {
      resolution =
          RetryStrategies.resolve(Templating.substitute(node.template(), vars).retryStrategy());
    } catch (TemplatingException e) {
      return new Plan.Invalid(e.getMessage());
    }
    if (resolution instanceof Resolution.Resolved resolved
        && resolved.strategy().nodeAntiAffinity()
        && (resolved.strategy().avoidsFailedHostsPreferably()
            || resolved.strategy().topologyKey() != null)) {
      return new Plan.Invalid(EXCLUSION_EXTENSION_ON_FLOW);
    }
    return new Plan.Flow(
        node.attemptName(attempt), vars, resolution, excluded(node, resolution, history));
  }

  private static Plan pod(NodeSpec node, AttemptHistory history, Instant now) {
    int attempt = history.attemptsSoFar();
    String name = node.attemptName(attempt);
    String podName = PodNames.podName(node.workflowName(), name, node.template().name());
    SortedMap<String, String> vars = new TreeMap<>(node.vars());
    vars.putAll(RetryVariables.forAttempt(attempt, history.last(), podName));
    Template template;
    try {
      template = Templating.substitute(node.template(), GlobalVariables.expand(vars, now));
    } catch (TemplatingException e) {
      return new Plan.Invalid(e.getMessage());
    }
    // targo's clusters: a name that only substitution made is checked here, as lint cannot.
    String clusterProblem = Clusters.problem(template.metadata().annotations());
    if (clusterProblem != null) {
      return new Plan.Invalid(clusterProblem);
    }

    Resolution resolution =
        template.retryStrategy() == null ? null : RetryStrategies.resolve(template.retryStrategy());
    RetryStrategy strategy =
        resolution instanceof Resolution.Resolved resolved ? resolved.strategy() : null;
    String memoryNote = null;
    if (strategy != null && strategy.onOOMKilled() != null) {
      try {
        int oomKilled = history.oomKilledAttempts();
        if (history.last() != null && history.last().oomKilled()) {
          memoryNote = MemoryGrowth.note(template, strategy.onOOMKilled(), oomKilled);
        }
        template = MemoryGrowth.apply(template, strategy.onOOMKilled(), oomKilled);
      } catch (IllegalArgumentException e) {
        return new Plan.Invalid(e.getMessage());
      }
    }

    String templateDeadline = template.activeDeadlineSeconds();
    Long templateSeconds = null;
    if (templateDeadline != null) {
      try {
        templateSeconds = Long.parseLong(templateDeadline);
      } catch (NumberFormatException e) {
        return new Plan.Invalid("value '" + templateDeadline + "' cannot be resolved to an int");
      }
    }
    Long timeoutSeconds = null;
    Instant pendingDeadline = null;
    String rejection = null;
    switch (TemplateTimeouts.effect(template.timeout(), name, now)) {
      case null -> {}
      case TemplateTimeouts.Effect.Bounded bounded -> {
        timeoutSeconds = bounded.activeDeadlineSeconds();
        pendingDeadline = bounded.pendingDeadline();
      }
      case TemplateTimeouts.Effect.Rejected rejected -> rejection = rejected.message();
    }
    try {
      // Argo 4.1's pendingTimeout: the earlier of the two pending deadlines ends the attempt.
      Instant pending = TemplateTimeouts.pendingDeadline(template.pendingTimeout(), now);
      if (pending != null && (pendingDeadline == null || pending.isBefore(pendingDeadline))) {
        pendingDeadline = pending;
      }
    } catch (IllegalArgumentException e) {
      if (rejection == null) {
        rejection = "invalid timeout format " + e.getMessage();
      }
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
        PodRequest.of(node.workflowName(), node.namespace(), name, attempt, template)
            .withExcludedHosts(excluded(node, resolution, history))
            .withAvoidedHosts(avoided(node, resolution, history))
            .withTopologyExclusion(topology(node, strategy, history))
            .withActiveDeadlineSeconds(deadlineSeconds)
            .withServiceAccountName(serviceAccount)
            .withPendingDeadline(pendingDeadline);
    request = request.withRelaxation(relaxation(node, strategy, history));
    return new Plan.Pod(request, resolution, rejection, memoryNote);
  }

  /**
   * How an attempt that stays unscheduled lets its excluded hosts back (targo's {@code
   * nodeAntiAffinity.relaxAfter}): its own failed hosts (never an ancestor's), the one whose
   * failure is oldest first; null without {@code relaxAfter}, with a preferred or topology
   * exclusion (neither keeps a pod Pending by hosts), or before any attempt failed somewhere.
   */
  private static PodRequest.Relaxation relaxation(
      NodeSpec node, RetryStrategy strategy, AttemptHistory history) {
    if (strategy == null
        || strategy.relaxAfter() == null
        || !strategy.nodeAntiAffinity()
        || strategy.avoidsFailedHostsPreferably()
        || strategy.topologyKey() != null) {
      return null;
    }
    List<String> own = ownFailedHosts(node, strategy, history);
    if (own.isEmpty()) {
      return null;
    }
    // Hosts whose order is unknown (recorded before the order was kept) go first, sorted.
    List<String> order = new java.util.ArrayList<>(own);
    order.removeAll(history.recentFailedHosts());
    history.recentFailedHosts().stream().filter(own::contains).forEach(order::add);
    return new PodRequest.Relaxation(strategy.relaxAfter(), order);
  }

  /**
   * The hosts an attempt excludes: those a retried ancestor excludes, and under {@code
   * nodeAntiAffinity} the failed hosts of this node's earlier attempts (ARGO-SEMANTICS §6).
   */
  private static List<String> excluded(
      NodeSpec node, Resolution resolution, AttemptHistory history) {
    TreeSet<String> hosts = new TreeSet<>(node.inheritedExclusions());
    if (resolution instanceof Resolution.Resolved resolved
        && resolved.strategy().nodeAntiAffinity()
        && !resolved.strategy().avoidsFailedHostsPreferably()
        && resolved.strategy().topologyKey() == null) {
      hosts.addAll(failedHosts(resolved.strategy(), history));
    }
    return List.copyOf(hosts);
  }

  /**
   * The hosts an attempt only prefers not to use (targo's {@code nodeAntiAffinity.type:
   * Preferred}): the failed hosts of this node's earlier attempts that no ancestor excludes.
   */
  private static List<String> avoided(
      NodeSpec node, Resolution resolution, AttemptHistory history) {
    if (!(resolution instanceof Resolution.Resolved resolved)
        || !resolved.strategy().avoidsFailedHostsPreferably()
        || resolved.strategy().topologyKey() != null) {
      return List.of();
    }
    return ownFailedHosts(node, resolved.strategy(), history);
  }

  /**
   * What an attempt keeps away from under targo's {@code nodeAntiAffinity.topologyKey}: the label's
   * values of the nodes its node's earlier attempts failed on, required or preferred as {@code
   * type} says; null without a topology key or before any attempt failed somewhere.
   */
  private static TopologyExclusion topology(
      NodeSpec node, RetryStrategy strategy, AttemptHistory history) {
    if (strategy == null || !strategy.nodeAntiAffinity() || strategy.topologyKey() == null) {
      return null;
    }
    List<String> hosts = ownFailedHosts(node, strategy, history);
    return hosts.isEmpty()
        ? null
        : new TopologyExclusion(
            strategy.topologyKey(), hosts, strategy.avoidsFailedHostsPreferably());
  }

  /** The failed hosts of this node's earlier attempts that no ancestor excludes already. */
  private static List<String> ownFailedHosts(
      NodeSpec node, RetryStrategy strategy, AttemptHistory history) {
    TreeSet<String> hosts = new TreeSet<>(failedHosts(strategy, history));
    hosts.removeAll(node.inheritedExclusions());
    return List.copyOf(hosts);
  }

  /**
   * The failed hosts the next attempt keeps away from: every one, or with targo's {@code
   * nodeAntiAffinity.maxExcluded} only the most recent ones (ARGO-SEMANTICS §11).
   */
  private static List<String> failedHosts(RetryStrategy strategy, AttemptHistory history) {
    Integer max = strategy.maxExcluded();
    return max == null ? history.failedHosts() : history.lastFailedHosts(max);
  }
}
