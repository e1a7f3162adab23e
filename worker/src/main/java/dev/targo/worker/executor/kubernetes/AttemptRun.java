package dev.targo.worker.executor.kubernetes;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.Classification;
import dev.targo.argo.pod.ContainerSets;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.PodRestarts;
import dev.targo.argo.pod.PodState;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.PodArtifacts;
import dev.targo.worker.executor.PodExecutor.Heartbeat;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link KubernetesExecutor#run}: find or create the attempt's pod, wait for its end
 * through the shared informer, read its log tail, and say how it ended (the pod stays: the workflow
 * deletes it once the outcome is recorded). Every step is safe to repeat from the start by a later
 * call (another worker after a crash): the pod is found by name and adopted when its labels say it
 * is this attempt's.
 */
final class AttemptRun {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptRun.class);

  /** A heartbeat that threw: the activity was cancelled. */
  static final class Cancelled extends RuntimeException {
    Cancelled(RuntimeException cause) {
      super(cause);
    }

    RuntimeException reason() {
      return (RuntimeException) getCause();
    }
  }

  /** Message of the outcome of a call whose pod the workflow deleted (not recorded by it). */
  static final String ABANDONED = "pod deleted: the workflow gave up on this attempt";

  /** Quiet presence-check periods after which the pod is read directly, cache or not. */
  static final int STALE_CHECK_PERIODS = 10;

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final ApiRetry retry;
  private final HostResolver hosts;
  private final Clock clock;
  private final PodRequest request;
  private final Pod desired;
  private final PodWatch.Shared shared;
  private final PodWaiter waiter;
  private final Heartbeat heartbeat;
  private final OutputParameter output;
  private PodProgress sent;
  private String host;

  /** Times this attempt's pod was created again after a node's failure before it ran. */
  private int restarts;

  /** A failed pod is being deleted, to be created again once it is gone. */
  private boolean restarting;

  AttemptRun(
      KubernetesExecutor executor,
      PodRequest request,
      Pod desired,
      OutputParameter output,
      PodWatch.Shared shared,
      PodWaiter waiter,
      Heartbeat heartbeat) {
    this.client = executor.client();
    this.settings = executor.settings();
    this.retry = executor.retry();
    this.hosts = executor.hosts();
    this.clock = executor.clock();
    this.request = request;
    this.desired = desired;
    this.output = output;
    this.shared = shared;
    this.waiter = waiter;
    this.heartbeat = heartbeat;
  }

  AttemptOutcome run() throws InterruptedException {
    beat(new PodProgress(request.podName(), NodePhase.Pending, null, null, null));
    AttemptOutcome rejected = ensurePod();
    if (rejected != null) {
      return rejected;
    }
    long seen = -1;
    int quiet = 0;
    while (true) {
      PodWaiter.Snapshot s = waiter.awaitAfter(seen, settings.presenceCheck());
      if (s.version() == seen) {
        // Every tenth quiet period the API server is asked even when the cache has the pod: a
        // watch can stall without an error, and only a direct read notices.
        checkPresence(s, ++quiet % STALE_CHECK_PERIODS == 0 || !shared.watching());
        continue;
      }
      quiet = 0;
      seen = s.version();
      if (PodLabels.abandoned(s.pod())) {
        // The workflow gave up on this attempt and deletes the pod: nothing more to wait for,
        // and a pod deleted before it started must not be created again.
        return error(ABANDONED);
      }
      if (restarting) {
        if (s.deleted()) {
          restarting = false;
          rejected = ensurePod();
          if (rejected != null) {
            return rejected;
          }
        }
        continue;
      }
      PodState state = PodStates.of(s.pod(), s.deleted());
      Classification c =
          PodClassifier.classify(OutputParameters.withoutOutput(output, state), mains());
      if (state.nodeName() != null && host == null) {
        host = hosts.host(state.nodeName());
      }
      Instant startedAt = PodStates.mainStartedAt(state);
      if (c.finished() && !s.deleted() && restartable(s.pod(), state)) {
        restart(state);
        continue;
      }
      if (c.finished()) {
        return finish(s, state, c, startedAt).withFailedPodRestarts(restarts);
      }
      beat(progress(s.pod(), c, startedAt));
      if (s.deleted()) {
        // Deleted before it started: Argo submits the pod again, as the same attempt.
        LOG.info("Pod {} was deleted before it started; creating it again", request.podName());
        rejected = ensurePod();
        if (rejected != null) {
          return rejected;
        }
      }
    }
  }

  /**
   * Whether the failed {@code pod} is created again rather than ending the attempt: restarts are on
   * and not used up, and it failed before its main container ran for a node's reason ({@link
   * PodRestarts#qualifies}).
   */
  private boolean restartable(Pod pod, PodState state) {
    restarts = Math.max(restarts, PodLabels.failedPodRestarts(pod));
    return settings.failedPodRestarts() > 0
        && restarts < settings.failedPodRestarts()
        && PodRestarts.qualifies(state, mains());
  }

  /**
   * Deletes the failed pod; the loop creates it again, as the same attempt and with the restart
   * counted on it, once the informer has seen it go. The node says why meanwhile, as Argo's does.
   */
  private void restart(PodState state) throws InterruptedException {
    restarts++;
    LOG.info(
        "Pod {} failed before it ran ({}); creating it again (restart {} of {})",
        request.podName(),
        state.reason(),
        restarts,
        settings.failedPodRestarts());
    beat(
        new PodProgress(
            request.podName(), NodePhase.Pending, PodRestarts.message(state), host, null));
    restarting = true;
    host = null;
    delete();
  }

  /**
   * After an interrupt: the activity's cancellation (the heartbeat now throws; returned) or the
   * worker shutting down (null; the pod is left for the retried call to adopt).
   */
  RuntimeException cancellation() {
    boolean interrupted = Thread.interrupted();
    try {
      heartbeat.beat(
          sent != null
              ? sent
              : new PodProgress(request.podName(), NodePhase.Pending, null, null, null));
      return null;
    } catch (RuntimeException e) {
      return e;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Deletes the attempt's pod after a cancellation; never interrupted half-way. */
  void deleteOnCancel() {
    boolean interrupted = Thread.interrupted();
    try {
      delete();
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (RuntimeException e) {
      LOG.warn("Could not delete pod {} of a cancelled attempt", request.podName(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Makes sure the attempt's pod exists: adopts the one the informer knows, else creates it; a 409
   * is looked at before adopting. Returns an Error outcome when the API refuses for good.
   */
  private AttemptOutcome ensurePod() throws InterruptedException {
    PodWaiter.Snapshot known = waiter.current();
    if (known.pod() != null && !known.deleted()) {
      return adopt(known.pod());
    }
    while (true) {
      try {
        Pod created =
            retry.run(
                "create pod " + request.podName(),
                () -> pods().resource(withRestarts(desired)).create(),
                this::beatAgain);
        waiter.deliverIfNothingSeen(created);
        beat(new PodProgress(request.podName(), NodePhase.Pending, null, null, null));
        return null;
      } catch (KubernetesClientException e) {
        if (ApiErrors.kind(e) != ApiErrors.Kind.CONFLICT) {
          return error(ApiErrors.message(e));
        }
        Pod existing =
            retry.run("get pod " + request.podName(), () -> pod().get(), this::beatAgain);
        if (existing == null) {
          continue; // deleted between our create and our get: create again
        }
        return adopt(existing);
      }
    }
  }

  private AttemptOutcome adopt(Pod pod) {
    if (!PodLabels.belongsTo(
        pod.getMetadata().getLabels(), pod.getMetadata().getAnnotations(), request)) {
      return error(
          "pod "
              + request.podName()
              + " already exists and was not created by targo for this attempt");
    }
    LOG.debug("Adopting pod {}", request.podName());
    waiter.deliverIfNothingSeen(pod);
    return null;
  }

  /**
   * The informer said nothing for a while. When its cache has the pod, nothing is missing; when it
   * has not (or {@code ask}: the watch is down, or has been quiet for long), the API server is
   * asked, so a pod whose deletion or end was lost by a broken watch is still seen.
   */
  private void checkPresence(PodWaiter.Snapshot s, boolean ask) throws InterruptedException {
    if (s.deleted()) {
      return;
    }
    Pod cached = shared.cached(request.podName());
    if (cached != null && !ask) {
      if (s.pod() == null || !Objects.equals(version(cached), version(s.pod()))) {
        waiter.deliver(cached, false);
      }
      return;
    }
    Pod live = retry.run("get pod " + request.podName(), () -> pod().get(), this::beatAgain);
    if (live == null) {
      waiter.deliver(null, true);
    } else if (s.pod() == null || !Objects.equals(version(live), version(s.pod()))) {
      waiter.deliver(live, false);
    }
  }

  /**
   * The pod's progress; a daemon's also says whether its containers are ready (their readiness
   * probes pass) and its IP, which is what makes it daemoned (Argo's {@code assessNodeStatus}).
   */
  private PodProgress progress(Pod pod, Classification c, Instant startedAt) {
    if (!request.template().daemonTemplate() || pod == null || pod.getStatus() == null) {
      return new PodProgress(request.podName(), c.phase(), c.message(), host, startedAt);
    }
    var statuses = pod.getStatus().getContainerStatuses();
    boolean ready =
        statuses != null
            && !statuses.isEmpty()
            && statuses.stream().allMatch(cs -> Boolean.TRUE.equals(cs.getReady()));
    return new PodProgress(
        request.podName(),
        c.phase(),
        c.message(),
        host,
        startedAt,
        ready,
        pod.getStatus().getPodIP());
  }

  private AttemptOutcome finish(
      PodWaiter.Snapshot s, PodState state, Classification c, Instant startedAt)
      throws InterruptedException {
    // Heartbeat the end first. The pod is left in place: the workflow deletes it once it has
    // recorded this outcome, so a worker that dies before then leaves a finished pod behind, which
    // the retried call adopts and reads again rather than running the attempt a second time.
    beat(new PodProgress(request.podName(), c.phase(), c.message(), host, startedAt));
    // A container set without `main` has no result (Argo's HasOutput).
    boolean hasMain = mains().contains(PodState.MAIN);
    String result = s.deleted() || !hasMain ? null : logTail();
    Instant created = time(s.pod().getMetadata().getCreationTimestamp());
    Instant finished =
        hasMain ? PodStates.mainFinishedAt(state) : state.lastFinishedAt().orElse(null);
    NodePhase phase = c.phase();
    String message = c.message();
    OutputParameters.Read outputs =
        s.deleted() ? new OutputParameters.Read(null, null) : OutputParameters.read(output, state);
    if (outputs.error() != null && phase == NodePhase.Succeeded) {
      // As Argo's wait container: an output it cannot read fails a pod that had succeeded.
      phase = NodePhase.Error;
      message = outputs.error();
    }
    List<Artifact> saved = List.of();
    List<Artifact> wanted = request.template().outputArtifacts();
    boolean logs = Boolean.TRUE.equals(request.template().archiveLogs());
    if ((!wanted.isEmpty() || logs) && !s.deleted()) {
      // The wait container saved them whatever main's exit; a failure to save fails only a pod
      // that would otherwise have succeeded, as Argo's wait container does.
      ArtifactStaging.Saved read = PodArtifacts.read(waitMessage(state), wanted);
      saved = read.artifacts();
      if (read.error() != null && phase == NodePhase.Succeeded) {
        phase = NodePhase.Error;
        message = read.error();
      }
    }
    AttemptOutcome outcome =
        AttemptOutcome.ofPod(
                phase,
                message,
                c.exitCode(),
                host,
                created != null ? created : startedAt,
                finished != null ? finished : clock.instant(),
                request.podName(),
                result,
                outputs.values())
            .withOutputArtifacts(saved)
            .withReason(PodClassifier.mainReason(state));
    if (request.template().body() instanceof TemplateBody.ContainerSetBody set) {
      outcome =
          outcome.withContainers(
              ContainerSets.outcomes(
                  OutputParameters.withoutOutput(output, state), set.mainContainerNames()));
    }
    return outcome;
  }

  /** The termination message of the {@code wait} container, or null while it has none. */
  private static String waitMessage(PodState state) {
    return state.containers().stream()
        .filter(c -> PodState.WAIT.equals(c.name()))
        .map(PodState.ContainerStatus::state)
        .filter(PodState.ContainerState.Terminated.class::isInstance)
        .map(t -> ((PodState.ContainerState.Terminated) t).message())
        .findFirst()
        .orElse(null);
  }

  /** {@code pod} carrying this attempt's restarts so far, when there were any. */
  private Pod withRestarts(Pod pod) {
    if (restarts == 0) {
      return pod;
    }
    return new PodBuilder(pod)
        .editMetadata()
        .addToAnnotations(PodLabels.ANNOTATION_FAILED_POD_RESTARTS, String.valueOf(restarts))
        .endMetadata()
        .build();
  }

  /** The containers that run the template: {@code main}, or a container set's. */
  private List<String> mains() {
    return ((TemplateBody.PodBody) request.template().body()).mainContainerNames();
  }

  /** The last {@code logTailBytes} of the main container's log, or null when it has none. */
  private String logTail() throws InterruptedException {
    if (settings.logTailBytes() == 0) {
      return null;
    }
    try {
      return retry.run(
          "read log of pod " + request.podName(),
          () -> {
            try {
              return LogReader.tail(
                  client,
                  desired.getMetadata().getNamespace(),
                  request.podName(),
                  PodState.MAIN,
                  settings.logTailBytes());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new KubernetesClientException("interrupted while reading the log", e);
            }
          },
          this::beatAgain);
    } catch (KubernetesClientException e) {
      // No log: the pod is gone, or its container never started (the API says 400).
      LOG.debug("No log for pod {}: {}", request.podName(), ApiErrors.message(e));
      return null;
    }
  }

  private void delete() throws InterruptedException {
    retry.run(
        "delete pod " + request.podName(),
        () -> {
          try {
            return pod().delete();
          } catch (KubernetesClientException e) {
            if (ApiErrors.kind(e) == ApiErrors.Kind.NOT_FOUND) {
              return null;
            }
            throw e;
          }
        },
        () -> {});
  }

  private AttemptOutcome error(String message) {
    Instant now = clock.instant();
    return AttemptOutcome.error(message, request.podName(), now).onHost(host);
  }

  private void beat(PodProgress progress) {
    sent = progress;
    try {
      heartbeat.beat(progress);
    } catch (RuntimeException e) {
      throw new Cancelled(e);
    }
  }

  /** Beats again before an API retry, so a cancellation is noticed while the API is failing. */
  private void beatAgain() {
    if (sent != null) {
      beat(sent);
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Pod, io.fabric8.kubernetes.api.model.PodList, PodResource>
      pods() {
    return client.pods().inNamespace(desired.getMetadata().getNamespace());
  }

  private PodResource pod() {
    return pods().withName(request.podName());
  }

  private static String version(Pod pod) {
    return pod.getMetadata().getResourceVersion();
  }

  private static Instant time(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
