package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import dev.targo.argo.pod.Scheduler;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A test kubelet and scheduler in one, driving pods stored in the fabric8 CRUD mock: places each
 * new pod on a fake node with the pure {@link Scheduler} (required node affinity and nodeSelector
 * honoured), then plays the pod's {@link Behaviour}: run to an exit code, stay Pending, be evicted,
 * or hold Running until the test says. Logs are served through mock expectations, as the CRUD mock
 * has no log endpoint.
 */
final class SimulatedKubelet implements AutoCloseable {

  /** What a pod does once created. */
  sealed interface Behaviour {
    /**
     * Runs and exits with {@code exitCode}, printing {@code log}; {@code terminationMessage} is
     * what the kubelet copied from the container's {@code terminationMessagePath}, or null.
     */
    record Exit(int exitCode, String log, String terminationMessage) implements Behaviour {
      Exit(int exitCode, String log) {
        this(exitCode, log, null);
      }
    }

    /** Runs until {@link #finish} is called. */
    record Hold() implements Behaviour {}

    /** Runs, then the kubelet evicts it with {@code message}. */
    record Evict(String message) implements Behaviour {}

    /** Scheduled, but its image cannot be pulled: Pending for ever. */
    record ImagePullBackOff() implements Behaviour {}

    /**
     * Scheduled, then evicted with {@code message} before its main container started (node pressure
     * while the image was being pulled).
     */
    record EvictBeforeStart(String message) implements Behaviour {}
  }

  /** Node name to its {@code kubernetes.io/hostname} label, as cloud providers often differ. */
  private final Map<String, String> hostnames;

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final String namespace;
  private final SharedIndexInformer<Pod> informer;
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final Map<String, Integer> running = new ConcurrentHashMap<>();
  private final Map<String, List<String>> created = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private volatile Function<Pod, Behaviour> behaviours = p -> new Behaviour.Exit(0, "");

  SimulatedKubelet(
      KubernetesMockServer server,
      KubernetesClient client,
      String namespace,
      Map<String, String> hostnames) {
    this.server = server;
    this.client = client;
    this.namespace = namespace;
    this.hostnames = Map.copyOf(hostnames);
    hostnames.forEach(
        (node, host) ->
            client
                .nodes()
                .resource(
                    new NodeBuilder()
                        .withNewMetadata()
                        .withName(node)
                        .addToLabels(Names.DEFAULT_HOSTNAME_LABEL, host)
                        .endMetadata()
                        .build())
                .create());
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    worker.execute(() -> start(pod));
                  }

