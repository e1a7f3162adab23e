package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.cli.connect.WorkerIdentity;
import dev.targo.cli.server.ArgoHttpServer;
import dev.targo.cli.server.Streams;
import dev.targo.cli.server.WorkflowService;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Temporal server with a targo worker on the {@code local} executor (short heartbeats,
 * so stops reach pods quickly), and a way to run {@code targo} commands against it with injected
 * writers.
 */
final class TargoServer implements AutoCloseable {

  /** What one command printed and returned. */
  record Result(int exitCode, String out, String err) {}

  final EmbeddedTemporal temporal;
  final LocalExecutor executor;
  final Path stateDir;
  final WorkflowClient client;
  private final WorkflowServiceStubs service;
  private final WorkerFactory factory;

  TargoServer(Path stateDir) {
    this(stateDir, "local");
  }

  /**
   * A server whose worker tells Temporal it runs the {@code executorName} executor ({@link
   * WorkerIdentity}); its pods still run on the local executor.
   */
  TargoServer(Path stateDir, String executorName) {
    this(stateDir, executorName, null);
  }

  /** A server whose local executor saves and loads artifacts with {@code artifacts}. */
  TargoServer(
      Path stateDir, String executorName, dev.targo.worker.artifact.ArtifactStaging artifacts) {
    this.stateDir = stateDir;
    this.temporal = EmbeddedTemporal.start();
    this.executor =
        new LocalExecutor(LocalExecutorOptions.defaults().withStateDir(stateDir), artifacts);
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    this.client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setDataConverter(PayloadJson.dataConverter())
                .setIdentity(WorkerIdentity.of(executorName))
                .build());
    this.factory = WorkerFactory.newInstance(client);
    TargoWorker.register(
        factory,
        Names.TASK_QUEUE,
        executor,
        new WorkerSettings(
            Duration.ofSeconds(2),
            Duration.ofDays(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            null,
            "default"));
    factory.start();
  }

  /** Stops the worker: the server keeps the workflows, and nothing answers their queries. */
  void stopWorker() throws InterruptedException {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  /**
   * The run id of the latest run of workflow {@code workflowId} (a node's child workflow is {@code
   * <wf>/<node name>}): a node that ran again has a new one.
   */
  String latestRunId(String workflowId) {
    return service
        .blockingStub()
        .describeWorkflowExecution(
            io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  /**
   * {@code targo server}'s Argo Server API for this server's workflows, on a free loopback port;
   * its base URL for workflows of namespace {@code default} is {@link #workflowsUrl}.
   */
  ArgoHttpServer argoServer() throws IOException {
    WorkflowService workflows = new WorkflowService(client, Names.TASK_QUEUE);
    return new ArgoHttpServer(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        workflows,
        new Streams(workflows, () -> null),
        null,
        new PrintWriter(System.err, true),
        "test");
  }

  /** {@code /api/v1/workflows/default/} of {@code http}. */
  static String workflowsUrl(ArgoHttpServer http) {
    return "http://127.0.0.1:" + http.address().getPort() + "/api/v1/workflows/default/";
  }

  /** A {@code PUT} of {@code body} to {@code url}, answered as text. */
  static HttpResponse<String> put(String url, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .PUT(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Runs {@code targo args… --address <this server>} with {@code stdin}. */
  Result targo(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--address");
    all.add(temporal.address());
    return run(stdin, all.toArray(String[]::new));
  }

  /** Runs {@code targo args…} as given. */
  static Result run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Console console =
        new Console(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            false);
    int code = Main.execute(console, args);
    return new Result(code, out.toString(), err.toString());
  }

  @Override
  public void close() throws InterruptedException {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    service.shutdownNow();
    service.awaitTermination(10, TimeUnit.SECONDS);
    executor.close();
    temporal.close();
  }
}
