package dev.targo.worker.nodeagent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.worker.executor.local.ContainerEnv;
import dev.targo.worker.executor.local.ContainerLaunch;
import dev.targo.worker.nodeagent.PodStatuses.State;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod bound to one of the agent's nodes, supervised by a virtual thread as the kubelet's pod
 * worker does: accepted (Pending, containers creating), init containers one after the other, the
 * containers together (Running), then Succeeded or Failed with each container's exit code and
 * termination message. It reacts to what happens meanwhile: a graceful deletion (containers stopped
 * within the grace period, final status, then the pod deleted at once), a forced one (processes
 * killed), {@code activeDeadlineSeconds} ({@code DeadlineExceeded}), and the node faults of {@link
 * Fault}.
 */
final class AgentPod {
  private static final Logger LOG = LoggerFactory.getLogger(AgentPod.class);

  /** How often the supervisor looks at its processes and the clock. */
  private static final Duration TICK = Duration.ofMillis(100);

  /** Why a pod's containers stop before they end by themselves. */
  sealed interface Stop {
    /** A graceful deletion: stop within {@code grace}, report, then delete the pod at once. */
    record Deleted(Duration grace) implements Stop {}

    /** The pod is gone from the API (a forced deletion): kill, report nothing. */
    record Gone() implements Stop {}

    /** The node evicts it under memory pressure. */
    record Evicted() implements Stop {}

    /** The node went dark: processes gone, nothing reported. */
    record NodeDark() implements Stop {}

    /** The node was deleted: the pod garbage collector fails and deletes the pod. */
    record NodeRemoved() implements Stop {}

    /** The agent is closing: processes stopped, nothing reported. */
    record Closing() implements Stop {}
  }

  private final NodeAgent agent;
  private final String node;
  private final String namespace;
  private final String name;
  private final String uid;
  private final Path dir;
  private volatile Pod pod;
  private final BlockingQueue<Stop> stops = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final List<ContainerRun> initRuns = new ArrayList<>();
  private final List<ContainerRun> runs = new ArrayList<>();
  private Instant startTime;

  AgentPod(NodeAgent agent, String node, Pod pod, Path stateDir) {
    this.agent = agent;
    this.node = node;
    this.pod = pod;
    this.namespace = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
    this.uid = pod.getMetadata().getUid();
    this.dir = stateDir.resolve(namespace + "_" + name + "_" + uid);
    pod.getSpec().getInitContainers().forEach(c -> initRuns.add(new ContainerRun(c, dir)));
    pod.getSpec().getContainers().forEach(c -> runs.add(new ContainerRun(c, dir)));
  }

  String node() {
    return node;
  }

  String uid() {
    return uid;
  }

  String key() {
    return namespace + "/" + name;
  }

  CompletableFuture<Void> done() {
    return done;
  }

  /** The container of that name, if the pod has one. */
  Optional<ContainerRun> container(String container) {
    return java.util.stream.Stream.concat(initRuns.stream(), runs.stream())
        .filter(r -> r.name().equals(container))
        .findFirst();
  }

  void start() {
    Thread.ofVirtual().name("targo-agent-pod-" + name).start(this::supervise);
  }

  /** A newer version of the pod from the API. */
  void update(Pod latest) {
    pod = latest;
    if (latest.getMetadata().getDeletionTimestamp() != null) {
      Long grace = latest.getMetadata().getDeletionGracePeriodSeconds();
      stop(new Stop.Deleted(Duration.ofSeconds(grace == null ? 30 : Math.max(0, grace))));
    }
  }

  /** Asks the supervisor to stop the containers; later stops queue behind the first. */
  void stop(Stop reason) {
    stops.add(reason);
  }

  /** True once the supervisor has finished: the pod's end is reported, or it is gone. */
  boolean finished() {
    return done.isDone();
  }

  private void supervise() {
    try {
      run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      LOG.warn("pod {} on {}: {}", key(), node, e.toString(), e);
    } finally {
      runs.forEach(r -> r.kill(Duration.ZERO));
      initRuns.forEach(r -> r.kill(Duration.ZERO));
      done.complete(null);
    }
  }

