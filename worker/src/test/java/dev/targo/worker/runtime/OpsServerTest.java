package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void listensOnEveryInterfaceFor0000() throws Exception {
    try (OpsServer server = new OpsServer("0.0.0.0", 0, registry, () -> true)) {
      assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
    }
  }

  @Test
  void listensOnLoopbackOnlyFor127001() throws Exception {
    try (OpsServer server = new OpsServer("127.0.0.1", 0, registry, () -> true)) {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(server.address().getHostString()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void refusesAnAddressThatCannotBeResolved() {
    assertThatThrownBy(() -> new OpsServer("no-such-host.invalid", 0, registry, () -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--metrics-address no-such-host.invalid cannot be resolved");
  }
}
