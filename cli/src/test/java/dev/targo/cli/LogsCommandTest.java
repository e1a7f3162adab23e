package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo logs} of a workflow whose worker says it runs the {@code kubernetes} executor: pod
 * logs from the pod log API of a mock cluster (reached through a kubeconfig and context), the log
 * tail the worker kept when a pod is gone, and one note per pod where nothing can be printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnableKubernetesMockClient
class LogsCommandTest {

  @TempDir static Path stateDir;
  @TempDir static Path configDir;

  static KubernetesMockServer cluster;
  static KubernetesClient kube;

  private TargoServer server;
  private Path kubeconfig;

  @BeforeAll
  void start() throws Exception {
    server = new TargoServer(stateDir, "kubernetes");
    kubeconfig = configDir.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        current-context: unreachable
        clusters:
        - name: mock
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        - name: unreachable
          cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
        contexts:
        - name: mock
          context: {cluster: mock, user: someone}
        - name: unreachable
          context: {cluster: unreachable, user: someone}
        users:
        - name: someone
          user: {token: secret}
        """
            .formatted(kube.getMasterUrl()));
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  /** Runs {@code targo logs NAME args… --kubeconfig <file>}. */
  private Result logs(String name, String... args) {
    List<String> all =
        new ArrayList<>(List.of("logs", name, "--kubeconfig", kubeconfig.toString()));
    all.addAll(List.of(args));
    return server.targo("", all.toArray(String[]::new));
  }

  private void stubLog(String pod, String query, String text) {
    cluster
        .expect()
        .get()
        .withPath("/api/v1/namespaces/default/pods/" + pod + "/log?container=main" + query)
        .andReturn(200, text)
        .always();
  }

  @Test
  void readsAFinishedPodsLogFromThePodLogApiOfTheWorkersExecutor() throws Exception {
    server.targo(Workflows.succeeding("kube-log"), "submit", "-", "--wait");
    String pod = pods("kube-log").getFirst();
    stubLog(pod, "", "from the cluster\nsecond line\n");

    Result r = logs("kube-log", "--context", "mock");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": from the cluster\n" + pod + ": second line\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void printsTheLogTailTheWorkerKeptWithOneNoteWhenThePodIsGone() throws Exception {
    server.targo(Workflows.succeeding("kube-gone"), "submit", "-", "--wait");
    String pod = pods("kube-gone").getFirst();

    Result r = logs("kube-gone", "--context", "mock");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": hello from kube-gone\n");
    assertThat(r.err())
        .isEqualTo(
            "targo: pod "
                + pod
                + " is gone from namespace default; printing the log tail the worker kept\n");
  }

  @Test
  void printsOneNotePerPodWhenItIsGoneAndNothingWasKept() throws Exception {
    server.targo(
        Workflows.shell("kube-none", 0, "x")
            .replace("command: [sh, -c]", "command: [no-such-program-xyz]"),
        "submit",
        "-",
        "--wait");
    String pod = pods("kube-none").getFirst();

    Result r = logs("kube-none", "--context", "mock");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "targo: pod "
                + pod
                + " is gone from namespace default; the worker kept no log of it\n");
  }

  @Test
  void saysWhenTheClusterCannotBeReachedAndPrintsTheKeptTails() throws Exception {
    server.targo(Workflows.succeeding("kube-down"), "submit", "-", "--wait");
    String pod = pods("kube-down").getFirst();

    Result r = logs("kube-down");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": hello from kube-down\n");
    assertThat(r.err().lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .startsWith(
                      "targo: cannot read pod logs from Kubernetes: https://127.0.0.1:1/: ");
              assertThat(lines.get(1))
                  .isEqualTo(
                      "targo: pod "
                          + pod
                          + " cannot be read; printing the log tail the worker kept");
            });
  }

  @Test
  void followStreamsTheLogOfARunningPod() throws Exception {
    // Long enough that the pod still runs when `logs -f` asks, on a loaded machine too.
    server.targo(Workflows.shell("kube-follow", 0, "sleep 6; echo done"), "submit", "-");
    String pod = awaitPod("kube-follow");
    stubLog(pod, "&follow=true", "streamed while running\n");

    Result r = logs("kube-follow", "-f", "--context", "mock");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": streamed while running\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void sourceLocalReadsTheStateDirectoryWhateverTheWorkerRuns() throws Exception {
    server.targo(Workflows.succeeding("forced-local"), "submit", "-", "--wait");
    String pod = pods("forced-local").getFirst();

    Result r = logs("forced-local", "--source", "local", "--state-dir", stateDir.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": hello from forced-local\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void sourceTailPrintsTheKeptTailsWithoutAsking() throws Exception {
    server.targo(Workflows.succeeding("forced-tail"), "submit", "-", "--wait");
    String pod = pods("forced-tail").getFirst();

    Result r = logs("forced-tail", "--source", "tail");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo(pod + ": hello from forced-tail\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anUnreadableKubeconfigExitsTwo() {
    Result r =
        server.targo("", "logs", "anything", "--kubeconfig", configDir.resolve("none").toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("targo: cannot read kubeconfig " + configDir.resolve("none") + "\n");
  }

  /** The pod names of a workflow's Pod nodes, in the status's order. */
  private List<String> pods(String name) throws Exception {
    JsonNode nodes =
        Json.mapper()
            .readTree(server.targo("", "get", name, "-o", "json").out())
            .path("status")
            .path("nodes");
    List<String> pods = new ArrayList<>();
    nodes.forEach(
        n -> {
          if (n.hasNonNull("podName") && "Pod".equals(n.path("type").asText())) {
            pods.add(n.path("podName").asText());
          }
        });
    return pods;
  }

  /** Waits until the workflow's first pod exists and returns its name. */
  private String awaitPod(String name) throws Exception {
    for (int i = 0; i < 300; i++) {
      List<String> pods = pods(name);
      if (!pods.isEmpty()) {
        return pods.getFirst();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pod for " + name);
  }
}
