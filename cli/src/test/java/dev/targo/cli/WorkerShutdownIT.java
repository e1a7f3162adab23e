package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.Json;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.cli.TargoServer.Result;
import dev.targo.cli.client.SearchAttributeSupport;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.runtime.WorkerRuntime;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker stopped as SIGTERM stops it (a rolling restart) while an attempt's pod runs, on a real
 * Temporal dev server: the pod is never deleted for it. Within the shutdown grace the attempt
 * finishes on the stopping worker; past it, the call is let go and the next worker adopts the pod.
 * The pods here outlive the workers that wait for them, as a cluster's do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class WorkerShutdownIT {
  private TemporalDevServer server;
  private WorkflowClient client;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    TemporalDevServer.assumeAvailable("WorkerShutdownIT");
    server = TemporalDevServer.start(dir);
    SearchAttributeSupport.register(server.service, "default");
    client =
        WorkflowClient.newInstance(
            server.service,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setDataConverter(PayloadJson.dataConverter())
                .build());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private WorkerRuntime worker(PodsThatOutliveWorkers pods) {
    return WorkerRuntime.start(
        client,
        Names.TASK_QUEUE,
        new WorkerRuntime.Options(10, 10, 10),
        pods,
        WorkerSettings.defaults(null));
  }

  private void submit(String name) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: %s}
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine:3.20, command: [sh, -c, "sleep 1"]}
        """
            .formatted(name);
    Result r = TargoServer.run(yaml, "submit", "-", "-o", "name", "--address", server.address);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
  }

  private JsonNode awaitEnd(String name) throws Exception {
    Result r = TargoServer.run("", "watch", name, "--address", server.address);
    assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, 1);
    return Json.mapper()
        .readTree(
            TargoServer.run("", "get", name, "-o", "json", "--address", server.address).out());
  }

  @Test
  void anAttemptFinishesWithinTheGraceOfAStoppingWorkerAndItsPodIsNotDeleted() throws Exception {
    PodsThatOutliveWorkers pods = new PodsThatOutliveWorkers(Duration.ofMillis(1500));
    WorkerRuntime first = worker(pods);
    submit("graceful");
    assertThat(pods.started.await(30, TimeUnit.SECONDS)).isTrue();

    first.stop(Duration.ofSeconds(20));
    assertThat(pods.calls.get()).as("calls once the first worker stopped").isEqualTo(1);
    assertThat(pods.completed.get()).as("attempts the stopping worker finished").isEqualTo(1);
    assertThat(pods.deleted).isEmpty();
    WorkerRuntime second = worker(pods);
    try {
      JsonNode wf = awaitEnd("graceful");

      assertThat(wf.at("/status/phase").asText()).isEqualTo("Succeeded");
      assertThat(pods.calls.get()).isEqualTo(1);
      onlyPodGcDeletedIt(pods, "graceful");
    } finally {
      second.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void pastTheGraceTheCallIsLetGoAndTheNextWorkerAdoptsThePod() throws Exception {
    PodsThatOutliveWorkers pods = new PodsThatOutliveWorkers(Duration.ofSeconds(4));
    WorkerRuntime first = worker(pods);
    submit("let-go");
    assertThat(pods.started.await(30, TimeUnit.SECONDS)).isTrue();

    first.stop(Duration.ofMillis(200));
    assertThat(pods.completed.get()).as("attempts the stopping worker finished").isZero();
    assertThat(pods.deleted).isEmpty();
    WorkerRuntime second = worker(pods);
    try {
      JsonNode wf = awaitEnd("let-go");

      assertThat(wf.at("/status/phase").asText()).isEqualTo("Succeeded");
      assertThat(pods.created.get()).as("pods created").isEqualTo(1);
      onlyPodGcDeletedIt(pods, "let-go");
      assertThat(pods.calls.get()).as("calls: the let-go one and the adopting one").isEqualTo(2);
    } finally {
      second.stop(Duration.ofSeconds(1));
    }
  }

  /**
   * The one deletion is podGC's (targo's default deletes a pod once its attempt has ended), never
   * an abandoned attempt's.
   */
  private static void onlyPodGcDeletedIt(PodsThatOutliveWorkers pods, String pod) {
    assertThat(pods.deleted).hasSize(1);
    assertThat(pods.deleted.get(0).podNames()).containsExactly(pod);
    assertThat(pods.deleted.get(0).abandoned()).isFalse();
  }

  /**
   * Pods that run for {@code length} whoever waits for them: a call that is interrupted leaves its
   * pod running, and a later call of the same pod name adopts it.
   */
  private static final class PodsThatOutliveWorkers implements PodExecutor {
    private final Duration length;
    private final ConcurrentHashMap<String, Instant> ends = new ConcurrentHashMap<>();
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final List<PodDeletion> deleted = new CopyOnWriteArrayList<>();

    PodsThatOutliveWorkers(Duration length) {
      this.length = length;
    }

    @Override
    public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
      calls.incrementAndGet();
      Instant end =
          ends.computeIfAbsent(
              request.podName(),
              name -> {
                created.incrementAndGet();
                return Instant.now().plus(length);
              });
      Instant start = end.minus(length);
      beat(request, heartbeat, start);
      started.countDown();
      while (Instant.now().isBefore(end)) {
        Thread.sleep(50);
        beat(request, heartbeat, start);
      }
      completed.incrementAndGet();
      return AttemptOutcome.ended(NodePhase.Succeeded, null, request.podName(), start, end)
          .onHost("node-1");
    }

    /**
     * A beat that says something new each time, so that each reaches the SDK; a beat that throws
     * deletes the pod, as both real executors do.
     */
    private void beat(PodRequest request, Heartbeat heartbeat, Instant start) {
      String message = "running for " + Duration.between(start, Instant.now()).toMillis() + " ms";
      try {
        heartbeat.beat(
            new PodProgress(request.podName(), NodePhase.Running, message, "node-1", start));
      } catch (RuntimeException e) {
        delete(PodDeletion.pod(request.namespace(), request.podName()));
        throw e;
      }
    }

    @Override
    public void delete(PodDeletion deletion) {
      deleted.add(deletion);
    }
  }
}
