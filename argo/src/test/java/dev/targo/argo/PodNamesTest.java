package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodNamesTest {

  // Expected hashes computed independently: FNV-1a 32 (offset 2166136261, prime 16777619).
  @ParameterizedTest(name = "fnv32a({0}) = {1}")
  @CsvSource({
    "a, 3826002220",
    "wf(0), 200985491",
    "retry-backoff-7bz4v(0), 3817477285",
    "retry-backoff-7bz4v(1), 3616292952",
    "é, 513665217",
  })
  void hashesLikeGoFnv32a(String text, String hash) {
    assertThat(PodNames.fnv32a(text)).isEqualTo(hash);
  }

  @Test
  void rootNodeIdIsTheWorkflowName() {
    assertThat(PodNames.nodeId("retry-backoff-7bz4v", "retry-backoff-7bz4v"))
        .isEqualTo("retry-backoff-7bz4v");
  }

  @Test
  void childNodeIdIsWorkflowNameDashHash() {
    assertThat(PodNames.nodeId("retry-backoff-7bz4v", "retry-backoff-7bz4v(0)"))
        .isEqualTo("retry-backoff-7bz4v-3817477285");
  }

  @Test
  void podNameJoinsWorkflowTemplateAndHash() {
    assertThat(PodNames.podName("retry-backoff-7bz4v", "retry-backoff-7bz4v(1)", "retry-backoff"))
        .isEqualTo("retry-backoff-7bz4v-retry-backoff-3616292952");
  }

  @Test
  void podNameWithoutTemplateIsWorkflowDashHash() {
    assertThat(PodNames.podName("wf", "wf(0)", "")).isEqualTo("wf-200985491");
  }

  @Test
  void rootPodIsNamedAfterTheWorkflow() {
    assertThat(PodNames.podName("wf", "wf", "main")).isEqualTo("wf");
  }

  @Test
  void longPrefixIsTruncatedToSixtyThreeCharactersKeepingTheHash() {
    String wf = "w".repeat(40);
    String name = PodNames.podName(wf, wf + "(0)", "t".repeat(40));
    String hash = PodNames.fnv32a(wf + "(0)");
    assertThat(name).hasSize(63).endsWith("-" + hash);
    assertThat(name).isEqualTo(wf + "-" + "t".repeat(62 - 41 - hash.length()) + "-" + hash);
  }

  @Test
  void truncationDropsTrailingDashesAndDotsFromThePrefix() {
    // 52 characters of prefix fit beside "-<10 digits>"; the cut falls right after "a-.".
    String wf = "a".repeat(49) + "-.-bbbb";
    String name = PodNames.podName(wf, "n(0)", "t");
    assertThat(name).isEqualTo("a".repeat(49) + "-" + PodNames.fnv32a("n(0)"));
  }

  @Test
  void podNameIsLowercaseDnsCharactersOnly() {
    assertThat(PodNames.podName("wf", "wf(0)", "retryBackoff_x"))
        .isEqualTo("wf-retrybackoff-x-200985491");
  }

  @Test
  void overlongRootWorkflowNameStillYieldsAValidPodName() {
    String wf = "r".repeat(70);
    assertThat(PodNames.podName(wf, wf, "main")).hasSize(63).endsWith("-" + PodNames.fnv32a(wf));
  }
}
