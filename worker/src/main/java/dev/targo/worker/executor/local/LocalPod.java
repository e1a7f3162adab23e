package dev.targo.worker.executor.local;

import dev.targo.api.Names;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.Quantities;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.Classification;
import dev.targo.argo.pod.ContainerSets;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.PodState;
import dev.targo.argo.pod.PodState.Condition;
import dev.targo.argo.pod.PodState.ContainerState;
import dev.targo.argo.pod.PodState.ContainerState.Terminated;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.argo.pod.PodState.Phase;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.executor.local.ContainerEnv.ContainerConfigException;
import dev.targo.worker.executor.local.ContainerEnv.PodFacts;
import dev.targo.worker.executor.local.ContainerLaunch.StartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod of the {@code local} executor: Pending until bound to a simulated node, then its main
 * container runs as a process supervised by a virtual thread (the kubelet's part: deadline, logs,
 * final status). Its state is kept as a {@link PodState}, and its outcome is what {@link
 * PodClassifier} makes of the final state, exactly as for a pod in a cluster.
 */
final class LocalPod {
  private static final Logger log = LoggerFactory.getLogger(LocalPod.class);

  /** Pod {@code status.reason} and {@code status.message} the kubelet sets at the deadline. */
  static final String DEADLINE_REASON = "DeadlineExceeded";

  static final String DEADLINE_MESSAGE =
      "Pod was active on the node longer than the specified deadline";

  /** The pod's log in its directory, written as the container prints. */
  static final String LOG_FILE = "main.log";

  /** The pod's scratch folder for artifacts being loaded or saved. */
  static final String ARTIFACTS_DIR = "artifacts";

  /** The folder of the roots of a container set's containers other than the pod's own. */
  static final String ROOTS_DIR = "roots";

  /** Written when the pod has ended; its age decides when the directory is swept. */
  static final String ENDED_FILE = "ended";

  /** The main container's state from binding until its process starts. */
  private static final ContainerState CREATING =
      new ContainerState.Waiting("ContainerCreating", null);

  private final PodRequest request;
  private final ArtifactStaging artifacts;
  // The staging of this pod's repository (its workflow's artifactRepositoryRef), once its inputs
  // were loaded; null before, and for a pod without artifacts.
  private volatile ArtifactStaging staging;
  private final Path dir;
  private final boolean ownRoot;
  private final Clock clock;
  private volatile Instant createdAt;
  private final PodOutput output = new PodOutput();
  private final CompletableFuture<AttemptOutcome> done = new CompletableFuture<>();

  private volatile PodState state;
  private volatile String nodeName;
  private volatile String host;
  private volatile Instant startedAt;
  private volatile boolean ready;
  private volatile Thread prober;
  private volatile Thread supervisor;
  // The main container's detached supervisor, once it recorded itself (PodSupervisor).
  private volatile PodSupervisor.Record supervised;
  private CompletableFuture<Void> nextChange = new CompletableFuture<>(); // guarded by this
  private Process process; // guarded by this
  private MemoryCgroups.Cgroup memory; // guarded by this
  private final List<Process> setProcesses = new ArrayList<>(); // guarded by this
  private PodRoot root; // guarded by this
  private boolean stopping; // guarded by this
  // Let go of by a closing executor while its container runs on, for a later worker to adopt.
  private volatile boolean released;
  // The output whose stdout is the pod's result: the pod's own, or a container set's `main`'s
  // (null when the set has no `main`: Argo gives such a pod no result).
  private volatile PodOutput resultOutput = output;

  /**
   * @param ownRoot in its own root where bubblewrap is available ({@link PodRoot}), or a plain
   *     process
   */
  LocalPod(PodRequest request, Path dir, Clock clock, boolean ownRoot) {
    this(request, dir, clock, ownRoot, null);
  }

