package dev.targo.worker.nodeagent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node objects the agent registers and the status and taints it gives them, as a kubelet and
 * the node lifecycle controller would. Pure.
 */
final class NodeObjects {
  private NodeObjects() {}

  static final String VERSION = "v1.36.3";

  /**
   * A node as the kubelet registers it: the hostname label is the first part of the node's name
   * (EC2-style names {@code ip-10-0-1-11.eu-west-1.compute.internal} have the hostname {@code
   * ip-10-0-1-11}), so targo's exclusions by hostname label and the node names differ, as on many
   * clouds; the zone and its region label; capacity for plenty of pods; Ready.
   */
  static Node node(String name, String zone, int kubeletPort) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("labels", labels(name, zone));
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    node.put("metadata", metadata);
    node.put("spec", Map.of());
    node.put("status", status(name, kubeletPort, Fault.NONE));
    return Serialization.unmarshal(AgentApi.json(node), Node.class);
  }

  static Map<String, String> labels(String name, String zone) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", hostname(name));
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("topology.kubernetes.io/zone", zone);
    // A zone name is its region's name and a letter (eu-west-1a in eu-west-1).
    labels.put(
        "topology.kubernetes.io/region",
        zone.length() > 1 && Character.isLetter(zone.charAt(zone.length() - 1))
            ? zone.substring(0, zone.length() - 1)
            : zone);
    labels.put("node.kubernetes.io/instance-type", "targo-node-agent");
    return labels;
  }

  static String hostname(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /**
   * The node's status under a fault: capacity, addresses and the kubelet endpoint always; {@code
   * Ready} True with fresh heartbeats, Unknown for a node that went dark (the node lifecycle
   * controller's words); {@code MemoryPressure} True while it evicts.
   */
  static Map<String, Object> status(String name, int kubeletPort, Fault fault) {
    Map<String, Object> status = new LinkedHashMap<>();
    Map<String, String> capacity =
        Map.of("cpu", "8", "memory", "32Gi", "pods", "250", "ephemeral-storage", "100Gi");
    status.put("capacity", capacity);
    status.put("allocatable", capacity);
    List<Map<String, Object>> conditions = new ArrayList<>();
    String now = PodStatuses.time(Instant.now());
    boolean dark = fault == Fault.NOT_READY;
    conditions.add(
        nodeCondition(
            "MemoryPressure",
            dark ? "Unknown" : fault == Fault.EVICT ? "True" : "False",
            dark
                ? "NodeStatusUnknown"
                : fault == Fault.EVICT
                    ? "KubeletHasInsufficientMemory"
                    : "KubeletHasSufficientMemory",
            dark
                ? "Kubelet stopped posting node status."
                : fault == Fault.EVICT
                    ? "kubelet has insufficient memory available"
                    : "kubelet has sufficient memory available",
            now));
    conditions.add(
        nodeCondition(
            "Ready",
            dark ? "Unknown" : "True",
            dark ? "NodeStatusUnknown" : "KubeletReady",
            dark ? "Kubelet stopped posting node status." : "kubelet is posting ready status",
            now));
    status.put("conditions", conditions);
    status.put(
        "addresses",
        List.of(
            Map.of("type", "InternalIP", "address", "127.0.0.1"),
            Map.of("type", "Hostname", "address", hostname(name))));
    status.put("daemonEndpoints", Map.of("kubeletEndpoint", Map.of("Port", kubeletPort)));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("machineID", "");
    info.put("systemUUID", "");
    info.put("bootID", "");
    info.put("kernelVersion", System.getProperty("os.version"));
    info.put("osImage", "targo node agent");
    info.put("containerRuntimeVersion", "targo://local-processes");
    info.put("kubeletVersion", VERSION);
    info.put("kubeProxyVersion", "");
    info.put("operatingSystem", "linux");
    info.put("architecture", "amd64");
    status.put("nodeInfo", info);
    return status;
  }

  /** The taints the node lifecycle controller gives a node under the fault. */
  static List<Map<String, Object>> taints(Fault fault) {
    return switch (fault) {
      case EVICT -> List.of(taint("node.kubernetes.io/memory-pressure", "NoSchedule"));
      case NOT_READY ->
          List.of(
              taint("node.kubernetes.io/unreachable", "NoSchedule"),
              taint("node.kubernetes.io/unreachable", "NoExecute"));
      case NONE, NO_START -> List.of();
    };
  }

  private static Map<String, Object> taint(String key, String effect) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("key", key);
    t.put("effect", effect);
    if (effect.equals("NoExecute")) {
      t.put("timeAdded", PodStatuses.time(Instant.now()));
    }
    return t;
  }

  private static Map<String, Object> nodeCondition(
      String type, String status, String reason, String message, String now) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("lastHeartbeatTime", now);
    c.put("lastTransitionTime", now);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }
}
