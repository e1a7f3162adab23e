package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The zones of the simulated nodes: two nodes per zone, so a zone is more than a host. */
class LocalZonesTest {

  @ParameterizedTest(name = "node-{0} is in {1}")
  @CsvSource({
    "1, zone-a",
    "2, zone-a",
    "3, zone-b",
    "4, zone-b",
    "5, zone-c",
    "52, zone-z",
    "53, zone-aa"
  })
  void twoNodesShareEachZone(int node, String zone) {
    assertThat(LocalExecutor.zone(node)).isEqualTo(zone);
  }
}
