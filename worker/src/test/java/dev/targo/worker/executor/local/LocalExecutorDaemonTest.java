package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's pod on the local executor: Running, then ready once its {@code readinessProbe} passes
 * (at once without one), with the loopback address local pods share as its IP; it runs on until it
 * is deleted.
 */
@Timeout(30)
class LocalExecutorDaemonTest {
  @TempDir Path state;
  private LocalExecutor executor;
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void start() {
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1))
                .withOwnRoots(false));
  }

  @AfterEach
  void stop() {
    executor.close();
    callers.shutdownNow();
  }

  private static Template template(String probe) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: server
          templates:
          - name: server
            daemon: true
            container:
              image: alpine
              command: [sleep, "60"]
        PROBE
        """
            .replace("PROBE", probe);
    Translation t = Translator.translate("daemon.yaml", yaml);
    assertThat(t.all()).isEmpty();
    return ((Translation.Ok) t).plan().template("server");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Future<AttemptOutcome> run(PodRequest request, List<PodProgress> beats) {
    return callers.submit(() -> executor.run(request, beats::add));
  }

  private static void await(List<PodProgress> beats, java.util.function.Predicate<PodProgress> p)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (beats.stream().noneMatch(p)) {
      assertThat(System.nanoTime()).as("waiting for a beat").isLessThan(end);
      Thread.sleep(20);
    }
  }

  @Test
  void aDaemonIsReadyOnlyOnceItsHttpProbePassesAndRunsUntilDeleted() throws Exception {
    int port = freePort();
    Template t =
        template(
            "      readinessProbe:\n        httpGet: {path: /healthz, port: "
                + port
                + "}\n        periodSeconds: 1\n");
    PodRequest request = PodRequest.of("wf", "ns", "wf", 0, t);
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    Future<AttemptOutcome> call = run(request, beats);

    // Running, but nothing answers the probe yet: not ready.
    await(beats, b -> b.phase() == NodePhase.Running);
    Thread.sleep(1500);
    assertThat(beats).noneMatch(PodProgress::daemonReady);

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/healthz",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try {
      await(beats, PodProgress::daemonReady);
    } finally {
      server.stop(0);
    }
    PodProgress ready = beats.stream().filter(PodProgress::daemonReady).findFirst().orElseThrow();
    assertThat(ready.podIP()).isEqualTo("127.0.0.1");
    assertThat(call.isDone()).isFalse();

    executor.delete(PodDeletion.pod("ns", request.podName()));
    assertThat(call.get(10, TimeUnit.SECONDS).message()).isEqualTo("pod deleted");
  }

  @Test
  void aTcpProbeAndNoProbeAtAll() throws Exception {
    // No probe: ready as soon as it runs.
    List<PodProgress> plain = new CopyOnWriteArrayList<>();
    PodRequest first = PodRequest.of("wf", "ns", "wf-a", 0, template(""));
    Future<AttemptOutcome> a = run(first, plain);
    await(plain, PodProgress::daemonReady);

    // A tcpSocket probe passes once something listens on the port.
    try (ServerSocket listening =
        new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Template t =
          template(
              "      readinessProbe:\n        tcpSocket: {port: "
                  + listening.getLocalPort()
                  + "}\n        periodSeconds: 1\n");
      List<PodProgress> tcp = new CopyOnWriteArrayList<>();
      PodRequest second = PodRequest.of("wf", "ns", "wf-b", 0, t);
      Future<AttemptOutcome> b = run(second, tcp);
      await(tcp, PodProgress::daemonReady);
      executor.delete(PodDeletion.pod("ns", second.podName()));
      b.get(10, TimeUnit.SECONDS);
    }
    executor.delete(PodDeletion.pod("ns", first.podName()));
    a.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPodThatIsNotADaemonSaysNothingOfReadiness() throws Exception {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    AttemptOutcome outcome = executor.run(Requests.pod("plain", "true").build(), beats::add);

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(beats).allMatch(b -> b.ready() == null && b.podIP() == null);
  }

  @Test
  void anExecProbeIsRefusedBeforeThePodStarts() {
    Template t = template("      readinessProbe:\n        exec: {command: [cat, /ready]}\n");

    assertThat(LocalPodFields.refusal(t))
        .isEqualTo(
            "template `server`: readinessProbe: the local executor runs httpGet and tcpSocket"
                + " probes only (exec and grpc need the kubernetes executor)");
  }
}
