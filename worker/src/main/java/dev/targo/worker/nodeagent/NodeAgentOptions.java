package dev.targo.worker.nodeagent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a {@link NodeAgent}.
 *
 * @param nodes the names of the nodes it registers and runs pods for, at least one
 * @param zones the {@code topology.kubernetes.io/zone} values, given to the nodes in turn
 * @param kubeletPort the port of the kubelet's HTTPS endpoint (logs), published in each node's
 *     {@code status.daemonEndpoints}; 0 for a free one
 * @param keyStore the PKCS#12 key store of the endpoint's certificate
 * @param keyStorePassword its password
 * @param clientCa when set, the endpoint accepts only clients with a certificate this CA signed
 *     (the API server's kubelet client certificate), as a kubelet does
 * @param stateDir where pods keep their working directories and container logs
 * @param heartbeat how often each node's {@code Ready} condition is renewed
 */
public record NodeAgentOptions(
    List<String> nodes,
    List<String> zones,
    int kubeletPort,
    Path keyStore,
    char[] keyStorePassword,
    Path clientCa,
    Path stateDir,
    Duration heartbeat) {

  /** The zones of an agent started without any: two, as in a small regional cluster. */
  public static final List<String> DEFAULT_ZONES = List.of("eu-west-1a", "eu-west-1b");

  public NodeAgentOptions {
    nodes = List.copyOf(nodes);
    zones = zones == null || zones.isEmpty() ? DEFAULT_ZONES : List.copyOf(zones);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the node agent needs at least one node");
    }
    if (heartbeat == null || !heartbeat.isPositive()) {
      heartbeat = Duration.ofSeconds(10);
    }
  }
}
