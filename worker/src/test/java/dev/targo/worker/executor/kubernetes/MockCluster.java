package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The fake cluster of the executor tests: three nodes whose hostname labels differ from names. */
final class MockCluster {
  private MockCluster() {}

  static final Map<String, String> NODES =
      Map.of("node-a", "host-a", "node-b", "host-b", "node-c", "host-c");

  /** Fast retries and presence checks, so fault tests finish in milliseconds. */
  static KubernetesSettings settings() {
    return new KubernetesSettings(
        Requests.NAMESPACE,
        Names.DEFAULT_HOSTNAME_LABEL,
        1024,
        new ApiRetry.Policy(Duration.ofMillis(10), Duration.ofMillis(50), 5),
        KubernetesSettings.DEFAULT_SCRIPT_INIT_IMAGE,
        Duration.ofMillis(300),
        KubernetesSettings.DEFAULT_WATCH_GRACE,
        0);
  }

  static SimulatedKubelet kubelet(KubernetesMockServer server, KubernetesClient client) {
    return new SimulatedKubelet(server, client, Requests.NAMESPACE, NODES);
  }

  /** An executor with its own client (as a worker process has), built the production way. */
  static KubernetesExecutor executor(KubernetesClient mockClient) {
    return new KubernetesExecutor(
        KubernetesClients.fromConfig(mockClient.getConfiguration()),
        settings(),
        Clock.systemUTC(),
        true);
  }
}