  /**
   * @param artifacts where the pod's artifacts are loaded from and saved to, or null when this
   *     executor has none (a pod with artifacts then ends in Error)
   */
  LocalPod(PodRequest request, Path dir, Clock clock, boolean ownRoot, ArtifactStaging artifacts) {
    this.artifacts = artifacts;
    this.request = request;
    this.ownRoot = ownRoot;
    this.dir = dir;
    this.clock = clock;
    this.createdAt = clock.instant();
    this.state = pending(null, List.of());
    done.whenComplete((outcome, failure) -> changed());
  }

  /**
   * Completed at the pod's next change of state or at its end, so that the caller heartbeats a
   * change (Running, above all) at once instead of at its next periodic look.
   */
  synchronized CompletableFuture<Void> nextChange() {
    return nextChange;
  }

  private void setState(PodState next) {
    state = next;
    changed();
  }

  private void changed() {
    CompletableFuture<Void> changed;
    synchronized (this) {
      changed = nextChange;
      nextChange = new CompletableFuture<>();
    }
    changed.complete(null);
  }

  String name() {
    return request.podName();
  }

  String workflowName() {
    return request.workflowName();
  }

  /** The hostname of the node the pod is bound to, or null while unscheduled. */
  String host() {
    return host;
  }

  /** The node the pod is bound to, or null while unscheduled. */
  String nodeName() {
    return nodeName;
  }

  CompletableFuture<AttemptOutcome> completion() {
    return done;
  }

  /** No node fits: the pod stays Pending with the scheduler's reason. */
  void unschedulable(String message) {
    Condition condition =
        new Condition(Condition.POD_SCHEDULED, "False", Condition.UNSCHEDULABLE, message);
    setState(pending(null, List.of(condition)));
  }

  /** Binds the pod to a node and starts its container there. */
  void start(String node, String hostname, Duration killGrace) {
    this.nodeName = node;
    this.host = hostname;
    setState(pending(CREATING, List.of()));
    supervisor = Thread.ofVirtual().name("targo-pod-" + name()).start(() -> supervise(killGrace));
  }

  /**
   * Adopts the pod a detached supervisor runs or ran ({@link PodSupervisor}), started by an earlier
   * worker: waits for its end (enforcing what is left of its deadline), or reads it.
   */
  void adopt(PodSupervisor.Record record, Duration killGrace) {
    this.nodeName = record.node();
    this.host = record.host();
    this.createdAt = Instant.ofEpochMilli(record.boundAtMillis());
    this.startedAt = record.startedAt();
    this.supervised = record;
    setState(bound(Phase.Running, new ContainerState.Running(startedAt)));
    supervisor =
        Thread.ofVirtual().name("targo-pod-" + name()).start(() -> superviseAdopted(killGrace));
  }

  /** Where the pod is, for the caller's heartbeat. */
  PodProgress progress() {
    Classification c = PodClassifier.classify(state);
    return switch (c.phase()) {
      case Pending -> new PodProgress(name(), NodePhase.Pending, c.message(), host, null);
      // A pod whose end is being recorded is still Running until its outcome is complete.
      default ->
          request.template().daemonTemplate()
              ? new PodProgress(
                  name(), NodePhase.Running, null, host, startedAt, ready, ReadinessProbes.POD_IP)
              : new PodProgress(name(), NodePhase.Running, null, host, startedAt);
    };
  }

  /** Waits up to {@code timeout} for {@code change} ({@link #nextChange}) or the pod's end. */
  void await(CompletableFuture<Void> change, Duration timeout) throws InterruptedException {
    try {
      CompletableFuture.anyOf(change, done).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Nothing changed in time, or the pod ended with a failure: the caller looks again.
    }
  }

