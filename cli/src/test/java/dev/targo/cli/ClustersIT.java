package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
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
 * targo's clusters on a real {@code temporal server start-dev} with three workers, as they run in
 * production: the workflow worker, and one {@code targo worker --cluster} each for gpu-east and
 * gpu-west on the local executor. The example's attempt fails in gpu-east and its retry succeeds in
 * gpu-west; one {@code targo list} shows the workflow.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClustersIT {

  @TempDir static Path dir;

  private TemporalDevServer server;
  private final List<InProcessWorker> workers = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    TemporalDevServer.assumeAvailable("ClustersIT");
    server = TemporalDevServer.start(dir);
    workers.add(InProcessWorker.start(server.address, dir.resolve("pods")));
    for (String cluster : List.of("gpu-east", "gpu-west")) {
      workers.add(
          InProcessWorker.start(server.address, dir.resolve(cluster), "--cluster", cluster));
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (InProcessWorker worker : workers) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Result targo(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", server.address));
    return TargoServer.run(stdin, all.toArray(String[]::new));
  }

  @Test
  void aRetryFailingInOneClustersWorkerSucceedsInTheOtherClustersWorker() throws Exception {
    assertThat(workers.get(1).log()).contains("polling task queue targo-gpu-east");
    String yaml = Files.readString(Path.of("..", "examples", "retry-other-cluster.yaml"));

    Result run = targo(yaml, "submit", "-", "--wait", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode wf = Json.mapper().readTree(run.out());
    List<String> pods = new ArrayList<>();
    wf.path("status")
        .path("nodes")
        .forEach(
            n -> {
              if (n.path("type").asText().equals("Pod")) {
                pods.add(
                    n.path("name").asText().replaceAll("^.*\\(", "(")
                        + " "
                        + n.path("phase").asText()
                        + " "
                        + n.path("cluster").asText()
                        + " "
                        + n.path("hostNodeName").asText());
              }
            });
    assertThat(pods.stream().sorted())
        .containsExactly(
            "(0) Failed gpu-east gpu-east-node-1", "(1) Succeeded gpu-west gpu-west-node-1");
    Result list = targo("", "list");
    assertThat(list.out()).contains(wf.path("metadata").path("name").asText());
  }
}
