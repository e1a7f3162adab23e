package dev.targo.worker.executor.local;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.NodeExclusion;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.PodSpecPatches;
import dev.targo.argo.pod.Scheduler;
import dev.targo.argo.pod.Scheduler.Placement;
import dev.targo.argo.pod.StrategicMergePatch;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.executor.PodExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} executor: each pod's main container runs as a process on this machine, placed
 * on one of N simulated nodes ({@code node-1} … {@code node-N}, labelled {@code
 * kubernetes.io/hostname=<name>} and {@code kubernetes.io/os=linux}) by the pod's nodeSelector and
 * required node affinity, with the exclusions of failed attempts applied ({@link NodeExclusion},
 * {@link Scheduler}). The image is not run. A pod no node can take stays Pending until its call is
 * cancelled.
 *
 * <p>Idempotent by pod name: a call for a pod that is running waits for that same process, and one
 * for a pod that ended (among the last {@code finishedPodsKept}) returns its outcome. Each pod's
 * log is written to its directory as the container prints, and stays after {@link #close()}, so it
 * can be followed and shown later; the directories of pods that ended longer than {@code
 * podRetention} ago are removed ({@link PodDirectorySweeper}).
 *
 * <p>A pod's main container runs under a detached supervisor ({@link PodSupervisor}) that outlives
 * this executor, so a call for a pod that an executor before this one started on the same state
 * directory (a worker killed or stopped while it ran) adopts it: it waits for that same container
 * or reads how it ended, instead of running it a second time.
 */
public final class LocalExecutor implements PodExecutor {
  private static final Logger log = LoggerFactory.getLogger(LocalExecutor.class);

  /** Kubernetes' rule for object names (RFC 1123 subdomain). */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** How long a stopped pod may take to record its end once its processes are gone. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final LocalExecutorOptions options;
  private final ArtifactStaging artifacts;
  private final Path stateDir;
  private final List<Scheduler.Node> nodes;
  private final Map<String, LocalPod> live = new HashMap<>();
  private final LinkedHashMap<String, LocalPod> finished;
  private final Set<String> noticedImages = ConcurrentHashMap.newKeySet();
  private final PodDirectorySweeper sweeper;
  private boolean closed;

  public LocalExecutor() {
    this(LocalExecutorOptions.defaults());
  }

  public LocalExecutor(LocalExecutorOptions options) {
    this(options, null);
  }

  /**
   * @param artifacts where pods' artifacts are loaded from and saved to, or null: a pod with
   *     artifacts ends in Error
   */
  public LocalExecutor(LocalExecutorOptions options, ArtifactStaging artifacts) {
    this.options = options;
    this.artifacts = artifacts;
    try {
      this.stateDir =
          options.stateDir() != null
              ? Files.createDirectories(options.stateDir())
              : Files.createTempDirectory("targo-local-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the local executor's state directory", e);
    }
    List<Scheduler.Node> list = new ArrayList<>();
    for (int i = 1; i <= options.nodes(); i++) {
      String name = options.nodePrefix() + i;
      Map<String, String> labels = new HashMap<>();
      labels.put("kubernetes.io/hostname", name);
      labels.put("kubernetes.io/os", "linux");
      labels.put(ZONE_LABEL, zone(i));
      if (!options.hostnameLabelKey().isEmpty()) {
        labels.put(options.hostnameLabelKey(), name);
      }
      list.add(new Scheduler.Node(name, labels, 0));
    }
    this.nodes = List.copyOf(list);
    int kept = options.finishedPodsKept();
    this.finished =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LocalPod> eldest) {
            return size() > kept;
          }
        };
    if (options.podRetention().isZero()) {
      this.sweeper = null;
    } else {
      // Pods' end times are compared with the files' times, so with the system clock.
      this.sweeper =
          new PodDirectorySweeper(
              stateDir, options.podRetention(), Clock.systemUTC(), this::isLive);
      sweeper.start();
    }
  }

  /** True for a pod this executor runs, or one a supervisor runs that no executor watches. */
  boolean isLive(String podName) {
    synchronized (this) {
      if (live.containsKey(podName)) {
        return true;
      }
    }
    // Or run by a supervisor that no executor watches now (its worker died): kept for adoption.
    return PodSupervisor.record(stateDir.resolve(podName))
        .map(PodSupervisor.Record::alive)
        .orElse(false);
  }

  /**
   * Whether pods get their own root here (a working bubblewrap): artifacts need it, since a plain
   * process would read and write this machine's own paths.
   */
  public static boolean ownRootsAvailable() {
    return Bubblewrap.path().isPresent();
  }

  /** The simulated nodes' names. */
  public List<String> nodeNames() {
    return nodes.stream().map(Scheduler.Node::name).toList();
  }

  /** Where pods keep their logs ({@code <pod>/main.log}) and staged scripts. */
  public Path stateDir() {
    return stateDir;
  }

  /**
   * Runs or adopts the pod and waits for its end. A heartbeat that throws deletes the pod (its
   * processes are killed) and the exception is rethrown, also when the thread was interrupted for
   * the cancellation; any other interrupt leaves the pod running, to be adopted by the next call.
   */
  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws InterruptedException {
    if (request.template().body() instanceof TemplateBody.ResourceBody) {
      // Before anything that reads a container: a resource template has none.
      Instant now = options.clock().instant();
      return AttemptOutcome.error(
          LocalPodFields.refusal(request.template()), request.podName(), now);
    }
    String invalid = nameProblem(request.podName());
    if (invalid != null) {
      // What the API server answers to such a pod: a non-transient rejection, an Error attempt.
      Instant now = options.clock().instant();
      return AttemptOutcome.error(invalid, request.podName(), now);
    }
    try {
      request = PodSpecPatches.apply(request);
    } catch (StrategicMergePatch.PatchException e) {
      // Argo cannot build such a pod either: the attempt ends as Error without running.
      Instant now = options.clock().instant();
      return AttemptOutcome.error(
          "Error applying PodSpecPatch: " + e.getMessage(), request.podName(), now);
    }
    String refused = LocalPodFields.refusal(request.template());
    if (refused != null) {
      // Refused before anything runs, as the API server refuses a pod it cannot build.
      return AttemptOutcome.error(refused, request.podName(), options.clock().instant());
    }
    LocalPod pod = createOrAdopt(request);
    while (!pod.completion().isDone()) {
      // Taken before the progress is read: a change in between ends the wait below at once.
      CompletableFuture<Void> change = pod.nextChange();
      try {
        heartbeat.beat(pod.progress());
      } catch (RuntimeException | Error e) {
        delete(pod);
        throw e;
      }
      try {
        pod.await(change, options.heartbeatInterval());
      } catch (InterruptedException e) {
        // A cancelled call is interrupted too: its next beat throws, and then the pod goes, as
        // above. Any other interrupt (the worker shutting down) leaves the pod to be adopted.
        try {
          heartbeat.beat(pod.progress());
        } catch (RuntimeException | Error cancelled) {
          delete(pod);
          throw cancelled;
        }
        throw e;
      }
    }
    try {
      return pod.outcome();
    } catch (Deleted deleted) {
      Instant now = options.clock().instant();
      return AttemptOutcome.error(PodClassifier.POD_DELETED, request.podName(), now)
          .onHost(pod.host());
    }
  }

  /**
   * Deletes live pods, by name or every one of a workflow: their processes are stopped, and the
   * calls waiting for them return an Error {@code pod deleted} outcome (the workflow deletes the
   * pod of an attempt it gave up on). Finished pods are not touched: their processes are gone, and
   * their logs stay readable.
   */
  @Override
  public void delete(PodDeletion deletion) {
    List<LocalPod> doomed;
    Set<String> names = new TreeSet<>(deletion.podNames());
    synchronized (this) {
      doomed = live.values().stream().filter(p -> selects(deletion, p)).toList();
      // A deleted pod is gone, as in Kubernetes: a later pod of its name (the attempt a retried
      // workflow runs again, docs/DESIGN.md §22) is created anew, not adopted. Its log stays on
      // disk.
      finished.values().stream()
          .filter(p -> selects(deletion, p))
          .forEach(p -> names.add(p.name()));
      finished.values().removeIf(p -> selects(deletion, p));
    }
    doomed.forEach(p -> delete(p, new Deleted("pod " + p.name() + " was deleted")));
    doomed.forEach(p -> names.add(p.name()));
    if (deletion.workflowName() != null) {
      names.addAll(supervisedPodsOf(deletion.workflowName()));
    }
    // What no executor watches (a pod whose worker died) is stopped and forgotten on disk too.
    for (String name : names) {
      if (nameProblem(name) == null) {
        discard(stateDir.resolve(name));
      }
    }
  }

  /** Stops the supervised pod of {@code dir}, if it runs, and forgets it: it is never adopted. */
  private void discard(Path dir) {
    PodSupervisor.record(dir).ifPresent(r -> PodSupervisor.kill(r, options.killGracePeriod()));
    try {
      PodSupervisor.forgetOutcome(dir);
    } catch (IOException e) {
      log.warn("could not forget deleted pod {}: {}", dir.getFileName(), e.toString());
    }
  }

  /** The pods of {@code workflow} in the state directory that a supervisor runs or ran. */
  private List<String> supervisedPodsOf(String workflow) {
    try (var dirs = Files.list(stateDir)) {
      return dirs.filter(d -> nameProblem(d.getFileName().toString()) == null)
          .filter(
              d -> PodSupervisor.record(d).map(r -> r.workflow().equals(workflow)).orElse(false))
          .map(d -> d.getFileName().toString())
          .toList();
    } catch (IOException e) {
      log.warn("could not list the pods of workflow {}: {}", workflow, e.toString());
      return List.of();
    }
  }

  private static boolean selects(PodDeletion deletion, LocalPod p) {
    return deletion.podNames().contains(p.name())
        || (deletion.workflowName() != null && deletion.workflowName().equals(p.workflowName()));
  }

  /** Ends the wait of a call whose pod was deleted through {@link #delete(PodDeletion)}. */
  private static final class Deleted extends RuntimeException {
    Deleted(String message) {
      super(message, null, false, false);
    }
  }

  /** The log of a pod this executor ran (live, finished, or kept on disk), if it knows it. */
  public Optional<String> logs(String podName) {
    synchronized (this) {
      LocalPod pod = live.containsKey(podName) ? live.get(podName) : finished.get(podName);
      if (pod != null) {
        return Optional.of(pod.logs());
      }
    }
    if (nameProblem(podName) != null) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(podName).resolve("main.log");
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of pod " + podName, e);
    }
  }

  /**
   * Kills every live pod's processes, or, with {@link LocalExecutorOptions#podsOutliveClose()},
   * lets go of the running containers (for the next executor on the state directory to adopt) and
   * kills only pods that have none yet; calls waiting for them fail, so Temporal retries them.
   */
  @Override
  public void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    List<LocalPod> pods;
    synchronized (this) {
      closed = true;
      pods = List.copyOf(live.values());
      live.clear();
    }
    // Pods are stopped outside this executor's lock: stopping one completes it, and completion
    // takes the lock to retire the pod.
    List<ProcessHandle> processes = new ArrayList<>();
    for (LocalPod pod : pods) {
      var failure =
          new IllegalStateException(
              "the local executor closed while pod " + pod.name() + " was running");
      if (!(options.podsOutliveClose() && pod.release(failure))) {
        processes.addAll(pod.stop(failure));
      }
    }
    ProcessTrees.terminate(processes, options.killGracePeriod());
    pods.forEach(pod -> pod.awaitSettled(SETTLE));
  }

  private synchronized LocalPod createOrAdopt(PodRequest request) {
    if (closed) {
      throw new IllegalStateException("the local executor is closed");
    }
    LocalPod existing =
        live.containsKey(request.podName())
            ? live.get(request.podName())
            : finished.get(request.podName());
    if (existing != null) {
      return existing;
    }
    Path dir = stateDir.resolve(request.podName());
    LocalPod pod = new LocalPod(request, dir, options.clock(), options.ownRoots(), artifacts);
    live.put(pod.name(), pod);
    pod.completion().whenComplete((outcome, failure) -> retire(pod, failure == null));
    var supervised = PodSupervisor.adoptable(dir);
    if (supervised.isPresent()) {
      log.info("adopting pod {}, started by an earlier worker", pod.name());
      pod.adopt(supervised.get(), options.killGracePeriod());
      return pod;
    }
    var template = request.template();
    Placement placement =
        Scheduler.place(
            template.nodeSelector(),
            NodeExclusion.forAttempt(request, options.hostnameLabelKey(), domains(request)),
            loadedNodes());
    switch (placement) {
      case Placement.Unschedulable u -> pod.unschedulable(u.message());
      case Placement.Assigned a -> {
        String image = template.body().container().image();
        if (noticedImages.add(String.valueOf(image))) {
          log.info(
              "image {} is not run: the local executor runs the container's command on this"
                  + " machine",
              image);
        }
        pod.start(a.node().name(), hostname(a.node()), options.killGracePeriod());
      }
    }
    return pod;
  }

  private synchronized void retire(LocalPod pod, boolean ended) {
    if (live.remove(pod.name(), pod) && ended) {
      finished.put(pod.name(), pod);
    }
  }

  /** Deletes a pod whose call was cancelled: it is forgotten and its processes are stopped. */
  private void delete(LocalPod pod) {
    delete(
        pod,
        new IllegalStateException("pod " + pod.name() + " was deleted: its attempt was cancelled"));
  }

  /** Forgets the pod and stops its processes; its waiting calls get {@code failure}. */
  private void delete(LocalPod pod, RuntimeException failure) {
    synchronized (this) {
      live.remove(pod.name(), pod);
    }
    List<ProcessHandle> processes = pod.stop(failure);
    if (!processes.isEmpty()) {
      ProcessTrees.terminate(processes, options.killGracePeriod());
    }
    pod.awaitSettled(SETTLE);
  }

  /** The nodes with the number of unfinished pods bound to each. */
  private List<Scheduler.Node> loadedNodes() {
    Map<String, Integer> load = new HashMap<>();
    for (LocalPod pod : live.values()) {
      if (pod.nodeName() != null && !pod.completion().isDone()) {
        load.merge(pod.nodeName(), 1, Integer::sum);
      }
    }
    return nodes.stream()
        .map(n -> new Scheduler.Node(n.name(), n.labels(), load.getOrDefault(n.name(), 0)))
        .toList();
  }

  /** Kubernetes' well-known zone label, which the simulated nodes carry. */
  static final String ZONE_LABEL = "topology.kubernetes.io/zone";

  /**
   * The zone of simulated node {@code i} (from 1): two nodes per zone, {@code zone-a} for node-1
   * and node-2, {@code zone-b} for node-3 and node-4, …, so that excluding a zone ({@code
   * nodeAntiAffinity.topologyKey}) differs from excluding a host.
   */
  static String zone(int i) {
    int index = (i - 1) / 2;
    StringBuilder letters = new StringBuilder();
    do {
      letters.insert(0, (char) ('a' + index % 26));
      index = index / 26 - 1;
    } while (index >= 0);
    return "zone-" + letters;
  }

  /** The value of the request's topology key on the node of each host it keeps away from. */
  private Map<String, String> domains(PodRequest request) {
    if (request.topologyExclusion() == null) {
      return Map.of();
    }
    Map<String, String> domains = new HashMap<>();
    for (Scheduler.Node node : nodes) {
      String domain = node.labels().get(request.topologyExclusion().key());
      if (domain != null) {
        domains.put(hostname(node), domain);
      }
    }
    return domains;
  }

  /** The host as {@code nodeAntiAffinity} names it: the node's hostname label value. */
  private String hostname(Scheduler.Node node) {
    return node.labels().getOrDefault(options.hostnameLabelKey(), node.name());
  }

  /** The API server's complaint about a pod name, or null when it is valid. */
  private static String nameProblem(String name) {
    String prefix =
        "Pod \"%s\" is invalid: metadata.name: Invalid value: \"%s\": ".formatted(name, name);
    if (name != null && name.length() > 253) {
      return prefix + "must be no more than 253 characters";
    }
    if (name != null && DNS_SUBDOMAIN.matcher(name).matches()) {
      return null;
    }
    return prefix
        + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
        + " or '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
        + " regex used for validation is '"
        + DNS_SUBDOMAIN.pattern()
        + "')";
  }
}
