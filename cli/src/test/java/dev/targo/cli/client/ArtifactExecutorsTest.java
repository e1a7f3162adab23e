package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactExecutorsTest {
  @Test
  void aQueueOnlyKubernetesWorkersPollRefusesArtifacts() {
    assertThat(
            ArtifactExecutors.refusal(
                "targo",
                List.of("1@a (targo kubernetes executor)", "2@b (targo kubernetes executor)")))
        .contains(
            "UNSUPPORTED artifacts are valid Argo but not supported by targo's kubernetes executor"
                + " yet, which every worker of task queue targo runs; run the workflow on a worker"
                + " with --executor local (docs/DESIGN.md §16)");
  }

  @Test
  void aQueueWithALocalWorkerOrNoTargoWorkerTakesThem() {
    assertThat(
            ArtifactExecutors.refusal(
                "targo", List.of("1@a (targo kubernetes executor)", "2@b (targo local executor)")))
        .isEmpty();
    assertThat(ArtifactExecutors.refusal("targo", List.of())).isEmpty();
    assertThat(ArtifactExecutors.refusal("targo", List.of("3@c"))).isEmpty();
  }
}