  private void run() throws InterruptedException, IOException {
    startTime = startTimeOf(pod);
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (startTime != null && !"Pending".equals(phase)) {
      // Another agent (an earlier run of this one) started these containers; they are gone now.
      lostContainers();
      return;
    }
    if (startTime == null) {
      startTime = Instant.now();
    }
    Files.createDirectories(dir);
    if (agent.fault(node) == Fault.EVICT) {
      // The kubelet's admission refuses a pod on a node under memory pressure.
      publish(
          "Failed", PodStatuses.EVICTED_REASON, PodStatuses.ADMISSION_EVICTED_MESSAGE, "Waiting");
      finalizeDeletion();
      return;
    }
    publish("Pending", null, null, "ContainerCreating");
    // A node that never starts containers still enforces the deadline and honours deletions.
    while (agent.fault(node) == Fault.NO_START) {
      if (handled(awaitStop(TICK))) {
        return;
      }
    }
    if (agent.fault(node) == Fault.EVICT) {
      // The node came under memory pressure while it held the pod back: the agent records the
      // fault before it tells its pods, so the eviction is decided here rather than after the
      // containers have started.
      publish("Failed", PodStatuses.EVICTED_REASON, PodStatuses.EVICTED_MESSAGE, "Waiting");
      finalizeDeletion();
      return;
    }
    ContainerPaths paths;
    try {
      paths = paths();
    } catch (MountFailure e) {
      // The kubelet retries the mount and the pod waits in ContainerCreating meanwhile.
      LOG.warn("pod {} on {}: {}", key(), node, e.getMessage());
      while (true) {
        if (handled(awaitStop(TICK))) {
          return;
        }
      }
    }
    Map<ContainerRun, Map<String, String>> envs = new LinkedHashMap<>();
    for (ContainerRun r : concat()) {
      try {
        envs.put(r, env(r.spec(), own(r, paths)));
      } catch (ContainerEnv.ContainerConfigException e) {
        // The kubelet keeps such a pod Pending and tries again; the source never appears here.
        publishWaiting(r, "CreateContainerConfigError", e.getMessage());
        while (true) {
          if (handled(awaitStop(TICK))) {
            return;
          }
        }
      }
    }
    for (ContainerRun init : initRuns) {
      if (!startContainer(init, paths, envs.get(init))) {
        publish("Failed", null, null, "PodInitializing");
        finalizeDeletion();
        return;
      }
      publish("Pending", null, null, "PodInitializing");
      if (!awaitContainers(List.of(init))) {
        return;
      }
      if (init.exitCode() != 0) {
        publish("Failed", null, null, "PodInitializing");
        finalizeDeletion();
        return;
      }
    }
    boolean startFailed = false;
    for (ContainerRun r : runs) {
      startFailed |= !startContainer(r, paths, envs.get(r));
    }
    if (runs.stream().anyMatch(ContainerRun::started)) {
      publish("Running", null, null, null);
    }
    if (!awaitContainers(runs)) {
      return;
    }
    boolean allZero = !startFailed && runs.stream().allMatch(r -> r.exitCode() == 0);
    publish(allZero ? "Succeeded" : "Failed", null, null, null);
    finalizeDeletion();
  }

  /** Starts one container; false when it could not start (then it counts as ended, 128). */
  private boolean startContainer(ContainerRun r, ContainerPaths paths, Map<String, String> env)
      throws IOException {
    try {
      r.start(own(r, paths), env, name, dir);
      return true;
    } catch (ContainerLaunch.StartException e) {
      startErrors.put(r.name(), e.getMessage());
      return false;
    }
  }

  private final Map<String, String> startErrors = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Waits until every container of {@code group} has ended (true), or handles what stopped them
   * first: the deadline or a {@link Stop} (false).
   */
  private boolean awaitContainers(List<ContainerRun> group) throws InterruptedException {
    List<Boolean> published = group.stream().map(ContainerRun::ready).toList();
    while (true) {
      boolean all = true;
      for (ContainerRun r : group) {
        all &= r.ended() || r.await(Duration.ZERO);
      }
      if (all) {
        return true;
      }
      List<Boolean> ready = group.stream().map(ContainerRun::ready).toList();
      if (group == runs && !ready.equals(published)) {
        // A readiness probe passed: the kubelet reports the container (and the pod) ready.
        published = ready;
        publish("Running", null, null, null);
      }
      if (handled(awaitStop(TICK))) {
        return false;
      }
    }
  }

