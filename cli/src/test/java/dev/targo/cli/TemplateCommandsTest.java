package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo template}, {@code targo cluster-template} and the commands that resolve references
 * through the template store, against the embedded Temporal server and a local worker: Argo's verbs
 * and output shapes ({@code cmd/argo/commands/template/}), {@code submit --from} as {@code argo
 * submit --from}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateCommandsTest {

  @TempDir static Path stateDir;

  private TargoServer server;

  @BeforeAll
  void start() {
    server = new TargoServer(stateDir);
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  /** A WorkflowTemplate with one shell template {@code say} that echoes its input. */
  private static String template(String kind, String name, String echo) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: %s
        metadata:
          name: %s
        spec:
          entrypoint: say
          arguments:
            parameters:
            - name: message
              value: from the template
          templates:
          - name: say
            inputs:
              parameters:
              - name: message
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["echo %s {{inputs.parameters.message}}"]
        """
        .formatted(kind, name, echo);
  }

  private static String caller(String name, String template) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: %s
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: hello
                templateRef:
                  name: %s
                  template: say
                arguments:
                  parameters: [{name: message, value: hi}]
        """
        .formatted(name, template);
  }

  @Test
  void createPrintsTheTemplateAsArgoTemplateGetDoes() {
    Result r =
        server.targo(template("WorkflowTemplate", "created", "a"), "template", "create", "-");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .matches(
            "Name: {16}created\nNamespace: {11}default\nCreated: {13}\\w{3} \\w{3} \\d\\d"
                + " \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\(.+\\)\n");
  }

  @Test
  void aCreatedTemplateIsListedGotAndDeleted() throws Exception {
    server.targo(template("WorkflowTemplate", "listed", "a"), "template", "create", "-");

    assertThat(server.targo("", "template", "list").out())
        .contains("NAME\n")
        .contains("\nlisted\n");
    Result yaml = server.targo("", "template", "get", "listed", "-o", "yaml");
    JsonNode got = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml.out());
    assertThat(got.at("/kind").asText()).isEqualTo("WorkflowTemplate");
    assertThat(got.at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(got.at("/spec/templates/0/name").asText()).isEqualTo("say");

    Result deleted = server.targo("", "template", "delete", "listed");
    assertThat(deleted.out()).isEqualTo("WorkflowTemplate 'listed' deleted\n");
    Result gone = server.targo("", "template", "get", "listed");
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(gone.err()).isEqualTo("targo: WorkflowTemplate \"listed\" not found\n");
    assertThat(server.targo("", "template", "list", "-o", "name").out()).doesNotContain("listed");
  }

  @Test
  void creatingAnExistingNameIsRefusedAndADeletedNameMayBeUsedAgain() {
    server.targo(template("WorkflowTemplate", "again", "a"), "template", "create", "-");

    Result twice =
        server.targo(template("WorkflowTemplate", "again", "b"), "template", "create", "-");
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(twice.err())
        .isEqualTo("targo: failed to create WorkflowTemplate \"default/again\": already exists\n");

    server.targo("", "template", "delete", "again");
    Result recreated =
        server.targo(
            template("WorkflowTemplate", "again", "b"), "template", "create", "-", "-o", "name");
    assertThat(recreated.out()).isEqualTo("again\n");
  }

  @Test
  void aTemplateWithProblemsIsNotCreated() {
    String broken = template("WorkflowTemplate", "broken", "a").replace("image:", "imag:");

    Result r = server.targo(broken, "template", "create", "-");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "<stdin>:16:5: MISSING_FIELD `image` is required\n"
                + "<stdin>:17:7: UNKNOWN_FIELD unknown field `imag` in container; did you mean"
                + " `image`?\n"
                + "targo: problems found, no WorkflowTemplate was created\n");
    assertThat(server.targo("", "template", "get", "broken").exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void clusterTemplatesAreKeptApartFromNamespacedOnes() {
    Result r =
        server.targo(
            template("ClusterWorkflowTemplate", "clustered", "a"),
            "cluster-template",
            "create",
            "-");

    assertThat(r.out()).startsWith("Name:                clustered\nCreated:");
    assertThat(server.targo("", "cluster-template", "list").out()).contains("\nclustered\n");
    assertThat(server.targo("", "template", "list").out()).doesNotContain("clustered");
    assertThat(server.targo("", "cluster-template", "delete", "clustered").out())
        .isEqualTo("ClusterWorkflowTemplate 'clustered' deleted\n");
  }

  @Test
  void submitResolvesATemplateRefInTheStoreAndRecordsWhatItRan() throws Exception {
    server.targo(template("WorkflowTemplate", "stable", "first"), "template", "create", "-");

    Result run =
        server.targo(caller("uses-stable", "stable"), "submit", "-", "--wait", "-o", "name");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);

    // The template changes later; the workflow still says what it ran.
    server.targo("", "template", "delete", "stable");
    server.targo(template("WorkflowTemplate", "stable", "second"), "template", "create", "-");
    JsonNode doc =
        Json.mapper().readTree(server.targo("", "get", "uses-stable", "-o", "json").out());
    assertThat(doc.at("/status/phase").asText()).isEqualTo("Succeeded");
    assertThat(doc.at("/status/storedTemplates/namespaced~1stable~1say/container/args/0").asText())
        .isEqualTo("echo first {{inputs.parameters.message}}");
    assertThat(doc.at("/spec/templates/0/steps/0/0/templateRef/name").asText()).isEqualTo("stable");
  }

  @Test
  void submitFromAWorkflowTemplateRunsItWithItsArguments() {
    server.targo(template("WorkflowTemplate", "submittable", "x"), "template", "create", "-");

    Result r =
        server.targo(
            "",
            "submit",
            "--from",
            "workflowtemplate/submittable",
            "-p",
            "message=given",
            "--wait");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).startsWith("Name:                submittable-");
    assertThat(r.out())
        .contains("Status:              Succeeded\n")
        .contains("message:           given");
  }

  @Test
  void submitOfAMultiDocumentFileCreatesItsTemplatesThenRunsItsWorkflow() {
    String file =
        template("WorkflowTemplate", "carried", "c") + "---\n" + caller("carrier", "carried");

    Result r = server.targo(file, "submit", "-", "--wait", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).contains("WorkflowTemplate 'carried' created");
    assertThat(server.targo("", "template", "get", "carried", "-o", "name").out())
        .isEqualTo("carried\n");
  }

  @Test
  void lintResolvesAgainstTheFilesGivenAndSaysWhyWhenTheStoreCannotBeAsked() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + port;

    Result together =
        TargoServer.run(
            template("WorkflowTemplate", "lib", "x") + "---\n" + caller("user", "lib"),
            "lint",
            "-",
            "--address",
            nowhere);
    Result alone = TargoServer.run(caller("user", "lib"), "lint", "-", "--address", nowhere);

    assertThat(together.exitCode()).as(together.out()).isEqualTo(ExitCodes.OK);
    assertThat(alone.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(alone.out())
        .startsWith(
            "<stdin>:11:9: UNKNOWN_TEMPLATE WorkflowTemplate `lib` not found in namespace"
                + " `default` (not among the files given, and the template store could not be"
                + " asked: cannot reach Temporal at "
                + nowhere);
  }

  @Test
  void templateLintChecksOnlyTheTemplatesOfTheFile() {
    String file =
        template("WorkflowTemplate", "only", "x")
            + "---\n"
            + caller("ignored", "only").replace("entrypoint: main", "entrypoint: nowhere");

    Result r = TargoServer.run(file, "template", "lint", "-");

    assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).isEqualTo("no problems found\n");
  }
}
