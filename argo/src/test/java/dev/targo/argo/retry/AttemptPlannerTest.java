package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AttemptPlannerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final RetryStrategySpec WINDOWED =
      new RetryStrategySpec("10", "Always", new BackoffSpec("1", "2", null, "1m"), true, null);

  private static NodeSpec node(Template template, Instant workflowDeadline) {
    return new NodeSpec(
        "wf", "argo", "wf", "wf", template, new TreeMap<>(), "runner", workflowDeadline, List.of());
  }

  private static AttemptHistory failedOn(String... hosts) {
    AttemptHistory history = AttemptHistory.NONE;
    for (String host : hosts) {
      history =
          history.record(
              AttemptOutcome.ofPod(
                  NodePhase.Failed,
                  "main: Error (exit code 1)",
                  1,
                  host,
                  T0,
                  T0.plusSeconds(1),
                  "p",
                  null,
                  null),
              T0);
    }
    return history;
  }

  private static PodRequest ready(AttemptPlanner.Plan plan) {
    assertThat(plan).isInstanceOf(AttemptPlanner.Plan.Pod.class);
    return ((AttemptPlanner.Plan.Pod) plan).request();
  }

  @Test
  void attemptOfARetriedTemplateIsNamedAfterItsIndex() {
    PodRequest request =
        ready(
            AttemptPlanner.plan(node(Templates.container("t", WINDOWED), null), failedOn("a"), T0));

    assertThat(request.attempt()).isEqualTo(1);
    assertThat(request.nodeName()).isEqualTo("wf(1)");
    assertThat(request.nodeId()).isEqualTo(PodNames.nodeId("wf", "wf(1)"));
    assertThat(request.podName()).isEqualTo(PodNames.podName("wf", "wf(1)", "t"));
    assertThat(request.serviceAccountName()).isEqualTo("runner");
  }

  @Test
  void templateWithoutRetryStrategyIsTheNodeItself() {
    AttemptPlanner.Plan plan =
        AttemptPlanner.plan(node(Templates.container("t", null), null), AttemptHistory.NONE, T0);

    assertThat(ready(plan).nodeName()).isEqualTo("wf");
    assertThat(((AttemptPlanner.Plan.Pod) plan).strategy()).isNull();
  }

  @Test
  void excludesFailedHostsOnlyUnderNodeAntiAffinity() {
    AttemptHistory history = failedOn("node-2", "node-1");

    PodRequest anti =
        ready(AttemptPlanner.plan(node(Templates.container("t", WINDOWED), null), history, T0));
    PodRequest plain =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", Templates.strategy("10", null)), null), history, T0));

    assertThat(anti.excludedHosts()).containsExactly("node-1", "node-2");
    assertThat(plain.excludedHosts()).isEmpty();
  }

  private static final RetryStrategySpec PREFERRED =
      new RetryStrategySpec("10", "Always", null, true, null, "Preferred");

  private static RetryStrategySpec maxExcluded(String type, String max) {
    return new RetryStrategySpec("10", "Always", null, true, null, type, null, null, max);
  }

  @Test
  void maxExcludedKeepsOnlyTheMostRecentlyFailedHosts() {
    // node-3 failed, then node-1, node-2 and node-3 again: the most recent are node-3, node-2.
    AttemptHistory history = failedOn("node-3", "node-1", "node-2", "node-3");

    PodRequest one =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", maxExcluded(null, "1")), null), history, T0));
    PodRequest two =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", maxExcluded(null, "2")), null), history, T0));
    PodRequest many =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", maxExcluded(null, "9")), null), history, T0));
    PodRequest preferred =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", maxExcluded("Preferred", "2")), null), history, T0));

    assertThat(one.excludedHosts()).containsExactly("node-3");
    assertThat(two.excludedHosts()).containsExactly("node-2", "node-3");
    assertThat(many.excludedHosts()).containsExactly("node-1", "node-2", "node-3");
    assertThat(preferred.excludedHosts()).isEmpty();
    assertThat(preferred.avoidedHosts()).containsExactly("node-2", "node-3");
  }

  private static RetryStrategySpec relaxed(String type, String max, String after) {
    return new RetryStrategySpec(
        "10", "Always", null, true, null, type, null, null, max, null, after);
  }

  @Test
  void relaxAfterLetsTheExcludedHostsBackOldestFailureFirstAndOneAtATime() {
    // node-3 failed, then node-1, node-2 and node-3 again: node-1 failed longest ago.
    AttemptHistory history = failedOn("node-3", "node-1", "node-2", "node-3");

    PodRequest request =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", relaxed(null, null, "2m")), null), history, T0));

    assertThat(request.relaxation())
        .isEqualTo(
            new PodRequest.Relaxation(
                java.time.Duration.ofMinutes(2), List.of("node-1", "node-2", "node-3")));
    assertThat(request.nextRelaxedHost()).isEqualTo("node-1");
    PodRequest once = request.relaxed();
    assertThat(once.excludedHosts()).containsExactly("node-2", "node-3");
    PodRequest twice = once.relaxed().relaxed();
    assertThat(twice.excludedHosts()).isEmpty();
    assertThat(twice.nextRelaxedHost()).isNull();
    assertThat(twice.relaxed()).isNull();
    // Only what maxExcluded keeps is let back; nothing to relax before a failure or when preferred.
    assertThat(
            ready(
                    AttemptPlanner.plan(
                        node(Templates.container("t", relaxed(null, "2", "2m")), null),
                        history,
                        T0))
                .relaxation()
                .order())
        .containsExactly("node-2", "node-3");
    assertThat(
            ready(
                    AttemptPlanner.plan(
                        node(Templates.container("t", relaxed(null, null, "2m")), null),
                        AttemptHistory.NONE,
                        T0))
                .relaxation())
        .isNull();
    assertThat(
            ready(
                    AttemptPlanner.plan(
                        node(Templates.container("t", relaxed("Preferred", null, "2m")), null),
                        history,
                        T0))
                .relaxation())
        .isNull();
  }

  @Test
  void aMaxExcludedThatIsNotAWholeNumberOfOneOrMoreCannotRun() {
    AttemptPlanner.Plan plan =
        AttemptPlanner.plan(
            node(Templates.container("t", maxExcluded(null, "0")), null), failedOn("a"), T0);

    // As any invalid field of the strategy: the node runner ends the node with these words.
    assertThat(plan.strategy())
        .isEqualTo(
            new RetryStrategies.Resolution.Invalid(
                List.of(
                    new dev.targo.argo.FieldError(
                        "affinity.nodeAntiAffinity.maxExcluded",
                        "0 is not a valid maxExcluded (a whole number of 1 or more)"))));
  }

  @Test
  void preferredAntiAffinityAvoidsFailedHostsInsteadOfExcludingThem() {
    PodRequest request =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", PREFERRED), null), failedOn("node-2", "node-1"), T0));

    assertThat(request.excludedHosts()).isEmpty();
    assertThat(request.avoidedHosts()).containsExactly("node-1", "node-2");
  }

  @Test
  void preferredAntiAffinityKeepsWhatARetriedAncestorRequires() {
    NodeSpec below =
        new NodeSpec(
            "wf",
            "argo",
            "wf.a",
            "wf-1",
            Templates.container("t", PREFERRED),
            new TreeMap<>(),
            "runner",
            null,
            List.of("node-1"));

    PodRequest request = ready(AttemptPlanner.plan(below, failedOn("node-1", "node-3"), T0));

    assertThat(request.excludedHosts()).containsExactly("node-1");
    assertThat(request.avoidedHosts()).containsExactly("node-3");
  }

  @Test
  void aTopologyKeyHandsTheFailedHostsToTheExecutorToExcludeTheirZones() {
    RetryStrategySpec zones =
        new RetryStrategySpec("10", null, null, true, null, null, "topology.kubernetes.io/zone");

    PodRequest request =
        ready(
            AttemptPlanner.plan(
                node(Templates.container("t", zones), null), failedOn("node-2", "node-1"), T0));

    assertThat(request.excludedHosts()).isEmpty();
    assertThat(request.avoidedHosts()).isEmpty();
    assertThat(request.topologyExclusion())
        .isEqualTo(
            new dev.targo.argo.pod.TopologyExclusion(
                "topology.kubernetes.io/zone", List.of("node-1", "node-2"), false));
  }

  @Test
  void aTopologyKeyExcludesNothingBeforeAnAttemptFailedSomewhere() {
    RetryStrategySpec zones =
        new RetryStrategySpec("10", null, null, true, null, "Preferred", "pool");

    assertThat(
            ready(
                    AttemptPlanner.plan(
                        node(Templates.container("t", zones), null), AttemptHistory.NONE, T0))
                .topologyExclusion())
        .isNull();
  }

  @Test
  void aStepsTemplateCannotPreferFreshHostsYet() {
    Template steps =
        new Template(
            "s",
            new TemplateBody.StepsBody(List.of()),
            List.of(),
            PREFERRED,
            null,
            null,
            java.util.Map.of(),
            null,
            List.of(),
            null,
            null,
            null);

    assertThat(AttemptPlanner.plan(node(steps, null), failedOn("node-1"), T0))
        .isEqualTo(new AttemptPlanner.Plan.Invalid(AttemptPlanner.EXCLUSION_EXTENSION_ON_FLOW));
  }

  @Test
  void maxDurationWindowBoundsOnlyTheAttemptsAfterTheFirst() {
    Template template = Templates.container("t", WINDOWED);

    PodRequest first = ready(AttemptPlanner.plan(node(template, null), AttemptHistory.NONE, T0));
    PodRequest second =
        ready(AttemptPlanner.plan(node(template, null), failedOn("a"), T0.plusSeconds(20)));

    assertThat(first.activeDeadlineSeconds()).isNull();
    assertThat(second.activeDeadlineSeconds()).isEqualTo(40L);
  }

  @Test
  void workflowDeadlineBoundsTheTemplatesOwnDeadline() {
    Template template = withDeadline(Templates.container("t", null), "600");

    PodRequest request =
        ready(AttemptPlanner.plan(node(template, T0.plusSeconds(90)), AttemptHistory.NONE, T0));

    assertThat(request.activeDeadlineSeconds()).isEqualTo(90L);
  }

  @Test
  void templateDeadlineThatIsNotAnIntCannotRun() {
    Template template = withDeadline(Templates.container("t", null), "{{inputs.parameters.d}}");

    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(template, null), AttemptHistory.NONE, T0);

    assertThat(plan)
        .isEqualTo(
            new AttemptPlanner.Plan.Invalid(
                "value '{{inputs.parameters.d}}' cannot be resolved to an int"));
  }

  @Test
  void strategyIsResolvedAfterSubstitution() {
    Template template = Templates.container("t", Templates.strategy("{{retries}}", null));

    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(template, null), failedOn("a"), T0);

    assertThat(((AttemptPlanner.Plan.Pod) plan).strategy())
        .isInstanceOfSatisfying(
            Resolution.Resolved.class, r -> assertThat(r.strategy().limit()).isEqualTo(1));
  }

  @Test
  void aTimeoutGivesThePodArgosDeadlineAndAPendingDeadlineFromTheAttemptsStart() {
    Template template =
        withTimeout(
            withDeadline(Templates.container("t", Templates.strategy("3", null)), "10"), "1m");

    AttemptPlanner.Plan plan =
        AttemptPlanner.plan(node(template, null), failedOn("a"), T0.plusSeconds(5));

    assertThat(plan).isInstanceOf(AttemptPlanner.Plan.Pod.class);
    assertThat(((AttemptPlanner.Plan.Pod) plan).rejection()).isNull();
    // 59, not the template's 10: Argo's pod builder lets the timeout's value replace it.
    assertThat(ready(plan).activeDeadlineSeconds()).isEqualTo(59L);
    assertThat(ready(plan).pendingDeadline()).isEqualTo(T0.plusSeconds(65));
  }

  @Test
  void aTimeoutIsSubstitutedBeforeItIsRead() {
    Template template =
        withTimeout(Templates.container("t", Templates.strategy("3", null)), "{{retries}}m");

    PodRequest request = ready(AttemptPlanner.plan(node(template, null), failedOn("a"), T0));

    assertThat(request.activeDeadlineSeconds()).isEqualTo(59L);
    assertThat(request.pendingDeadline()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aTimeoutThatLeavesNoTimeRejectsThePodWithTheAttemptsName() {
    Template template = withTimeout(Templates.container("t", Templates.strategy("3", null)), "2s");

    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(template, null), failedOn("a"), T0);

    assertThat(((AttemptPlanner.Plan.Pod) plan).rejection())
        .isEqualTo("wf(1) exceeded its deadline");
  }

  @Test
  void aTimeoutThatIsNotADurationRejectsThePodWithArgosMessage() {
    Template template = withTimeout(Templates.container("t", null), "soon");

    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(template, null), AttemptHistory.NONE, T0);

    assertThat(((AttemptPlanner.Plan.Pod) plan).rejection())
        .isEqualTo(
            "invalid timeout format unable to parse soon as a duration: time: invalid duration"
                + " \"soon\"");
  }

  @Test
  void aPendingTimeoutGivesAPendingDeadlineButNoPodDeadline() {
    Template template =
        Templates.container("t", Templates.strategy("3", null)).withPendingTimeout("{{retries}}0s");

    PodRequest request = ready(AttemptPlanner.plan(node(template, null), failedOn("a"), T0));

    // Argo 4.1: only the time spent Pending is bounded; a pod that started runs as long as it
    // needs.
    assertThat(request.activeDeadlineSeconds()).isNull();
    assertThat(request.pendingDeadline()).isEqualTo(T0.plusSeconds(10));
    assertThat(request.hasTimeout()).isFalse();
  }

  @Test
  void theEarlierOfTimeoutAndPendingTimeoutEndsAPendingAttempt() {
    Template shorter = withTimeout(Templates.container("t", null), "1m").withPendingTimeout("20s");
    Template longer = withTimeout(Templates.container("t", null), "1m").withPendingTimeout("2m");

    PodRequest a = ready(AttemptPlanner.plan(node(shorter, null), AttemptHistory.NONE, T0));
    PodRequest b = ready(AttemptPlanner.plan(node(longer, null), AttemptHistory.NONE, T0));

    assertThat(a.pendingDeadline()).isEqualTo(T0.plusSeconds(20));
    assertThat(a.activeDeadlineSeconds()).isEqualTo(59L);
    assertThat(b.pendingDeadline()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void aPendingTimeoutThatIsNotADurationRejectsThePodWithArgosMessage() {
    Template template = Templates.container("t", null).withPendingTimeout("soon");

    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(template, null), AttemptHistory.NONE, T0);

    assertThat(((AttemptPlanner.Plan.Pod) plan).rejection())
        .isEqualTo(
            "invalid timeout format unable to parse soon as a duration: time: invalid duration"
                + " \"soon\"");
  }

  private static Template withTimeout(Template t, String timeout) {
    return new Template(
        t.name(),
        t.body(),
        t.inputs(),
        t.retryStrategy(),
        t.activeDeadlineSeconds(),
        timeout,
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName(),
        t.outputs());
  }

  private static Template withDeadline(Template t, String seconds) {
    return new Template(
        t.name(),
        t.body(),
        t.inputs(),
        t.retryStrategy(),
        seconds,
        t.timeout(),
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName());
  }

  private static Template inClusters(String key, String value) {
    Template t = Templates.container("t", WINDOWED);
    return t.withMetadata(new dev.targo.argo.plan.PodMetadata(Map.of(), Map.of(key, value)));
  }

  @Test
  void eachAttemptsRequestNamesTheClusterOfItsPlaceInTheFailoverList() {
    Template t = inClusters(dev.targo.argo.pod.Clusters.CLUSTERS, "gpu-east,gpu-west");

    assertThat(ready(AttemptPlanner.plan(node(t, null), AttemptHistory.NONE, T0)).cluster())
        .isEqualTo("gpu-east");
    assertThat(ready(AttemptPlanner.plan(node(t, null), failedOn("a"), T0)).cluster())
        .isEqualTo("gpu-west");
    assertThat(ready(AttemptPlanner.plan(node(t, null), failedOn("a", "b"), T0)).cluster())
        .isEqualTo("gpu-east");
  }

  @Test
  void aTemplateNamingNoClusterRunsOnTheWorkflowsOwnQueue() {
    assertThat(
            ready(
                    AttemptPlanner.plan(
                        node(Templates.container("t", WINDOWED), null), AttemptHistory.NONE, T0))
                .cluster())
        .isNull();
  }

  @Test
  void aClusterNameMadeWrongBySubstitutionEndsTheAttemptInvalid() {
    Template t = inClusters(dev.targo.argo.pod.Clusters.CLUSTER, "gpu_{{retries}}");

    assertThat(AttemptPlanner.plan(node(t, null), AttemptHistory.NONE, T0))
        .isEqualTo(
            new AttemptPlanner.Plan.Invalid(
                "targo.dev/cluster: cluster 'gpu_0' must be a DNS label (lower-case letters,"
                    + " digits and '-', at most 63 characters, starting and ending with a letter"
                    + " or digit)"));
  }
}
