package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.PodGc;
import dev.targo.argo.status.NodePhase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodGcsTest {

  @ParameterizedTest(name = "{0} after a {1} attempt: delete its pod = {2}")
  @CsvSource({
    "default, Succeeded, true",
    "default, Failed, true",
    "OnPodCompletion, Succeeded, true",
    "OnPodCompletion, Error, true",
    "OnPodSuccess, Succeeded, true",
    "OnPodSuccess, Failed, false",
    "OnPodSuccess, Error, false",
    "OnWorkflowCompletion, Succeeded, false",
    "OnWorkflowSuccess, Succeeded, false",
  })
  void deletesAnAttemptsPodPerStrategyAndPhase(String strategy, NodePhase phase, boolean delete) {
    assertThat(PodGcs.deleteAfterAttempt(gc(strategy), phase)).isEqualTo(delete);
  }

  @ParameterizedTest(name = "{0} at the end of a {1} workflow: delete its pods = {2}")
  @CsvSource({
    "default, Succeeded, false",
    "OnPodCompletion, Failed, false",
    "OnPodSuccess, Failed, false",
    "OnWorkflowCompletion, Succeeded, true",
    "OnWorkflowCompletion, Failed, true",
    "OnWorkflowCompletion, Error, true",
    "OnWorkflowSuccess, Succeeded, true",
    "OnWorkflowSuccess, Failed, false",
    "OnWorkflowSuccess, Error, false",
  })
  void deletesEveryPodAtTheWorkflowsEndPerStrategyAndPhase(
      String strategy, NodePhase phase, boolean delete) {
    assertThat(PodGcs.deleteAtWorkflowEnd(gc(strategy), phase)).isEqualTo(delete);
  }

  @org.junit.jupiter.api.Test
  void onlyAPodTheLabelSelectorSelectsIsDeleted() throws Exception {
    PodGc gc =
        new PodGc(
            PodGc.Strategy.OnPodSuccess,
            dev.targo.argo.Json.mapper().readTree("{\"matchLabels\":{\"delete\":\"true\"}}"),
            null);

    assertThat(
            PodGcs.deleteAfterAttempt(gc, NodePhase.Succeeded, java.util.Map.of("delete", "true")))
        .isTrue();
    assertThat(PodGcs.deleteAfterAttempt(gc, NodePhase.Succeeded, java.util.Map.of())).isFalse();
    assertThat(PodGcs.deleteAfterAttempt(gc, NodePhase.Failed, java.util.Map.of("delete", "true")))
        .isFalse();
  }

  @org.junit.jupiter.api.Test
  void theDelayIsInMillisecondsAndAbsentWithoutOne() {
    assertThat(PodGcs.delayMillis(new PodGc(null, null, "1m30s"))).isEqualTo(90_000L);
    assertThat(PodGcs.delayMillis(new PodGc(null, null, "0s"))).isNull();
    assertThat(PodGcs.delayMillis(new PodGc(PodGc.Strategy.OnPodSuccess))).isNull();
    assertThat(PodGcs.delayMillis(null)).isNull();
  }

  private static PodGc gc(String strategy) {
    return "default".equals(strategy) ? null : new PodGc(PodGc.Strategy.valueOf(strategy));
  }
}
