package dev.targo.worker.executor.local;

import dev.targo.api.Names;
import dev.targo.api.status.NodePhase;
import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.PodProgress;
import dev.targo.api.temporal.PodRequest;
import dev.targo.worker.executor.local.ContainerEnv.ContainerConfigException;
import dev.targo.worker.executor.local.ContainerEnv.PodFacts;
import dev.targo.worker.executor.local.ContainerLaunch.StartException;
import dev.targo.worker.pod.Classification;
import dev.targo.worker.pod.PodClassifier;
import dev.targo.worker.pod.PodState;
import dev.targo.worker.pod.PodState.Condition;
import dev.targo.worker.pod.PodState.ContainerState;
import dev.targo.worker.pod.PodState.ContainerState.Terminated;
import dev.targo.worker.pod.PodState.ContainerStatus;
import dev.targo.worker.pod.PodState.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

  /** Log and result bound: the last 256 KiB, Argo's limit for {@code outputs.result}. */
  static final int OUTPUT_LIMIT = 256 * 1024;

  /** How long output may still drain after the process exited (an orphan may hold the pipe). */
  private static final Duration DRAIN = Duration.ofSeconds(1);

  private final PodRequest request;
  private final Path dir;
  private final Clock clock;
  private final Instant createdAt;
  private final TailBuffer combined = new TailBuffer(OUTPUT_LIMIT);
  private final TailBuffer stdout = new TailBuffer(OUTPUT_LIMIT);
  private final CompletableFuture<AttemptOutcome> done = new CompletableFuture<>();

  private volatile PodState state;
  private volatile String nodeName;
  private volatile String host;
  private volatile Instant startedAt;
  private Process process; // guarded by this
  private boolean stopping; // guarded by this

  LocalPod(PodRequest request, Path dir, Clock clock) {
    this.request = request;
    this.dir = dir;
    this.clock = clock;
    this.createdAt = clock.instant();
    this.state = state(Phase.Pending, null, null, null, List.of());
  }

  String name() {
    return request.podName();
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
    state = state(Phase.Pending, null, null, null, List.of(condition));
  }

  /** Binds the pod to a node and starts its container there. */
  void start(String node, String hostname, Duration killGrace) {
    this.nodeName = node;
    this.host = hostname;
    this.state =
        state(
            Phase.Pending,
            null,
            null,
            new ContainerState.Waiting("ContainerCreating", null),
            List.of());
    Thread.ofVirtual().name("targo-pod-" + name()).start(() -> supervise(killGrace));
  }

  /** Where the pod is, for the caller's heartbeat. */
  PodProgress progress() {
    Classification c = PodClassifier.classify(state);
    return switch (c.phase()) {
      case Pending -> new PodProgress(name(), NodePhase.Pending, c.message(), host, null);
      // A pod whose end is being recorded is still Running until its outcome is complete.
      default -> new PodProgress(name(), NodePhase.Running, null, host, startedAt);
    };
  }

  /** Waits up to {@code timeout} for the pod to end; true if it has. */
  boolean await(Duration timeout) throws InterruptedException {
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
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
    return combined.text();
  }

  /**
   * Stops the pod without an outcome: waiters get {@code failure}. Returns its process, if one was
   * started, for the caller to terminate.
   */
  ProcessHandle stop(RuntimeException failure) {
    ProcessHandle handle;
    synchronized (this) {
      stopping = true;
      handle = process == null ? null : process.toHandle();
    }
    // Completed outside the lock: completion runs the executor's bookkeeping, which takes its own.
    done.completeExceptionally(failure);
    return handle;
  }

  /** Starts the container unless the pod was stopped first (then null). */
  private synchronized Process launch(Map<String, String> env) throws StartException, IOException {
    if (stopping) {
      return null;
    }
    process = ContainerLaunch.start(request.template().body(), env, name(), dir);
    return process;
  }

  private void supervise(Duration killGrace) {
    Instant boundAt = clock.instant();
    Long deadline = request.activeDeadlineSeconds();
    try {
      Files.createDirectories(dir);
      if (deadline != null && deadline <= 0) {
        finish(deadlineExceeded(new ContainerState.Waiting("ContainerCreating", null)), false);
        return;
      }
      Map<String, String> env;
      try {
        env = ContainerEnv.resolve(request.template().body().container().env(), facts());
      } catch (ContainerConfigException e) {
        // The kubelet would retry forever; the missing source never appears here, so fail now.
        finish(
            state(
                Phase.Failed,
                null,
                null,
                new ContainerState.Waiting("CreateContainerConfigError", e.getMessage()),
                List.of()),
            false);
        return;
      }
      Process p;
      try {
        p = launch(env);
      } catch (StartException e) {
        Instant now = clock.instant();
        finish(
            state(
                Phase.Failed,
                null,
                null,
                new Terminated(128, "StartError", e.getMessage(), null, now),
                List.of()),
            false);
        return;
      }
      if (p == null) {
        return;
      }
      run(p, boundAt, deadline, killGrace);
    } catch (IOException e) {
      done.completeExceptionally(new UncheckedIOException("local pod " + name() + ": " + e, e));
    } catch (InterruptedException e) {
      done.completeExceptionally(
          new IllegalStateException("local pod " + name() + " interrupted", e));
    } catch (RuntimeException | ExecutionException e) {
      done.completeExceptionally(new IllegalStateException("local pod " + name() + ": " + e, e));
    }
  }

  private void run(Process p, Instant boundAt, Long deadline, Duration killGrace)
      throws IOException, InterruptedException, ExecutionException {
    startedAt = clock.instant();
    state = state(Phase.Running, null, null, new ContainerState.Running(startedAt), List.of());
    p.getOutputStream().close();
    Thread out = pump(p.getInputStream(), true);
    Thread err = pump(p.getErrorStream(), false);
    boolean deadlineHit = false;
    if (deadline == null) {
      p.onExit().get();
    } else {
      long left = deadline * 1000 - Duration.between(boundAt, clock.instant()).toMillis();
      try {
        p.onExit().get(Math.max(0, left), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        deadlineHit = true;
        ProcessTrees.terminate(List.of(p.toHandle()), killGrace);
        p.onExit().get();
      }
    }
    Instant finishedAt = clock.instant();
    out.join(DRAIN);
    err.join(DRAIN);
    int code = p.exitValue();
    if (deadlineHit) {
      finish(deadlineExceeded(new Terminated(code, "Error", null, startedAt, finishedAt)), true);
    } else {
      Terminated main =
          new Terminated(code, code == 0 ? "Completed" : "Error", null, startedAt, finishedAt);
      finish(state(code == 0 ? Phase.Succeeded : Phase.Failed, null, null, main, List.of()), true);
    }
  }

  private Thread pump(InputStream in, boolean isStdout) {
    return Thread.ofVirtual()
        .name("targo-pod-" + name() + (isStdout ? "-stdout" : "-stderr"))
        .start(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                  combined.write(buffer, 0, n);
                  if (isStdout) {
                    stdout.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The stream was closed under us: the process is gone, its output ends here.
              }
            });
  }

  private void finish(PodState end, boolean ran) {
    state = end;
    Classification c = PodClassifier.classify(end);
    Instant finishedAt =
        end.main().map(ContainerStatus::state).orElse(null) instanceof Terminated t
                && t.finishedAt() != null
            ? t.finishedAt()
            : clock.instant();
    try {
      Files.writeString(dir.resolve("main.log"), combined.text());
    } catch (IOException e) {
      log.warn("could not keep the log of pod {}: {}", name(), e.toString());
    }
    String result = ran ? trimOneNewline(stdout.text()) : null;
    done.complete(
        new AttemptOutcome(
            c.phase(),
            c.message(),
            c.exitCode(),
            host,
            createdAt,
            finishedAt,
            false,
            name(),
            result));
  }

  /** Argo trims a single trailing newline from {@code outputs.result}, for convenience. */
  private static String trimOneNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  private PodState deadlineExceeded(ContainerState main) {
    return state(Phase.Failed, DEADLINE_REASON, DEADLINE_MESSAGE, main, List.of());
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

  /** What the downward API sees: the labels and annotations a pod of this attempt would carry. */
  private PodFacts facts() {
    Map<String, String> labels = new HashMap<>(request.template().metadata().labels());
    putIfValue(labels, Names.LABEL_WORKFLOW, request.workflowName());
    labels.put(Names.LABEL_ATTEMPT, Integer.toString(request.attempt()));
    labels.put(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE);
    Map<String, String> annotations = new HashMap<>(request.template().metadata().annotations());
    putIfValue(annotations, Names.ANNOTATION_NODE_NAME, request.nodeName());
    putIfValue(annotations, Names.ANNOTATION_NODE_ID, request.nodeId());
    String account =
        request.serviceAccountName() != null
            ? request.serviceAccountName()
            : request.template().serviceAccountName() != null
                ? request.template().serviceAccountName()
                : "default";
    return new PodFacts(name(), namespace(), nodeName, account, labels, annotations);
  }

  private static void putIfValue(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
