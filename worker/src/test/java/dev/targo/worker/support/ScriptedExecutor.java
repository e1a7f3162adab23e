package dev.targo.worker.support;

import dev.targo.api.Names;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.PodExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A fake executor that ends each attempt as its script says and records every request it got. Its
 * clock is the test environment's, so the times it reports are workflow times.
 */
public final class ScriptedExecutor implements PodExecutor {

  /**
   * How one attempt ends.
   *
   * @param phase Succeeded, Failed or Error
   * @param exitCode the main container's exit code, or null
   * @param message Argo's message, or null
   * @param host the node it ran on, or null
   * @param runFor how long the pod runs (real time, during which the test clock advances too);
   *     deleting the pod meanwhile ends its call at once with Error {@code pod deleted}
   * @param result stdout, or null
   * @param pendingFor how long the pod is Pending before it runs (real time)
   * @param reason the main container's termination reason ({@code OOMKilled}), or null
   * @param podIP when set, the running pod reports itself ready at this IP (a daemon's pod)
   */
  public record Step(
      NodePhase phase,
      Integer exitCode,
      String message,
      String host,
      Duration runFor,
      String result,
      Duration pendingFor,
      String reason,
      String podIP) {

    public Step(
        NodePhase phase,
        Integer exitCode,
        String message,
        String host,
        Duration runFor,
        String result,
        Duration pendingFor,
        String reason) {
      this(phase, exitCode, message, host, runFor, result, pendingFor, reason, null);
    }

    /**
     * A daemon's pod: ready at {@code ip} once it runs, and running until it is deleted (or for
     * {@link #runningFor}, then it ends Succeeded, which a daemon must not).
     */
    public static Step daemon(String host, String ip) {
      return new Step(
          NodePhase.Succeeded, 0, null, host, Duration.ofHours(1), null, Duration.ZERO, null, ip);
    }

    /** The kernel killed the main container for going over its memory limit, as Kubernetes says. */
    public static Step oomKilled(String host) {
      return new Step(
          NodePhase.Failed,
          137,
          "main: OOMKilled (exit code 137)",
          host,
          Duration.ZERO,
          null,
          Duration.ZERO,
          AttemptOutcome.OOM_KILLED);
    }

    public static Step succeed(String host) {
      return new Step(NodePhase.Succeeded, 0, null, host, Duration.ZERO, null, Duration.ZERO, null);
    }

    public static Step fail(String host) {
      return new Step(
          NodePhase.Failed,
          1,
          "main: Error (exit code 1)",
          host,
          Duration.ZERO,
          null,
          Duration.ZERO,
          null);
    }

    public static Step error(String host, String message) {
      return new Step(
          NodePhase.Error, null, message, host, Duration.ZERO, null, Duration.ZERO, null);
    }

    public Step runningFor(Duration d) {
      return new Step(phase, exitCode, message, host, d, result, pendingFor, reason, podIP);
    }

    public Step printing(String stdout) {
      return new Step(phase, exitCode, message, host, runFor, stdout, pendingFor, reason, podIP);
    }

    public Step pendingFor(Duration d) {
      return new Step(phase, exitCode, message, host, runFor, result, d, reason, podIP);
    }
  }

  private final Function<PodRequest, Step> script;
  private final Predicate<PodRequest> holdUntilDeleted;
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private final List<PodRequest> requests = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<PodDeletion> deletions = new ArrayList<>();
  private volatile LongSupplier clock = System::currentTimeMillis;
  private volatile String defaultNamespace = Names.DEFAULT_NAMESPACE;
  private final Map<String, Map<String, String>> configMaps = new ConcurrentHashMap<>();

  public ScriptedExecutor(Function<PodRequest, Step> script) {
    this(script, r -> false);
  }

  /**
   * An executor whose pods matching {@code holdUntilDeleted} run until they are deleted (their call
   * then returns Error {@code pod deleted}, as a cluster's would); the others follow {@code
   * script}.
   */
  public ScriptedExecutor(
      Function<PodRequest, Step> script, Predicate<PodRequest> holdUntilDeleted) {
    this.script = script;
    this.holdUntilDeleted = holdUntilDeleted;
  }

  /** Attempt {@code n} fails on {@code node-(n+1)} until {@code succeedAt}, which succeeds. */
  public static ScriptedExecutor failingUntil(int succeedAt) {
    return new ScriptedExecutor(
        r -> {
          String host = "node-" + (r.attempt() + 1);
          return r.attempt() >= succeedAt ? Step.succeed(host) : Step.fail(host);
        });
  }

  public void useClock(LongSupplier clock) {
    this.clock = clock;
  }

