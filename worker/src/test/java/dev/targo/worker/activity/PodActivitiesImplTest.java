package dev.targo.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.support.Plans;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodActivitiesImplTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PodRequest REQUEST =
      new PodRequest(
          "wf",
          "argo",
          "wf-1",
          "wf(0)",
          0,
          "wf-t-1",
          Plans.container("t", null),
          List.of(),
          null,
          null,
          null);

  private TestActivityEnvironment env;
  private PodActivitiesImpl activities;
  private final List<PodProgress> beats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void environment() {
    env = TestActivityEnvironment.newInstance();
    env.setActivityHeartbeatListener(PodProgress.class, beats::add);
  }

  @AfterEach
  void close() {
    activities.close();
    env.close();
  }

  private PodActivities stub(PodExecutor executor) {
    return stubWithTicker(executor, Duration.ofMillis(50));
  }

  private PodActivities stubWithTicker(PodExecutor executor, Duration ticker) {
    activities = new PodActivitiesImpl(executor, "quota .* exceeded", ticker);
    env.registerActivitiesImplementations(activities);
    return env.newActivityStub(
        PodActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(1))
            // Temporal sends heartbeats at most every 0.8 × this timeout: keep it short.
            .setHeartbeatTimeout(Duration.ofMillis(250))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private static AttemptOutcome outcome(NodePhase phase, String message) {
    return AttemptOutcome.ofPod(phase, message, 1, "node-1", T0, T0, "wf-t-1", null, null);
  }

  @Test
  void heartbeatsWhatTheExecutorReports() {
    PodProgress running = new PodProgress("wf-t-1", NodePhase.Running, null, "node-1", T0);

    stub((request, heartbeat) -> {
          heartbeat.beat(running);
          return outcome(NodePhase.Succeeded, null);
        })
        .runAttempt(REQUEST);

    assertThat(beats).contains(running);
  }

  @Test
  void sendsAChangeAtOnceAndAnUnchangedReportNotAgain() {
    PodProgress creating =
        new PodProgress("wf-t-1", NodePhase.Pending, "ContainerCreating", "node-1", null);
    PodProgress running = new PodProgress("wf-t-1", NodePhase.Running, null, "node-1", T0);
    // A ticker far slower than the call: every beat seen comes from the executor's reports.
    PodActivities quiet =
        stubWithTicker(
            (request, heartbeat) -> {
              for (int i = 0; i < 5; i++) {
                heartbeat.beat(creating);
              }
              // The SDK lets a heartbeat out at most every 0.8 × 250 ms: give each its turn.
              Thread.sleep(300);
              heartbeat.beat(running);
              heartbeat.beat(running);
              Thread.sleep(300);
              heartbeat.beat(running);
              return outcome(NodePhase.Succeeded, null);
            },
            Duration.ofMinutes(1));

    quiet.runAttempt(REQUEST);

    assertThat(beats).containsExactly(creating, running);
  }

  @Test
  void keepsHeartbeatingWhileThePodIsSilent() {
    stub((request, heartbeat) -> {
          Thread.sleep(1_000);
          return outcome(NodePhase.Succeeded, null);
        })
        .runAttempt(REQUEST);

    assertThat(beats)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(p -> assertThat(p.phase()).isEqualTo(NodePhase.Pending));
  }

  @Test
  void resumedCallStartsFromTheLastHeartbeatDetails() {
    PodProgress before = new PodProgress("wf-t-1", NodePhase.Running, null, "node-2", T0);
    env.setHeartbeatDetails(before);

    stub((request, heartbeat) -> {
          Thread.sleep(200);
          return outcome(NodePhase.Succeeded, null);
        })
        .runAttempt(REQUEST);

    assertThat(beats).first().isEqualTo(before);
  }

  @Test
  void failedOutcomeMatchingATransientPatternIsMarkedTransient() {
    AttemptOutcome result =
        failedOutcome(
            stub((request, heartbeat) -> outcome(NodePhase.Error, "dial tcp: i/o timeout")));

    assertThat(result.transientError()).isTrue();
  }

  @Test
  void failedOutcomeMatchingTheConfiguredPatternIsMarkedTransient() {
    AttemptOutcome result =
        failedOutcome(
            stub((request, heartbeat) -> outcome(NodePhase.Failed, "quota cpu exceeded")));

    assertThat(result.transientError()).isTrue();
  }

  @Test
  void ordinaryFailureIsNotTransient() {
    AttemptOutcome result =
        failedOutcome(
            stub((request, heartbeat) -> outcome(NodePhase.Failed, "main: Error (exit code 1)")));

    assertThat(result).isEqualTo(outcome(NodePhase.Failed, "main: Error (exit code 1)"));
  }

  @Test
  void aFailedPodFailsTheCallForGoodWithItsPhaseAsTypeAndItsNodeInTheMessage() {
    PodActivities pods =
        stub((request, heartbeat) -> outcome(NodePhase.Failed, "main: Error (exit code 1)"));

    assertThatThrownBy(() -> pods.runAttempt(REQUEST))
        .isInstanceOfSatisfying(
            ActivityFailure.class,
            e -> {
              ApplicationFailure cause = (ApplicationFailure) e.getCause();
              assertThat(cause.getType()).isEqualTo("Failed");
              assertThat(cause.isNonRetryable()).isTrue();
              assertThat(cause.getOriginalMessage())
                  .isEqualTo("main: Error (exit code 1) on node-1");
            });
  }

  @Test
  void aPodThatErroredFailsTheCallWithTypeError() {
    PodActivities pods = stub((request, heartbeat) -> outcome(NodePhase.Error, "pod deleted"));

    assertThatThrownBy(() -> pods.runAttempt(REQUEST))
        .isInstanceOfSatisfying(
            ActivityFailure.class,
            e -> assertThat(((ApplicationFailure) e.getCause()).getType()).isEqualTo("Error"));
  }

  /** The outcome a failed attempt's call carries in its failure. */
  private static AttemptOutcome failedOutcome(PodActivities pods) {
    try {
      pods.runAttempt(REQUEST);
    } catch (ActivityFailure e) {
      return ArgoFailures.attemptOutcome(e).orElseThrow(() -> e);
    }
    throw new AssertionError("the attempt did not fail");
  }

  @Test
  void executorFaultIsARetryableFailureNamingThePod() {
    PodActivities pods =
        stub(
            (request, heartbeat) -> {
              throw new IOException("connection refused");
            });

    assertThatThrownBy(() -> pods.runAttempt(REQUEST))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(PodActivitiesImpl.EXECUTOR_FAULT);
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getOriginalMessage())
                  .isEqualTo("pod wf-t-1: java.io.IOException: connection refused");
            });
  }

  /**
   * The call the workflow cancels ends failed, its pod deleted, with the host the pod was on: the
   * workflow keeps it on the node, as Argo keeps {@code hostNodeName} on a pod it stops.
   */
  @Test
  void cancellationInterruptsTheWaitingExecutor() throws InterruptedException {
    AtomicBoolean interrupted = new AtomicBoolean();
    PodActivities pods =
        stub(
            (request, heartbeat) -> {
              heartbeat.beat(
                  new PodProgress(request.podName(), NodePhase.Running, null, "node-2", null));
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return outcome(NodePhase.Succeeded, null);
            });
    Thread canceller =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              env.requestCancelActivity();
            });
    canceller.start();

    assertThatThrownBy(() -> pods.runAttempt(REQUEST))
        .isInstanceOfSatisfying(
            ActivityFailure.class,
            failure ->
                assertThat(ArgoFailures.attemptOutcome(failure))
                    .hasValueSatisfying(
                        o -> {
                          assertThat(o.phase()).isEqualTo(NodePhase.Error);
                          assertThat(o.message()).isEqualTo("pod deleted");
                          assertThat(o.hostNodeName()).isEqualTo("node-2");
                        }));
    canceller.join();
    assertThat(interrupted).isTrue();
  }

  /** {@link #REQUEST} with a pending deadline {@code millis} from now (the system clock). */
  private static PodRequest withPendingDeadlineIn(long millis) {
    return REQUEST
        .withActiveDeadlineSeconds(10L)
        .withPendingDeadline(Instant.now().plusMillis(millis));
  }

  /**
   * An executor whose pod stays in {@code phase} for 10 s, which, like the real ones, deletes its
   * pod when a heartbeat throws and records what it was asked to delete.
   */
  private static final class StuckExecutor implements PodExecutor {
    final List<String> events = new CopyOnWriteArrayList<>();
    private final NodePhase phase;

    StuckExecutor(NodePhase phase) {
      this.phase = phase;
    }

    @Override
    public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
      PodProgress progress = new PodProgress(request.podName(), phase, null, null, null);
      try {
        heartbeat.beat(progress);
        Thread.sleep(phase == NodePhase.Pending ? 10_000 : 600);
      } catch (InterruptedException e) {
        try {
          heartbeat.beat(progress);
        } catch (RuntimeException cancelled) {
          events.add("cancelled " + request.podName());
          throw cancelled;
        }
        throw e;
      }
      return outcome(NodePhase.Succeeded, null);
    }

    @Override
    public void delete(PodDeletion deletion) {
      deletion.podNames().forEach(name -> events.add("delete " + name));
    }
  }

  @Test
  void aPodStillPendingAtItsPendingDeadlineIsDeletedAndTheAttemptFailsWithTimeout() {
    StuckExecutor executor = new StuckExecutor(NodePhase.Pending);

    PodActivities pods = stub(executor);
    AttemptOutcome result;
    try {
      pods.runAttempt(withPendingDeadlineIn(300));
      throw new AssertionError("the attempt did not fail");
    } catch (ActivityFailure e) {
      result = ArgoFailures.attemptOutcome(e).orElseThrow(() -> e);
    }

    assertThat(result.phase()).isEqualTo(NodePhase.Failed);
    assertThat(result.message()).isEqualTo("timeout");
    assertThat(result.podName()).isEqualTo("wf-t-1");
    assertThat(executor.events).containsExactly("cancelled wf-t-1", "delete wf-t-1");
  }

  @Test
  void aPodRunningAtItsPendingDeadlineKeepsRunning() {
    StuckExecutor executor = new StuckExecutor(NodePhase.Running);

    AttemptOutcome result = stub(executor).runAttempt(withPendingDeadlineIn(200));

    assertThat(result).isEqualTo(outcome(NodePhase.Succeeded, null));
    assertThat(executor.events).isEmpty();
  }

  /**
   * An executor whose pod stays Pending unscheduled while it excludes more than one host, and runs
   * once it excludes fewer; it records each request's excluded hosts and what it deleted.
   */
  private static final class CrowdedExecutor implements PodExecutor {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
      events.add("run excluding " + request.excludedHosts());
      if (request.excludedHosts().size() <= 1) {
        return outcome(NodePhase.Succeeded, null);
      }
      PodProgress unscheduled =
          new PodProgress(
              request.podName(), NodePhase.Pending, "0/2 nodes are available", null, null);
      try {
        heartbeat.beat(unscheduled);
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        heartbeat.beat(unscheduled);
        throw e;
      }
      throw new AssertionError("the pod was not relaxed");
    }

    @Override
    public void delete(PodDeletion deletion) {
      deletion.podNames().forEach(name -> events.add("delete " + name));
    }
  }

  @Test
  void anUnscheduledPodIsCreatedAgainWithTheOldestFailedHostLetBackAfterRelaxAfter() {
    CrowdedExecutor executor = new CrowdedExecutor();
    PodRequest request =
        REQUEST
            .withExcludedHosts(List.of("node-1", "node-2"))
            .withRelaxation(
                new PodRequest.Relaxation(Duration.ofMillis(1100), List.of("node-2", "node-1")));

    AttemptOutcome result = stub(executor).runAttempt(request);

    assertThat(result.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(result.message())
        .isEqualTo("nodeAntiAffinity relaxed: node-2 let back after 1 second unscheduled");
    assertThat(executor.events)
        .containsExactly(
            "run excluding [node-1, node-2]", "delete wf-t-1", "run excluding [node-1]");
  }

  @Test
  void aPodWithoutRelaxationStaysAsItIs() {
    StuckExecutor executor = new StuckExecutor(NodePhase.Running);
    PodRequest request =
        REQUEST
            .withExcludedHosts(List.of("node-1"))
            .withRelaxation(new PodRequest.Relaxation(Duration.ofMillis(100), List.of("node-1")));

    AttemptOutcome result = stub(executor).runAttempt(request);

    // Running (scheduled) past relaxAfter: nothing is let back.
    assertThat(result).isEqualTo(outcome(NodePhase.Succeeded, null));
    assertThat(executor.events).isEmpty();
  }
}
