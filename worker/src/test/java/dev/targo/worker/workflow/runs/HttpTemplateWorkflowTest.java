package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code http} templates as Argo's agent runs them ({@code executeHTTPTemplate}): one request per
 * attempt, sent by the worker to a real HTTP server on this machine; the node is of type HTTP, its
 * result the body; a 2xx succeeds unless a {@code successCondition} says otherwise; a request that
 * gets no response is an Error; {@code retryStrategy} retries it.
 */
class HttpTemplateWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private int teapots;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Team")
                  + " "
                  + body);
          String path = exchange.getRequestURI().getPath();
          int code = path.equals("/created") ? 201 : path.equals("/missing") ? 404 : 200;
          if (path.equals("/flaky") && teapots++ < 2) {
            code = 418;
          }
          byte[] answer = ("answer of " + path).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Server", "test-server");
          exchange.sendResponseHeaders(code, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static WorkflowRun run(String yaml) {
    Translation t = Translator.translate("http.yaml", yaml);
    assertThat(t.all()).isEmpty();
    return new WorkflowRun("wf", "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().get(PodNames.nodeId("wf", name));
  }

  @Test
  void aRequestsBodyIsTheResultTheNextStepGetsAndConditionsJudgeTheResponse() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: create
                template: call
                arguments:
                  parameters: [{name: path, value: created}]
              - name: server
                template: server-header
            - - name: missing
                template: call
                continueOn: {failed: true}
                arguments:
                  parameters: [{name: path, value: missing}]
            - - name: echo
                template: post
                arguments:
                  parameters: [{name: text, value: "{{steps.create.outputs.result}}"}]
          - name: call
            inputs:
              parameters: [{name: path}]
            http:
              url: "BASE/{{inputs.parameters.path}}"
          - name: server-header
            http:
              url: "BASE/created"
              successCondition: "response.statusCode == 201 && response.headers[\\"Server\\"][0] == \\"test-server\\""
          - name: post
            inputs:
              parameters: [{name: text}]
            http:
              method: POST
              url: "BASE/echo"
              headers: [{name: X-Team, value: data}]
              body: "{{inputs.parameters.text}}"
        """
            .replace("BASE", base());
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run(yaml));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus create = node(status, "wf[0].create");
    assertThat(create.type()).isEqualTo(NodeType.HTTP);
    assertThat(create.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(create.outputs().result()).isEqualTo("answer of /created");
    assertThat(node(status, "wf[0].server").phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus missing = node(status, "wf[1].missing");
    assertThat(missing.phase()).isEqualTo(NodePhase.Failed);
    assertThat(missing.message()).isEqualTo("received non-2xx response code: 404");
    assertThat(received).contains("POST /echo data answer of /created");
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aRetryStrategyRetriesTheRequestAndARequestWithoutAnswerIsAnError() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: flaky
                template: flaky
            - - name: nowhere
                template: nowhere
          - name: flaky
            retryStrategy: {limit: 3}
            http:
              url: "BASE/flaky"
          - name: nowhere
            http:
              url: "http://127.0.0.1:1/closed"
              timeoutSeconds: 5
        """
            .replace("BASE", base());
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run(yaml));

    assertThat(node(status, "wf[0].flaky").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].flaky(0)").message())
        .isEqualTo("received non-2xx response code: 418");
    assertThat(node(status, "wf[0].flaky(2)").phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus nowhere = node(status, "wf[1].nowhere");
    assertThat(nowhere.phase()).isEqualTo(NodePhase.Error);
    assertThat(nowhere.message()).startsWith("GET \"http://127.0.0.1:1/closed\": ");
  }
}
