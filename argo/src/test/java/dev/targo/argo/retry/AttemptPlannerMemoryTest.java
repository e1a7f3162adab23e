package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code onOOMKilled.memory}: each pod attempt's resources, replayed from the attempt history. */
class AttemptPlannerMemoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static final RetryStrategySpec GROW =
      new RetryStrategySpec(
          "5",
          "Always",
          null,
          false,
          null,
          null,
          null,
          new RetryStrategySpec.OnOOMKilledSpec(
              new RetryStrategySpec.MemoryGrowthSpec("2", "1Gi")));

  private static Template template(RetryStrategySpec retry, String resources) throws Exception {
    ContainerSpec c =
        new ContainerSpec(
            "alpine:3",
            List.of("sh", "-c", "true"),
            List.of(),
            List.of(),
            null,
            resources == null ? null : Json.mapper().readTree(resources),
            List.of(),
            null,
            null);
    return new Template(
        "t",
        new TemplateBody.ContainerBody(c),
        List.of(),
        retry,
        null,
        null,
        java.util.Map.of(),
        null,
        List.of(),
        null,
        null,
        null);
  }

  private static NodeSpec node(Template t) {
    return new NodeSpec("wf", "argo", "wf", "wf", t, new TreeMap<>(), "runner", null, List.of());
  }

  private static AttemptHistory after(String... reasons) {
    AttemptHistory history = AttemptHistory.NONE;
    for (String reason : reasons) {
      AttemptOutcome outcome =
          AttemptOutcome.ofPod(
                  NodePhase.Failed,
                  "main: " + reason + " (exit code 137)",
                  137,
                  "h",
                  T0,
                  T0.plusSeconds(1),
                  "p",
                  null,
                  null)
              .withReason(AttemptOutcome.terminationReason(reason));
      history = history.record(outcome, T0);
    }
    return history;
  }

  private static String resources(Template t, AttemptHistory history) {
    AttemptPlanner.Plan plan = AttemptPlanner.plan(node(t), history, T0);
    assertThat(plan).isInstanceOf(AttemptPlanner.Plan.Pod.class);
    PodRequest request = ((AttemptPlanner.Plan.Pod) plan).request();
    return request.template().body().container().resources().toString();
  }

  @Test
  void theFirstAttemptRunsWithTheTemplatesMemory() throws Exception {
    Template t = template(GROW, "{\"limits\":{\"memory\":\"64Mi\"}}");

    assertThat(resources(t, AttemptHistory.NONE)).isEqualTo("{\"limits\":{\"memory\":\"64Mi\"}}");
  }

  @Test
  void eachOomKilledAttemptDoublesTheLimitAndRequestAndAnotherFailureKeepsIt() throws Exception {
    Template t =
        template(
            GROW,
            "{\"limits\":{\"memory\":\"64Mi\",\"cpu\":\"1\"},\"requests\":{\"memory\":\"32Mi\"}}");

    assertThat(resources(t, after("OOMKilled")))
        .isEqualTo(
            "{\"limits\":{\"memory\":\"128Mi\",\"cpu\":\"1\"},\"requests\":{\"memory\":\"64Mi\"}}");
    assertThat(resources(t, after("OOMKilled", "OOMKilled", "Error")))
        .isEqualTo(
            "{\"limits\":{\"memory\":\"256Mi\",\"cpu\":\"1\"},\"requests\":{\"memory\":\"128Mi\"}}");
    assertThat(resources(t, after("OOMKilled", "OOMKilled", "OOMKilled", "OOMKilled", "OOMKilled")))
        .isEqualTo(
            "{\"limits\":{\"memory\":\"1Gi\",\"cpu\":\"1\"},\"requests\":{\"memory\":\"1Gi\"}}");
  }

  @Test
  void withoutOnOomKilledTheMemoryNeverChanges() throws Exception {
    RetryStrategySpec plain = new RetryStrategySpec("5", "Always", null, false, null);
    Template t = template(plain, "{\"limits\":{\"memory\":\"64Mi\"}}");

    assertThat(resources(t, after("OOMKilled", "OOMKilled")))
        .isEqualTo("{\"limits\":{\"memory\":\"64Mi\"}}");
  }

  @Test
  void aTemplateWithoutAMemoryLimitToGrowCannotStartItsRetry() throws Exception {
    Template t = template(GROW, "{\"limits\":{\"cpu\":\"1\"}}");

    assertThat(AttemptPlanner.plan(node(t), after("OOMKilled"), T0))
        .isEqualTo(
            new AttemptPlanner.Plan.Invalid(
                "retryStrategy.onOOMKilled: the main container has no resources.limits.memory to"
                    + " grow"));
  }

  @Test
  void theHistoryCountsOomKilledAttemptsAndOmitsTheCountFromJsonWhenZero() throws Exception {
    assertThat(after("OOMKilled", "Error", "OOMKilled").oomKilledAttempts()).isEqualTo(2);
    assertThat(Json.mapper().writeValueAsString(after("Error"))).doesNotContain("oomKilled");
  }

  private static String note(Template t, AttemptHistory history) {
    return ((AttemptPlanner.Plan.Pod) AttemptPlanner.plan(node(t), history, T0)).memoryNote();
  }

  @Test
  void anAttemptAfterAnOomKilledOneNotesHowItsMemoryGrew() throws Exception {
    Template t = template(GROW, "{\"limits\":{\"memory\":\"64Mi\"}}");

    assertThat(note(t, AttemptHistory.NONE)).isNull();
    assertThat(note(t, after("OOMKilled"))).isEqualTo("memory 64Mi→128Mi after OOMKilled");
    assertThat(note(t, after("OOMKilled", "OOMKilled")))
        .isEqualTo("memory 128Mi→256Mi after OOMKilled");
    assertThat(note(t, after("OOMKilled", "Error"))).isNull();
    assertThat(note(t, after("OOMKilled", "OOMKilled", "OOMKilled", "OOMKilled", "OOMKilled")))
        .isEqualTo("memory 1Gi (max) after OOMKilled");
  }
}