  /** The outcome of an ended pod; the failure instead if it was stopped before it ended. */
  AttemptOutcome outcome() {
    try {
      return done.getNow(null);
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** The pod's log so far (the last 256 KiB of stdout and stderr). */
  String logs() {
    return output.log();
  }

  /**
   * Stops the pod without an outcome: waiters get {@code failure}. Returns its processes that were
   * started (one per running container), for the caller to terminate.
   */
  List<ProcessHandle> stop(RuntimeException failure) {
    List<ProcessHandle> handles = new ArrayList<>();
    synchronized (this) {
      stopping = true;
      if (process != null) {
        handles.add(process.toHandle());
      }
      setProcesses.forEach(p -> handles.add(p.toHandle()));
    }
    if (supervised != null) {
      handles.addAll(PodSupervisor.group(supervised));
    }
    // Completed outside the lock: completion runs the executor's bookkeeping, which takes its own.
    done.completeExceptionally(failure);
    return handles;
  }

  /**
   * Lets go of a pod whose container runs under its detached supervisor, without stopping it:
   * waiters get {@code failure}, and a later executor adopts the pod. False (nothing done) for a
   * pod without one (not started yet, a container set), which the caller stops instead.
   */
  boolean release(RuntimeException failure) {
    synchronized (this) {
      if (stopping || (process == null && supervised == null)) {
        return false;
      }
      released = true;
    }
    done.completeExceptionally(failure);
    Thread t = supervisor;
    if (t != null) {
      t.interrupt();
    }
    return true;
  }

  /**
   * Waits up to {@code timeout} for a stopped pod's supervisor to finish recording (its log file),
   * so nothing writes into the pod's directory after its executor has let go of it.
   */
  void awaitSettled(Duration timeout) {
    Thread t = supervisor;
    if (t == null) {
      return;
    }
    try {
      t.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lays out the pod's root; its container is not started yet. */
  private synchronized PodRoot layOut() {
    var template = request.template();
    List<String> artifactPaths = new ArrayList<>();
    template.inputArtifacts().forEach(a -> artifactPaths.add(a.path()));
    template.outputArtifacts().forEach(a -> artifactPaths.add(a.path()));
    root =
        ownRoot
            ? PodRoot.of(
                dir,
                host,
                template.body().container(),
                template.outputs(),
                artifactPaths,
                ContainerLaunch.isStaged(template.body()))
            : PodRoot.plain(dir, template.body().container());
    return root;
  }

  /** Starts the container unless the pod was stopped first (then null). */
  private synchronized Process launch(Map<String, String> env, PodSupervisor.Record placement)
      throws StartException, IOException {
    if (stopping) {
      return null;
    }
    memory = memoryCgroup(request.template().body().container());
    process =
        ContainerLaunch.start(request.template().body(), env, name(), dir, root, memory, placement);
    return process;
  }

  /**
   * The memory cgroup the main container runs in: one with its {@code resources.limits.memory},
   * where it has one and this machine lets the worker make cgroups; else null.
   */
  private MemoryCgroups.Cgroup memoryCgroup(ContainerSpec container) throws StartException {
    String limit = memoryLimit(container);
    if (limit == null || MemoryCgroups.available().isEmpty()) {
      return null;
    }
    long bytes;
    try {
      bytes = Quantities.bytes(limit);
    } catch (IllegalArgumentException e) {
      throw new StartException("resources.limits.memory: " + e.getMessage());
    }
    try {
      return MemoryCgroups.available().get().create(name(), bytes);
    } catch (IOException e) {
      log.warn("pod {} runs without its memory limit: {}", name(), e.toString());
      return null;
    }
  }

  /** The container's {@code resources.limits.memory} as written, or null. */
  static String memoryLimit(ContainerSpec container) {
    if (container == null || container.resources() == null) {
      return null;
    }
    var memory = container.resources().path("limits").path("memory");
    return memory.isValueNode() ? memory.asText() : null;
  }

  /** Removes the main container's memory cgroup, once its process has ended. */
  private synchronized void removeMemoryCgroup() {
    if (memory != null && !released) {
      memory.remove();
      memory = null;
    }
  }

  /**
   * Places the input artifacts, as Argo's init container does; null when they are in place, else
   * Argo's message, and nothing is left at the failed input's path.
   */
  private String loadInputs(PodRoot r) throws IOException {
    var template = request.template();
    if (!template.hasArtifacts()) {
      return null;
    }
    if (!r.sandboxed()) {
      // A plain process would see artifacts at this machine's own paths: refused, not risked.
      return "artifacts need the pod's own root: install bubblewrap (bwrap) for the local executor";
    }
    if (artifacts == null) {
      return "no artifact repository is configured for this worker";
    }
    try {
      staging = artifacts.forRef(template.artifactRepositoryRef());
    } catch (ArtifactStaging.ArtifactException e) {
      return e.getMessage();
    }
    r.prepare();
    for (Artifact a : template.inputArtifacts()) {
      if (a.path() != null && !r.hostPath(a.path()).normalize().startsWith(dir)) {
        // This machine's own file, bound read-only into the pod: never replaced from outside.
        return "artifact "
            + a.name()
            + " failed to load: "
            + a.path()
            + " is a file of the node's image, which the local executor does not replace";
      }
    }
    try {
      staging.load(template.inputArtifacts(), r::hostPath, dir.resolve(ARTIFACTS_DIR));
      return null;
    } catch (ArtifactStaging.ArtifactException e) {
      return e.getMessage();
    }
  }

  private void supervise(Duration killGrace) {
    long boundAt = System.nanoTime();
    long boundAtMillis = clock.millis();
    Long deadline = request.activeDeadlineSeconds();
    try {
      Files.createDirectories(dir);
      // What an earlier run of this name left that was not adopted: no pod any more.
      PodSupervisor.forget(dir);
      if (deadline != null && deadline <= 0) {
        finish(deadlineExceeded(CREATING), false);
        return;
      }
      if (request.template().body() instanceof TemplateBody.ContainerSetBody set) {
        superviseSet(set, boundAt, deadline, killGrace);
        return;
      }
      Map<String, String> env;
      try {
        env =
            ContainerEnv.resolve(
                request.template().body().container().env(),
                PodFacts.of(request, namespace(), nodeName));
      } catch (ContainerConfigException e) {
        // The kubelet would retry forever; the missing source never appears here, so fail now.
        finish(
            bound(
                Phase.Failed,
                new ContainerState.Waiting("CreateContainerConfigError", e.getMessage())),
            false);
        return;
      }
      String unloaded = loadInputs(layOut());
      if (unloaded != null) {
        finishUnloaded(unloaded);
        return;
      }
      Process p;
      startedAt = clock.instant();
      PodSupervisor.Record placement =
          new PodSupervisor.Record(
              0,
              0,
              boundAtMillis,
              startedAt.toEpochMilli(),
              request.workflowName(),
              nodeName,
              host,
              "-");
      try {
        p = launch(env, placement);
      } catch (StartException e) {
        Instant now = clock.instant();
        finish(
            bound(Phase.Failed, new Terminated(128, "StartError", e.getMessage(), null, now)),
            false);
        return;
      }
      if (p == null) {
        return;
      }
      try {
        PodSupervisor.Record record = awaitRecord(p);
        if (record == null) {
          Instant now = clock.instant();
          finish(
              bound(
                  Phase.Failed,
                  new Terminated(
                      128,
                      "StartError",
                      "the pod's supervisor ended before it started the container",
                      null,
                      now)),
              false);
          return;
        }
        watch(
            record,
            p,
            deadline == null ? null : boundAt + TimeUnit.SECONDS.toNanos(deadline),
            killGrace);
      } finally {
        removeMemoryCgroup();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      failed(e);
    }
  }

  /** The pod's supervision broke down: its waiters get why. */
  private void failed(Exception e) {
    done.completeExceptionally(
        switch (e) {
          case IOException io -> new UncheckedIOException("local pod " + name() + ": " + e, io);
          case InterruptedException i ->
              new IllegalStateException("local pod " + name() + " interrupted", i);
          default -> new IllegalStateException("local pod " + name() + ": " + e, e);
        });
  }

  /**
   * Runs a {@code containerSet}'s containers in the pod ({@link ContainerSetRun}): each in its own
   * root with its own mounts and working directory, sharing the pod's volumes; inputs and outputs
   * from {@code main}'s.
   */
  private void superviseSet(
      TemplateBody.ContainerSetBody set, long boundAt, Long deadline, Duration killGrace)
      throws IOException, InterruptedException {
    PodFacts facts = PodFacts.of(request, namespace(), nodeName);
    Map<String, Map<String, String>> envs = new LinkedHashMap<>();
    for (ContainerNode c : set.podContainers()) {
      try {
        envs.put(c.name(), ContainerEnv.resolve(c.container().env(), facts));
      } catch (ContainerConfigException e) {
        // The kubelet would retry forever; the missing source never appears here, so fail now.
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerNode other : set.containers()) {
          statuses.add(
              new ContainerStatus(
                  other.name(),
                  other.name().equals(c.name())
                      ? new ContainerState.Waiting("CreateContainerConfigError", e.getMessage())
                      : CREATING));
        }
        finish(ofSet(Phase.Failed, null, null, statuses), false);
        return;
      }
    }
    ContainerSets.Retry retry;
    try {
      retry = ContainerSets.retry(set.retryStrategy());
    } catch (IllegalArgumentException e) {
      // Argo's emissary cannot read it either: every container fails before its command runs.
      finishUnloaded("failed to get retry strategy: " + e.getMessage());
      return;
    }
    Map<String, PodRoot> roots = layOutSet(set);
    String unloaded = loadInputs(root());
    if (unloaded != null) {
      finishUnloaded(unloaded);
      return;
    }
    output.open(dir.resolve(LOG_FILE));
    ContainerSetRun run =
        new ContainerSetRun(
            set,
            roots,
            envs,
            dir,
            name(),
            output,
            clock,
            retry,
            new ContainerSetRun.Launcher() {
              @Override
              public Process launch(
                  ContainerNode container, Map<String, String> env, PodRoot containerRoot)
                  throws StartException, IOException {
                return launchInSet(container, env, containerRoot);
              }

              @Override
              public void ended(Process p) {
                synchronized (LocalPod.this) {
                  setProcesses.remove(p);
                }
              }
            });
    resultOutput = set.hasMain() ? run.output(TemplateBody.MAIN) : null;
    startedAt = clock.instant();
    ContainerSetRun.Result result =
        run.run(
            deadline == null ? null : boundAt + TimeUnit.SECONDS.toNanos(deadline),
            killGrace,
            statuses -> setState(ofSet(Phase.Running, null, null, statuses)));
    output.close();
    boolean failed =
        result.containers().stream()
            .anyMatch(c -> !(c.state() instanceof Terminated t) || t.exitCode() != 0);
    PodState end =
        result.deadlineHit()
            ? ofSet(Phase.Failed, DEADLINE_REASON, DEADLINE_MESSAGE, result.containers())
            : ofSet(failed ? Phase.Failed : Phase.Succeeded, null, null, result.containers());
    finish(end, true);
  }

  /** Starts a container of the set unless the pod was stopped first (then null). */
  private synchronized Process launchInSet(
      ContainerNode container, Map<String, String> env, PodRoot containerRoot)
      throws StartException, IOException {
    if (stopping) {
      return null;
    }
    Process p = ContainerLaunch.start(container.container(), env, name(), containerRoot);
    setProcesses.add(p);
    return p;
  }

  /**
   * Each container's root, with its own mounts and working directory over the pod's volumes: {@code
   * main}'s (or the last container's) is the pod's root, where inputs are placed and outputs read;
   * every other container has a root of its own, as each container of a Kubernetes pod has its own
   * file system.
   */
  private synchronized Map<String, PodRoot> layOutSet(TemplateBody.ContainerSetBody set) {
    var template = request.template();
    List<String> artifactPaths = new ArrayList<>();
    template.inputArtifacts().forEach(a -> artifactPaths.add(a.path()));
    template.outputArtifacts().forEach(a -> artifactPaths.add(a.path()));
    List<ContainerNode> containers = set.podContainers();
    String outputs =
        set.hasMain() ? TemplateBody.MAIN : containers.get(containers.size() - 1).name();
    Map<String, PodRoot> roots = new LinkedHashMap<>();
    for (ContainerNode c : containers) {
      boolean io = c.name().equals(outputs);
      PodRoot r =
          ownRoot
              ? PodRoot.of(
                  dir,
                  host,
                  c.container(),
                  io ? template.outputs() : List.of(),
                  io ? artifactPaths : List.of(),
                  false)
              : PodRoot.plain(dir, c.container());
      if (!io) {
        // Each container has a file system of its own, as in Kubernetes; volumes are shared.
        r = r.inRootAt(dir.resolve(ROOTS_DIR).resolve(c.name()));
      }
      roots.put(c.name(), r);
      if (io) {
        root = r;
      }
    }
    return roots;
  }

  /** How often an adopted pod's supervisor, not this worker's child, is looked at. */
  private static final long ADOPTED_POLL_MILLIS = 100;

  /**
   * The record the supervisor {@code p} writes before it runs the container, once it is there; null
   * when the supervisor ended without one.
   */
  private PodSupervisor.Record awaitRecord(Process p) throws InterruptedException {
    while (true) {
      var record = PodSupervisor.record(dir);
      if (record.isPresent()) {
        supervised = record.get();
        return record.get();
      }
      if (p.waitFor(10, TimeUnit.MILLISECONDS)) {
        supervised = PodSupervisor.record(dir).orElse(null);
        return supervised;
      }
    }
  }

  private void superviseAdopted(Duration killGrace) {
    PodSupervisor.Record record = supervised;
    try {
      layOut();
      var template = request.template();
      if (template.hasArtifacts() && artifacts != null) {
        try {
          staging = artifacts.forRef(template.artifactRepositoryRef());
        } catch (ArtifactStaging.ArtifactException e) {
          log.warn("pod {} saves no artifacts: {}", name(), e.getMessage());
        }
      }
      synchronized (this) {
        memory = MemoryCgroups.Cgroup.at(record.cgroup());
      }
      Long deadline = request.activeDeadlineSeconds();
      Long deadlineAt = null;
      if (deadline != null) {
        // Counted from the binding the supervisor recorded: what is left of it here.
        long left = deadline * 1000 - (clock.millis() - record.boundAtMillis());
        deadlineAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, left));
      }
      try {
        watch(record, null, deadlineAt, killGrace);
      } finally {
        removeMemoryCgroup();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Follows a supervised container to its end: its output from the supervisor's files, its deadline
   * ({@code deadlineAt}, {@link System#nanoTime()}; null for none), then its outcome from the exit
   * file.
   *
   * @param own the supervisor when this worker started it, else null (it is then looked at every
   *     {@link #ADOPTED_POLL_MILLIS})
   */
  private void watch(PodSupervisor.Record record, Process own, Long deadlineAt, Duration killGrace)
      throws IOException, InterruptedException {
    setState(bound(Phase.Running, new ContainerState.Running(startedAt)));
    probeReadiness();
    output.follow(
        dir.resolve(PodSupervisor.STDOUT),
        dir.resolve(PodSupervisor.STDERR),
        name(),
        dir.resolve(LOG_FILE));
    boolean deadlineHit = false;
    try {
      if (!awaitEnd(record, own, deadlineAt)) {
        deadlineHit = true;
        PodSupervisor.terminateContainer(record, killGrace);
        awaitEnd(record, own, null);
      }
    } finally {
      // Whatever ends the wait (the end, a release, an interrupt), the followers stop at the end
      // of what was written.
      output.sourceEnded();
    }
    Instant observedAt = clock.instant();
    if (prober != null) {
      prober.interrupt();
    }
    output.drain();
    var exit = PodSupervisor.exit(dir);
    if (exit.isEmpty()) {
      // Killed with its supervisor (a deletion), or the supervisor was killed: no end to report.
      Files.deleteIfExists(dir.resolve(PodSupervisor.RECORD));
      Files.writeString(dir.resolve(ENDED_FILE), observedAt.toString());
      done.completeExceptionally(
          new IllegalStateException(
              "the supervisor of pod " + name() + " ended without recording its container's end"));
      return;
    }
    int code = exit.get().exitCode();
    // Seen ending by this worker: its clock; ended while no worker watched: when it was recorded.
    Instant finishedAt = own != null ? observedAt : exit.get().at();
    // Gone before the pod's end is reported: nothing of the pod is left once its outcome is known.
    removeMemoryCgroup();
    if (deadlineHit) {
      finish(deadlineExceeded(new Terminated(code, "Error", null, startedAt, finishedAt)), true);
    } else {
      // As the kubelet: a container the kernel killed for its memory limit ends OOMKilled.
      String reason =
          code == 0 ? "Completed" : exit.get().oomKilled() ? AttemptOutcome.OOM_KILLED : "Error";
      Terminated main = new Terminated(code, reason, null, startedAt, finishedAt);
      finish(bound(code == 0 ? Phase.Succeeded : Phase.Failed, main), true);
    }
  }

  /**
   * Waits until the supervisor has ended, or {@code deadlineAt} ({@link System#nanoTime()}, null:
   * none) has passed (then false). A released pod's wait ends at once, interrupted.
   */
  private boolean awaitEnd(PodSupervisor.Record record, Process own, Long deadlineAt)
      throws InterruptedException {
    while (true) {
      if (released) {
        throw new InterruptedException("released");
      }
      if (own != null ? !own.isAlive() : !record.alive()) {
        return true;
      }
      long left =
          deadlineAt == null
              ? Long.MAX_VALUE
              : TimeUnit.NANOSECONDS.toMillis(deadlineAt - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      if (own != null) {
        own.waitFor(Math.min(left, 1000), TimeUnit.MILLISECONDS);
      } else {
        Thread.sleep(Math.min(left, ADOPTED_POLL_MILLIS));
      }
    }
  }

  /**
   * A daemon's main container is probed until it is ready ({@code readinessProbe}, or at once
   * without one); the change is reported as any other. Other pods are never probed.
   */
  private void probeReadiness() {
    if (!request.template().daemonTemplate()) {
      return;
    }
    var probe = request.template().body().container().readinessProbe();
    prober =
        Thread.ofVirtual()
            .name("targo-probe-" + name())
            .start(
                () -> {
                  try {
                    ReadinessProbes.awaitReady(probe);
                    ready = true;
                    changed();
                  } catch (InterruptedException e) {
                    // The pod ended first.
                  }
                });
  }

  /** The pod's inputs could not be placed: the attempt ends in Error without running. */
  private void finishUnloaded(String message) {
    Instant now = clock.instant();
    setState(bound(Phase.Failed, new Terminated(1, "Error", message, now, now)));
    try {
      Files.writeString(dir.resolve(ENDED_FILE), now.toString());
    } catch (IOException e) {
      log.warn("could not mark pod {} ended: {}", name(), e.toString());
    }
    done.complete(AttemptOutcome.error(message, name(), now).onHost(host));
  }

  private void finish(PodState end, boolean ran) {
    setState(end);
    TemplateBody.PodBody body = (TemplateBody.PodBody) request.template().body();
    Classification c = PodClassifier.classify(end, body.mainContainerNames());
    // The last container's end: the pod's.
    Instant finishedAt = end.lastFinishedAt().orElseGet(clock::instant);
    try {
      output.writeLog(dir.resolve(LOG_FILE));
      // The pod's end, for the sweep of finished pods' directories (its time is the file's).
      Files.writeString(dir.resolve(ENDED_FILE), finishedAt.toString());
    } catch (IOException e) {
      log.warn("could not keep the log of pod {}: {}", name(), e.toString());
    }
    PodOutput results = resultOutput;
    String result = ran && results != null ? results.result() : null;
    NodePhase phase = c.phase();
    String message = c.message();
    Map<String, String> parameters = null;
    if (ran) {
      // Argo's wait container saves outputs whatever the exit; a file it cannot read fails only a
      // pod that would otherwise have succeeded.
      OutputFiles.Read read = OutputFiles.read(request.template(), root()::hostPath);
      parameters = read.values();
      if (read.error() != null && phase == NodePhase.Succeeded) {
        phase = NodePhase.Error;
        message = read.error();
      }
    }
    List<Artifact> saved = new ArrayList<>();
    if (ran && staging != null && request.template().hasArtifacts()) {
      // Argo's wait container saves artifacts (and the log, with archiveLogs) whatever the exit;
      // a failure to save fails only a pod that would otherwise have succeeded.
      Map<String, String> keyVars =
          Map.of(
              "workflow.name", request.workflowName(),
              "workflow.namespace", namespace(),
              "pod.name", name());
      List<ArtifactStaging.Saved> all = new ArrayList<>();
      all.add(
          staging.save(
              request.template().outputArtifacts(),
              root()::hostPath,
              dir.resolve(ARTIFACTS_DIR),
              keyVars));
      if (Boolean.TRUE.equals(request.template().archiveLogs())) {
        all.add(staging.saveLog(dir.resolve(LOG_FILE), dir.resolve(ARTIFACTS_DIR), keyVars));
      }
      for (ArtifactStaging.Saved s : all) {
        saved.addAll(s.artifacts());
        if (s.error() != null && phase == NodePhase.Succeeded) {
          phase = NodePhase.Error;
          message = s.error();
        }
      }
    }
    AttemptOutcome outcome =
        AttemptOutcome.ofPod(
                phase,
                message,
                c.exitCode(),
                host,
                createdAt,
                finishedAt,
                name(),
                result,
                parameters)
            .withOutputArtifacts(saved)
            .withReason(PodClassifier.mainReason(end));
    if (body instanceof TemplateBody.ContainerSetBody set) {
      outcome = outcome.withContainers(ContainerSets.outcomes(end, set.mainContainerNames()));
    }
    done.complete(outcome);
  }

  /** Where the pod's container lives; set before it starts. */
  private synchronized PodRoot root() {
    return root;
  }

  private PodState deadlineExceeded(ContainerState main) {
    return bound(Phase.Failed, DEADLINE_REASON, DEADLINE_MESSAGE, main);
  }

  private PodState pending(ContainerState main, List<Condition> conditions) {
    return state(Phase.Pending, null, null, main, conditions);
  }

  /** A state past scheduling: running or ended. */
  private PodState bound(Phase phase, ContainerState main) {
    return state(phase, null, null, main, List.of());
  }

  /** A state past scheduling with the pod's own reason and message (set by the kubelet). */
  private PodState bound(Phase phase, String reason, String message, ContainerState main) {
    return state(phase, reason, message, main, List.of());
  }

  /** A state past scheduling of a container set's pod, with every container's status. */
  private PodState ofSet(
      Phase phase, String reason, String message, List<ContainerStatus> containers) {
    return new PodState(
        name(),
        namespace(),
        phase,
        reason,
        message,
        List.of(),
        containers,
        List.of(),
        nodeName,
        false);
  }

  private PodState state(
      Phase phase, String reason, String message, ContainerState main, List<Condition> conditions) {
    List<ContainerStatus> containers =
        main == null ? List.of() : List.of(new ContainerStatus(PodState.MAIN, main));
    return new PodState(
        name(),
        namespace(),
        phase,
        reason,
        message,
        List.of(),
        containers,
        conditions,
        nodeName,
        false);
  }

  private String namespace() {
    return request.namespace() == null ? Names.DEFAULT_NAMESPACE : request.namespace();
  }
}
