package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** targo's clusters: which cluster each attempt runs in, and which annotations are wrong. */
class ClustersTest {

  @ParameterizedTest(name = "{0} attempt {1} -> {2}")
  @CsvSource(
      nullValues = "none",
      value = {
        "'',                          0, none",
        "'',                          3, none",
        "gpu-east,                    0, gpu-east",
        "gpu-east,                    4, gpu-east",
        "gpu-east gpu-west,           0, gpu-east",
        "gpu-east gpu-west,           1, gpu-west",
        "gpu-east gpu-west,           2, gpu-east",
        "gpu-east gpu-west,           3, gpu-west",
        "gpu-east gpu-west gpu-north, 1, gpu-west",
        "gpu-east gpu-west gpu-north, 2, gpu-north",
        "gpu-east gpu-west gpu-north, 3, gpu-east",
      })
  void eachRetryTakesTheFirstClusterNotFailedYetAndStartsOverOnceAllHaveFailed(
      String clusters, int attempt, String expected) {
    List<String> list = clusters.isBlank() ? List.of() : List.of(clusters.split(" "));

    assertThat(Clusters.forAttempt(list, attempt)).isEqualTo(expected);
  }

  static Stream<Arguments> annotations() {
    return Stream.of(
        Arguments.of(Map.of(), List.of()),
        Arguments.of(Map.of("other", "x"), List.of()),
        Arguments.of(Map.of(Clusters.CLUSTER, "gpu-east"), List.of("gpu-east")),
        Arguments.of(
            Map.of(Clusters.CLUSTERS, "gpu-east, gpu-west"), List.of("gpu-east", "gpu-west")),
        Arguments.of(
            Map.of(Clusters.CLUSTERS, "gpu-west,gpu-east"), List.of("gpu-west", "gpu-east")));
  }

  @ParameterizedTest
  @MethodSource("annotations")
  void theListIsTheOneClusterOrTheFailoverListInItsOrder(
      Map<String, String> annotations, List<String> expected) {
    assertThat(Clusters.list(annotations)).isEqualTo(expected);
    assertThat(Clusters.problem(annotations)).isNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "targo.dev/cluster  | GPU-East   | targo.dev/cluster: cluster 'GPU-East' must be a DNS label",
        "targo.dev/cluster  | ''         | targo.dev/cluster: a cluster name is empty",
        "targo.dev/clusters | a,,b       | targo.dev/clusters: a cluster name is empty",
        "targo.dev/clusters | a,b,a      | targo.dev/clusters: cluster 'a' is listed twice",
        "targo.dev/clusters | a,-b       | targo.dev/clusters: cluster '-b' must be a DNS label",
        "targo.dev/clusters | a,b_c      | targo.dev/clusters: cluster 'b_c' must be a DNS label",
      })
  void aWrongNameIsAProblem(String key, String value, String expected) {
    assertThat(Clusters.problem(Map.of(key, value))).startsWith(expected);
  }

  @Test
  void aNameLongerThanADnsLabelIsAProblem() {
    assertThat(Clusters.problem(Map.of(Clusters.CLUSTER, "a".repeat(64))))
        .contains("must be a DNS label");
    assertThat(Clusters.problem(Map.of(Clusters.CLUSTER, "a".repeat(63)))).isNull();
  }

  @Test
  void bothAnnotationsTogetherAreAProblem() {
    assertThat(Clusters.problem(Map.of(Clusters.CLUSTER, "a", Clusters.CLUSTERS, "a,b")))
        .isEqualTo(Clusters.BOTH);
  }

  @Test
  void theTaskQueueIsTheWorkflowsWithTheClustersName() {
    assertThat(Clusters.taskQueue("targo", "gpu-east")).isEqualTo("targo-gpu-east");
  }
}