  /**
   * Waits up to {@code tick} for a stop, and returns it; at the deadline, a {@code
   * DeadlineExceeded} stop is made up here.
   */
  private Stop awaitStop(Duration tick) throws InterruptedException {
    Stop s = stops.poll(tick.toMillis(), TimeUnit.MILLISECONDS);
    if (s != null) {
      return s;
    }
    Long deadline = pod.getSpec().getActiveDeadlineSeconds();
    if (deadline != null && Duration.between(startTime, Instant.now()).toSeconds() >= deadline) {
      return new DeadlineStop();
    }
    return null;
  }

  /** The kubelet's own stop at {@code activeDeadlineSeconds}. */
  private record DeadlineStop() implements Stop {}

  /** Acts on a stop; false for none. */
  private boolean handled(Stop s) {
    if (s == null) {
      return false;
    }
    switch (s) {
      case DeadlineStop d -> {
        killAll(grace());
        publish("Failed", PodStatuses.DEADLINE_REASON, PodStatuses.DEADLINE_MESSAGE, "Waiting");
        finalizeDeletion();
      }
      case Stop.Deleted d -> {
        killAll(d.grace());
        boolean allZero =
            runs.stream().allMatch(r -> r.ended() && r.started() && r.exitCode() == 0);
        publish(allZero ? "Succeeded" : "Failed", null, null, "ContainerCreating");
        agent.api().deletePodNow(namespace, name, uid);
      }
      case Stop.Evicted e -> {
        killAll(Duration.ZERO);
        publish("Failed", PodStatuses.EVICTED_REASON, PodStatuses.EVICTED_MESSAGE, "Waiting");
        finalizeDeletion();
      }
      case Stop.NodeDark n -> {
        killAll(Duration.ZERO);
        // The node lifecycle controller marks the pods of a node that stopped reporting.
        agent
            .api()
            .patchPodStatus(
                namespace,
                name,
                Map.of("conditions", List.of(PodStatuses.condition("Ready", false, null, null))));
        awaitRemoval();
      }
      case Stop.NodeRemoved n -> podGc();
      case Stop.Gone g -> killAll(Duration.ZERO);
      case Stop.Closing c -> killAll(Duration.ZERO);
    }
    return true;
  }