  public synchronized List<PodRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * What the executor was asked, in order: {@code run <pod>} when an attempt's pod ended, {@code
   * delete <pod>} and {@code delete pods of <workflow>} for deletions.
   */
  public synchronized List<PodDeletion> deletionsMade() {
    return List.copyOf(deletions);
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Puts pods of workflows that name no namespace in {@code namespace}, as a cluster's would. */
  /** The cluster has ConfigMap {@code name} in {@code namespace} with {@code data}. */
  public ScriptedExecutor withConfigMap(String namespace, String name, Map<String, String> data) {
    configMaps.put(namespace + "/" + name, Map.copyOf(data));
    return this;
  }

  @Override
  public Map<String, String> configMapData(String namespace, String name) {
    return configMaps.get(namespace + "/" + name);
  }

  public ScriptedExecutor withDefaultNamespace(String namespace) {
    this.defaultNamespace = namespace;
    return this;
  }

  @Override
  public String defaultNamespace() {
    return defaultNamespace;
  }

  @Override
  public synchronized void delete(PodDeletion deletion) {
    deletions.add(deletion);
    if (deletion.workflowName() != null) {
      events.add("delete pods of " + deletion.workflowName());
    }
    deletion.podNames().forEach(name -> events.add("delete " + name));
    deletion
        .podNames()
        .forEach(name -> held.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown());
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    synchronized (this) {
      requests.add(request);
    }
    if (holdUntilDeleted.test(request)) {
      return holdUntilDeleted(request, heartbeat);
    }
    Step step = script.apply(request);
    if (step.pendingFor().isPositive()) {
      pending(request, step, heartbeat);
    }
    Instant started = Instant.ofEpochMilli(clock.getAsLong());
    heartbeat.beat(
        step.podIP() == null
            ? new PodProgress(request.podName(), NodePhase.Running, null, step.host(), started)
            : new PodProgress(
                request.podName(),
                NodePhase.Running,
                null,
                step.host(),
                started,
                true,
                step.podIP()));
    if (step.runFor().isPositive() && deletedWithin(request, step.runFor())) {
      // Deleted while it ran (the workflow gave up on it): the call ends, as a cluster's would.
      return podDeleted(request, started);
    }
    Instant finished = Instant.ofEpochMilli(clock.getAsLong());
    synchronized (this) {
      events.add("run " + request.podName());
    }
    return AttemptOutcome.ofPod(
            step.phase(),
            step.message(),
            step.exitCode(),
            step.host(),
            started,
            finished,
            request.podName(),
            step.result(),
            literalOutputs(request))
        .withReason(step.reason());
  }

  /**
   * The template's output parameters given as a {@code value} (substituted with the pod's), as the
   * real executors report them; null when it has none.
   */
  private static Map<String, String> literalOutputs(PodRequest request) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (var o : request.template().outputs()) {
      if (o.value() != null) {
        out.put(o.name(), o.value());
      }
    }
    return out.isEmpty() ? null : out;
  }

  private AttemptOutcome holdUntilDeleted(PodRequest request, Heartbeat heartbeat)
      throws InterruptedException {
    Instant started = Instant.ofEpochMilli(clock.getAsLong());
    heartbeat.beat(new PodProgress(request.podName(), NodePhase.Pending, null, null, null));
    held.computeIfAbsent(request.podName(), n -> new CountDownLatch(1)).await();
    return podDeleted(request, started);
  }

  /** Waits up to {@code max} (real time) for the pod's deletion; true if it was deleted. */
  private boolean deletedWithin(PodRequest request, Duration max) throws InterruptedException {
    return held.computeIfAbsent(request.podName(), n -> new CountDownLatch(1))
        .await(max.toMillis(), TimeUnit.MILLISECONDS);
  }

  private AttemptOutcome podDeleted(PodRequest request, Instant started) {
    synchronized (this) {
      events.add("run " + request.podName());
    }
    Instant finished = Instant.ofEpochMilli(clock.getAsLong());
    return AttemptOutcome.ended(
        NodePhase.Error, "pod deleted", request.podName(), started, finished);
  }

  /**
   * Keeps the pod Pending (unschedulable) for the step's time. Like the real executors, a heartbeat
   * that throws (also when the thread was interrupted for it) deletes the pod and is rethrown.
   */
  private void pending(PodRequest request, Step step, Heartbeat heartbeat)
      throws InterruptedException {
    PodProgress unschedulable =
        new PodProgress(
            request.podName(), NodePhase.Pending, "0/3 nodes are available", null, null);
    try {
      heartbeat.beat(unschedulable);
      Thread.sleep(step.pendingFor().toMillis());
    } catch (InterruptedException e) {
      try {
        heartbeat.beat(unschedulable);
      } catch (RuntimeException cancelled) {
        deletedOnCancel(request);
        throw cancelled;
      }
      throw e;
    } catch (RuntimeException cancelled) {
      deletedOnCancel(request);
      throw cancelled;
    }
  }

  private synchronized void deletedOnCancel(PodRequest request) {
    events.add("cancelled " + request.podName());
  }
}
