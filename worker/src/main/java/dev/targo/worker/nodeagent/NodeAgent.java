package dev.targo.worker.nodeagent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet of a few nodes with nothing but the Kubernetes API: registers each node (as a
 * kubelet registers its own), renews its {@code Ready} condition, watches the pods bound to it (one
 * informer per node with the kubelet's field selector {@code spec.nodeName=NAME}), runs them
 * ({@link AgentPod}), serves their logs ({@link KubeletServer}), and simulates the {@link Fault} a
 * node's annotation asks for. It also plays the two controllers a node fault needs (the node
 * lifecycle controller's taints and pod readiness, the pod garbage collector for a deleted node),
 * since no kube-controller-manager runs.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final AgentApi api;
  private final NodeAgentOptions options;
  private final KubeletServer kubelet;
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private final Map<String, AgentPod> pods = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "targo-agent-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  private NodeAgent(KubernetesClient client, NodeAgentOptions options)
      throws IOException, GeneralSecurityException {
    this.options = options;
    this.api = new AgentApi(client, () -> closed);
    Files.createDirectories(options.stateDir());
    this.kubelet =
        new KubeletServer(
            options.kubeletPort(),
            options.keyStore(),
            options.keyStorePassword(),
            options.clientCa(),
            this::container);
  }

  /** Starts an agent: its kubelet port, its nodes registered and Ready, its pod informers. */
  public static NodeAgent start(KubernetesClient client, NodeAgentOptions options)
      throws IOException, GeneralSecurityException {
    NodeAgent agent = new NodeAgent(client, options);
    try {
      agent.registerNodes();
      agent.watch();
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
    long period = options.heartbeat().toMillis();
    agent.heartbeat.scheduleWithFixedDelay(agent::beat, period, period, TimeUnit.MILLISECONDS);
    return agent;
  }

  /** The port of the kubelet endpoint (logs) the nodes publish. */
  public int kubeletPort() {
    return kubelet.port();
  }

  /** The nodes this agent plays the kubelet of. */
  public List<String> nodes() {
    return options.nodes();
  }

  AgentApi api() {
    return api;
  }

  Fault fault(String node) {
    return removed.contains(node) ? Fault.NOT_READY : faults.getOrDefault(node, Fault.NONE);
  }

  private void registerNodes() {
    for (int i = 0; i < options.nodes().size(); i++) {
      String name = options.nodes().get(i);
      String zone = options.zones().get(i % options.zones().size());
      Node node = NodeObjects.node(name, zone, kubeletPort());
      try {
        api.client().nodes().resource(node).create();
        LOG.info("registered node {} (zone {})", name, zone);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        // Registered before (an earlier run of the agent): bring labels and status up to date.
        api.patchNode(name, Map.of("metadata", Map.of("labels", node.getMetadata().getLabels())));
        api.patchNodeStatus(name, NodeObjects.status(name, kubeletPort(), Fault.NONE));
        LOG.info("node {} was registered already; status renewed", name);
      }
    }
  }

  private void watch() {
    SharedIndexInformer<Node> nodes = api.client().nodes().inform(new NodeEvents(), 0);
    informers.add(nodes);
    for (String node : options.nodes()) {
      SharedIndexInformer<Pod> informer =
          api.client()
              .pods()
              .inAnyNamespace()
              .withField("spec.nodeName", node)
              .inform(new PodEvents(node), 0);
      informers.add(informer);
    }
  }

  /** Renews each working node's conditions, as the kubelet's node status updates do. */
  private void beat() {
    for (String node : options.nodes()) {
      Fault fault = fault(node);
      if (closed || removed.contains(node) || fault == Fault.NOT_READY) {
        continue;
      }
      api.patchNodeStatus(node, NodeObjects.status(node, kubeletPort(), fault));
    }
  }

  private Optional<ContainerRun> container(String namespace, String pod, String container) {
    // The newest pod of that name: a pod deleted and created again has a new uid.
    return pods.values().stream()
        .filter(p -> p.key().equals(namespace + "/" + pod))
        .reduce((a, b) -> b)
        .flatMap(p -> p.container(container));
  }

  private final class PodEvents implements ResourceEventHandler<Pod> {
    private final String node;

    PodEvents(String node) {
      this.node = node;
    }

    @Override
    public void onAdd(Pod pod) {
      sync(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      sync(newPod);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      AgentPod known = pods.remove(pod.getMetadata().getUid());
      if (known != null) {
        known.stop(new AgentPod.Stop.Gone());
      }
    }

    private void sync(Pod pod) {
      if (closed) {
        return;
      }
      String uid = pod.getMetadata().getUid();
      AgentPod known = pods.get(uid);
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
      boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
      if (known != null) {
        if (known.finished()) {
          if (deleting && !removed.contains(node) && fault(node) != Fault.NOT_READY) {
            // Deleted after its end was reported: the kubelet confirms the deletion.
            api.deletePodNow(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid);
          }
        } else {
          known.update(pod);
        }
        return;
      }
      if (terminal) {
        if (deleting && fault(node) != Fault.NOT_READY) {
          api.deletePodNow(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid);
        }
        return;
      }
      if (fault(node) == Fault.NOT_READY) {
        return; // a dark node takes on nothing
      }
      AgentPod created = new AgentPod(NodeAgent.this, node, pod, options.stateDir());
      if (pods.putIfAbsent(uid, created) == null) {
        created.update(pod);
        created.start();
      }
    }
  }

  private final class NodeEvents implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      onUpdate(null, node);
    }

    @Override
    public void onUpdate(Node oldNode, Node node) {
      String name = node.getMetadata().getName();
      if (!options.nodes().contains(name) || removed.contains(name)) {
        return;
      }
      Map<String, String> annotations = node.getMetadata().getAnnotations();
      Fault wanted;
      try {
        wanted = Fault.parse(annotations == null ? null : annotations.get(Fault.ANNOTATION));
      } catch (IllegalArgumentException e) {
        LOG.warn("node {}: {}", name, e.getMessage());
        return;
      }
      Fault was = faults.getOrDefault(name, Fault.NONE);
      if (was == wanted) {
        return;
      }
      faults.put(name, wanted);
      LOG.info("node {}: fault {} -> {}", name, was.value(), wanted.value());
      applyFault(name, wanted);
    }

    @Override
    public void onDelete(Node node, boolean deletedFinalStateUnknown) {
      String name = node.getMetadata().getName();
      if (!options.nodes().contains(name) || !removed.add(name)) {
        return;
      }
      LOG.info(
          "node {} was deleted: its pods are failed and deleted (pod garbage collector)", name);
      podsOn(name).forEach(p -> p.stop(new AgentPod.Stop.NodeRemoved()));
    }
  }

  private void applyFault(String node, Fault fault) {
    api.patchNode(node, Map.of("spec", Map.of("taints", NodeObjects.taints(fault))));
    api.patchNodeStatus(node, NodeObjects.status(node, kubeletPort(), fault));
    switch (fault) {
      case EVICT -> podsOn(node).forEach(p -> p.stop(new AgentPod.Stop.Evicted()));
      case NOT_READY -> podsOn(node).forEach(p -> p.stop(new AgentPod.Stop.NodeDark()));
      case NONE, NO_START -> {}
    }
  }

  private List<AgentPod> podsOn(String node) {
    return pods.values().stream().filter(p -> p.node().equals(node) && !p.finished()).toList();
  }

  /** The number of pods whose containers this agent is running or about to run. */
  public int podsInFlight() {
    return (int) pods.values().stream().filter(p -> !p.finished()).count();
  }

  @Override
  public void close() {
    closed = true;
    heartbeat.shutdownNow();
    informers.forEach(SharedIndexInformer::stop);
    List<AgentPod> running = new ArrayList<>(pods.values());
    running.forEach(p -> p.stop(new AgentPod.Stop.Closing()));
    Instant deadline = Instant.now().plusSeconds(10);
    for (AgentPod p : running) {
      try {
        p.done()
            .get(
                Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("pod {} did not stop in time", p.key());
      }
    }
    kubelet.close();
  }

  /** Labels of a node of this agent, for tests and the command's output. */
  public static Map<String, String> labels(String node, String zone) {
    return new LinkedHashMap<>(NodeObjects.node(node, zone, 0).getMetadata().getLabels());
  }
}