                  @Override
                  public void onUpdate(Pod oldPod, Pod newPod) {}

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}
                });
  }

  void behaviours(Function<Pod, Behaviour> behaviours) {
    this.behaviours = behaviours;
  }

  /** The uids of every pod ever created under {@code name}, in order. */
  List<String> createdUids(String name) {
    return created.getOrDefault(name, List.of());
  }

  /** Ends a held pod with an exit code and log. */
  void finish(String name, int exitCode, String log) {
    run(() -> terminate(name, exitCode, log, null));
  }

  /** Evicts a running pod as the kubelet does under memory pressure. */
  void evict(String name, String message) {
    run(() -> evictNow(name, message));
  }

  private void run(Runnable r) {
    try {
      worker.submit(r).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void start(Pod pod) {
    String name = pod.getMetadata().getName();
    String uid = pod.getMetadata().getUid();
    if (!seen.add(uid)) {
      return; // a re-list replays pods already started
    }
    created.computeIfAbsent(name, n -> new ArrayList<>()).add(uid);
    List<Scheduler.Node> nodes =
        hostnames.entrySet().stream()
            .map(
                e ->
                    new Scheduler.Node(
                        e.getKey(),
                        Map.of(Names.DEFAULT_HOSTNAME_LABEL, e.getValue()),
                        running.getOrDefault(e.getKey(), 0)))
            .toList();
    Scheduler.Placement placement =
        Scheduler.place(
            pod.getSpec().getNodeSelector(), PlanAffinity.of(pod.getSpec().getAffinity()), nodes);
    if (placement instanceof Scheduler.Placement.Unschedulable u) {
      edit(
          name,
          p ->
              new PodBuilder(p)
                  .editOrNewStatus()
                  .withPhase("Pending")
                  .withConditions(
                      new PodConditionBuilder()
                          .withType("PodScheduled")
                          .withStatus("False")
                          .withReason("Unschedulable")
                          .withMessage(u.message())
                          .build())
                  .endStatus()
                  .build());
      return;
    }
    String node = ((Scheduler.Placement.Assigned) placement).node().name();
    running.merge(node, 1, Integer::sum);
    Behaviour behaviour = behaviours.apply(pod);
    if (behaviour instanceof Behaviour.EvictBeforeStart evict) {
      edit(name, p -> waiting(scheduled(p, node, "Pending"), "ContainerCreating", null));
      evictNow(name, evict.message());
      return;
    }
    if (behaviour instanceof Behaviour.ImagePullBackOff) {
      edit(
          name,
          p ->
              waiting(
                  scheduled(p, node, "Pending"),
                  "ImagePullBackOff",
                  "Back-off pulling image \"" + image(p) + "\""));
      return;
    }
    edit(
        name,
        p ->
            withMain(
                scheduled(p, node, "Running"),
                new ContainerStatusBuilder()
                    .withName("main")
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(Instant.now().toString())
                    .endRunning()
                    .endState()
                    .build()));
    switch (behaviour) {
      case Behaviour.Exit exit ->
          terminate(name, exit.exitCode(), exit.log(), exit.terminationMessage());
      case Behaviour.Evict evict -> evictNow(name, evict.message());
      case Behaviour.Hold hold -> {}
      case Behaviour.ImagePullBackOff pull -> {}
      case Behaviour.EvictBeforeStart evict -> {}
    }
  }

  private void terminate(String name, int exitCode, String log, String terminationMessage) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + namespace
                + "/pods/"
                + name
                + "/log?pretty=false&container=main")
        .andReturn(200, log)
        .always();
    edit(
        name,
        p ->
            withMain(
                new PodBuilder(p)
                    .editStatus()
                    .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                    .endStatus()
                    .build(),
                new ContainerStatusBuilder()
                    .withName("main")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .withMessage(terminationMessage)
                    .withStartedAt(Instant.now().toString())
                    .withFinishedAt(Instant.now().toString())
                    .endTerminated()
                    .endState()
                    .build()));
  }

  private void evictNow(String name, String message) {
    edit(
        name,
        p ->
            new PodBuilder(p)
                .editStatus()
                .withPhase("Failed")
                .withReason("Evicted")
                .withMessage(message)
                .endStatus()
                .build());
  }

  private void edit(String name, UnaryOperator<Pod> change) {
    client.pods().inNamespace(namespace).withName(name).edit(change);
  }

  private static Pod scheduled(Pod p, String node, String phase) {
    return new PodBuilder(p)
        .editSpec()
        .withNodeName(node)
        .endSpec()
        .editOrNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  /** {@code p} with its main container waiting for {@code reason}. */
  private static Pod waiting(Pod p, String reason, String message) {
    return withMain(
        p,
        new ContainerStatusBuilder()
            .withName("main")
            .withNewState()
            .withNewWaiting()
            .withReason(reason)
            .withMessage(message)
            .endWaiting()
            .endState()
            .build());
  }

  private static Pod withMain(Pod p, io.fabric8.kubernetes.api.model.ContainerStatus main) {
    return new PodBuilder(p).editOrNewStatus().withContainerStatuses(main).endStatus().build();
  }

  private static String image(Pod p) {
    return p.getSpec().getContainers().get(0).getImage();
  }

  @Override
  public void close() {
    informer.stop();
    worker.shutdownNow();
  }
}