  /**
   * After the node went dark nothing is reported any more (a deletion stays unconfirmed, as with a
   * lost kubelet) until the node is removed, the pod is force-deleted, or the agent closes.
   */
  private void awaitRemoval() {
    while (true) {
      Stop next;
      try {
        next = stops.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      switch (next) {
        case Stop.NodeRemoved n -> {
          podGc();
          return;
        }
        case Stop.Gone g -> {
          return;
        }
        case Stop.Closing c -> {
          return;
        }
        default -> {}
      }
    }
  }

  /**
   * The pod garbage collector's part for a pod whose node is gone: Failed with a {@code
   * DisruptionTarget} condition, then deleted at once.
   */
  private void podGc() {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Failed");
    status.put(
        "conditions",
        List.of(
            PodStatuses.condition(
                "DisruptionTarget", true, PodStatuses.PODGC_REASON, PodStatuses.PODGC_MESSAGE)));
    agent.api().patchPodStatus(namespace, name, status);
    agent.api().deletePodNow(namespace, name, uid);
  }

  /** A Running pod whose containers this agent never ran: the kubelet reports them lost. */
  private void lostContainers() {
    List<Map<String, Object>> containers = new ArrayList<>();
    Instant now = Instant.now();
    for (Container c : pod.getSpec().getContainers()) {
      containers.add(
          PodStatuses.container(
              c.getName(),
              c.getImage(),
              null,
              new State.Terminated(
                  137, PodStatuses.UNKNOWN_REASON, PodStatuses.UNKNOWN_MESSAGE, null, now)));
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Failed");
    status.put("containerStatuses", containers);
    agent.api().patchPodStatus(namespace, name, status);
    finalizeDeletion();
  }

  /**
   * A terminal pod that is being deleted is deleted at once (the kubelet's last word); a deletion
   * that arrives later is finished by {@link NodeAgent} for the pod it finds already finished.
   */
  private void finalizeDeletion() {
    if (pod.getMetadata().getDeletionTimestamp() != null
        || stops.stream().anyMatch(Stop.Deleted.class::isInstance)) {
      agent.api().deletePodNow(namespace, name, uid);
    }
  }

  private void killAll(Duration grace) {
    List<Thread> killers = new ArrayList<>();
    for (ContainerRun r : concat()) {
      killers.add(Thread.ofVirtual().start(() -> r.kill(grace)));
    }
    for (Thread t : killers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Duration grace() {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : seconds);
  }

  /** Publishes the pod status: phase, reason/message, conditions and every container. */
  private void publish(String phase, String reason, String message, String waitingReason) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", phase);
    if (reason != null) {
      status.put("reason", reason);
      status.put("message", message);
    }
    status.put("hostIP", "127.0.0.1");
    status.put("hostIPs", List.of(Map.of("ip", "127.0.0.1")));
    status.put("podIP", "127.0.0.1");
    status.put("podIPs", List.of(Map.of("ip", "127.0.0.1")));
    status.put("startTime", PodStatuses.time(startTime));
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    boolean initialized = initRuns.stream().allMatch(r -> r.ended() && r.exitCode() == 0);
    List<String> unready = new ArrayList<>();
    List<Map<String, Object>> init = new ArrayList<>();
    for (ContainerRun r : initRuns) {
      init.add(
          containerStatus(
              r,
              "PodInitializing".equals(waitingReason) && !r.started()
                  ? "PodInitializing"
                  : waitingReason));
      if (!(r.ended() && r.exitCode() == 0)) {
        unready.add(r.name());
      }
    }
    List<Map<String, Object>> main = new ArrayList<>();
    boolean ready = !terminal;
    for (ContainerRun r : runs) {
      main.add(containerStatus(r, initialized ? waitingReason : "PodInitializing"));
      if (!r.ready()) {
        ready = false;
        unready.add(r.name());
      }
    }
    status.put(
        "conditions",
        PodStatuses.conditions(
            true, initialized, ready && phase.equals("Running"), terminal, unready));
    if (!init.isEmpty()) {
      status.put("initContainerStatuses", init);
    }
    status.put("containerStatuses", main);
    agent.api().patchPodStatus(namespace, name, status);
  }

  private void publishWaiting(ContainerRun failing, String reason, String message) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("phase", "Pending");
    status.put("startTime", PodStatuses.time(startTime));
    List<Map<String, Object>> main = new ArrayList<>();
    for (ContainerRun r : runs) {
      main.add(
          PodStatuses.container(
              r.name(),
              r.spec().getImage(),
              null,
              r == failing
                  ? new State.Waiting(reason, message)
                  : new State.Waiting("ContainerCreating", null)));
    }
    status.put("containerStatuses", main);
    agent.api().patchPodStatus(namespace, name, status);
  }

  private Map<String, Object> containerStatus(ContainerRun r, String waitingReason) {
    String id = "targo://" + uid + "/" + r.name();
    String startError = startErrors.get(r.name());
    State state;
    if (startError != null) {
      state = new State.Terminated(128, "StartError", startError, null, r.finishedAt());
    } else if (!r.started()) {
      state = new State.Waiting(waitingReason == null ? "ContainerCreating" : waitingReason, null);
    } else if (!r.ended()) {
      state = new State.Running(r.startedAt());
    } else {
      int code = r.exitCode();
      state =
          new State.Terminated(
              code,
              code == 0 ? "Completed" : r.oomKilled() ? "OOMKilled" : "Error",
              r.terminationMessage(code),
              r.startedAt(),
              r.finishedAt());
    }
    return PodStatuses.container(r.name(), r.spec().getImage(), id, state, r.ready());
  }

  /** Each {@code emptyDir} mount and each termination message path, mapped to this machine. */
  private ContainerPaths paths() throws IOException {
    Map<String, Path> map = new LinkedHashMap<>();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    pod.getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
    for (ContainerRun r : concat()) {
      for (VolumeMount m : r.spec().getVolumeMounts()) {
        Volume v = volumes.get(m.getName());
        if (v != null && (v.getEmptyDir() != null || v.getSecret() != null)) {
          Path host = dir.resolve("volumes").resolve(v.getName());
          if (!Files.isDirectory(host)) {
            Files.createDirectories(host);
            if (v.getSecret() != null) {
              writeSecret(v.getSecret().getSecretName(), host);
            }
          }
          // A subPath mount is that part of the volume (the kubelet makes it when absent).
          String sub = m.getSubPath();
          map.put(m.getMountPath(), sub == null || sub.isEmpty() ? host : host.resolve(sub));
        }
      }
    }
    // A mount inside another (a secret under the shared volume): the outer volume's folder
    // leads to the inner one's, as the inner mount covers that path in a container.
    for (Map.Entry<String, Path> outer : map.entrySet()) {
      for (Map.Entry<String, Path> inner : map.entrySet()) {
        String prefix = outer.getKey().endsWith("/") ? outer.getKey() : outer.getKey() + "/";
        if (inner.getKey().startsWith(prefix)) {
          Path link = outer.getValue().resolve(inner.getKey().substring(prefix.length()));
          if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, inner.getValue());
          }
        }
      }
    }
    return ContainerPaths.of(map);
  }

  /** The pod's paths with {@code r}'s own termination message file. */
  private static ContainerPaths own(ContainerRun r, ContainerPaths paths) {
    String messagePath = r.spec().getTerminationMessagePath();
    return paths.with(messagePath == null ? "/dev/termination-log" : messagePath, r.messageFile());
  }

  /**
   * The keys of secret {@code secret} as the files of its volume, as the kubelet mounts it.
   *
   * @throws MountFailure when the secret cannot be read (the kubelet's FailedMount)
   */
  private void writeSecret(String secret, Path host) throws IOException {
    Secret s;
    try {
      s = agent.api().client().secrets().inNamespace(namespace).withName(secret).get();
    } catch (RuntimeException e) {
      throw new MountFailure("MountVolume.SetUp failed for secret \"" + secret + "\": " + e);
    }
    if (s == null) {
      throw new MountFailure(
          "MountVolume.SetUp failed for volume: secret \"" + secret + "\" not found");
    }
    Map<String, String> data = s.getData() == null ? Map.of() : s.getData();
    for (Map.Entry<String, String> e : data.entrySet()) {
      Files.write(host.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
    }
    Map<String, String> plain = s.getStringData() == null ? Map.of() : s.getStringData();
    for (Map.Entry<String, String> e : plain.entrySet()) {
      Files.writeString(host.resolve(e.getKey()), e.getValue());
    }
  }

  /** A volume the kubelet cannot set up: the pod stays in ContainerCreating. */
  static final class MountFailure extends IOException {
    MountFailure(String message) {
      super(message);
    }
  }

  /** The container's {@code env} resolved as the kubelet does (values and the downward API). */
  private Map<String, String> env(Container c, ContainerPaths paths)
      throws ContainerEnv.ContainerConfigException {
    List<ContainerSpec.EnvVar> vars = new ArrayList<>();
    for (EnvVar e : c.getEnv()) {
      JsonNode from = null;
      if (e.getValueFrom() != null) {
        try {
          from = Json.mapper().readTree(Serialization.asJson(e.getValueFrom()));
        } catch (IOException ex) {
          throw new ContainerEnv.ContainerConfigException("env " + e.getName() + ": " + ex);
        }
      }
      vars.add(new ContainerSpec.EnvVar(e.getName(), paths.rewrite(e.getValue()), from));
    }
    var meta = pod.getMetadata();
    ContainerEnv.PodFacts facts =
        new ContainerEnv.PodFacts(
            name,
            namespace,
            node,
            pod.getSpec().getServiceAccountName() == null
                ? "default"
                : pod.getSpec().getServiceAccountName(),
            meta.getLabels() == null ? Map.of() : meta.getLabels(),
            meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
    return ContainerEnv.resolve(vars, facts);
  }

  private List<ContainerRun> concat() {
    List<ContainerRun> all = new ArrayList<>(initRuns);
    all.addAll(runs);
    return all;
  }

  private static Instant startTimeOf(Pod pod) {
    String t = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
    try {
      return t == null || t.isEmpty() ? null : Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
