package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import org.junit.jupiter.api.Test;

/** The Web UI's static summary names targo's retry extensions beside Argo's fields. */
class PlanSummaryTest {

  private static String summary(String retryStrategy) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: s}
        spec:
          entrypoint: flaky
          templates:
            - name: flaky
              retryStrategy: %s
              container: {image: alpine, resources: {limits: {memory: 64Mi}}}
        """
            .formatted(retryStrategy);
    Translation t = Translator.translate("s.yaml", yaml);
    return PlanSummary.summary(((Translation.Ok) t).plan());
  }

  @Test
  void namesJitterAndAPreferredExclusion() {
    assertThat(
            summary(
                "{limit: 3, backoff: {duration: 2s, factor: 2, jitter: 0.2},"
                    + " affinity: {nodeAntiAffinity: {type: Preferred}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), backoff 2s ×2 jitter 0.2,"
                + " prefers hosts that have not failed");
  }

  @Test
  void namesTheClustersOfATemplateInFailoverOrder() {
    Translation t =
        Translator.translate(
            "s.yaml",
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: s}
            spec:
              entrypoint: train
              templates:
                - name: train
                  metadata: {annotations: {targo.dev/clusters: "gpu-east,gpu-west"}}
                  retryStrategy: {limit: 2}
                  container: {image: alpine}
            """);

    assertThat(PlanSummary.summary(((Translation.Ok) t).plan()))
        .isEqualTo(
            "train: container alpine in clusters gpu-east → gpu-west, retry limit 2 (default"
                + " policy)");
  }

  @Test
  void namesHowOnOomKilledGrowsTheMemory() {
    assertThat(summary("{limit: 3, onOOMKilled: {memory: {factor: 2, max: 16Gi}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), memory ×2 up to 16Gi after"
                + " OOMKilled");
  }

  @Test
  void argosExclusionStillReadsAsBefore() {
    assertThat(summary("{limit: 3, affinity: {nodeAntiAffinity: {}}}"))
        .isEqualTo("flaky: container alpine, retry limit 3 (default policy), avoids failed hosts");
  }

  @Test
  void namesTheTopologyKeyOfAnExclusion() {
    assertThat(summary("{limit: 3, affinity: {nodeAntiAffinity: {topologyKey: pool}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), avoids the pool of failed"
                + " hosts");
    assertThat(
            summary(
                "{limit: 3, affinity: {nodeAntiAffinity: {type: Preferred, topologyKey: pool}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), prefers a pool where no"
                + " attempt failed");
  }

  @Test
  void saysHowManyRecentHostsACappedExclusionKeeps() {
    assertThat(summary("{limit: 3, affinity: {nodeAntiAffinity: {maxExcluded: 2}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), avoids failed hosts (the"
                + " last 2)");
  }

  @Test
  void saysWhichFailuresAnExclusionExpressionCounts() {
    assertThat(
            summary(
                "{limit: 3, affinity: {nodeAntiAffinity: {maxExcluded: 2, expression:"
                    + " 'lastRetry.reason == \"Evicted\"'}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), avoids failed hosts (the"
                + " last 2) where lastRetry.reason == \"Evicted\"");
  }

  @Test
  void saysAfterHowLongARelaxedExclusionLetsHostsBack() {
    assertThat(summary("{limit: 3, affinity: {nodeAntiAffinity: {relaxAfter: 2m}}}"))
        .isEqualTo(
            "flaky: container alpine, retry limit 3 (default policy), avoids failed hosts, relaxed"
                + " after 2m unscheduled");
  }
}
