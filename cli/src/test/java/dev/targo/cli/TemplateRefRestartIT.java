package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow whose steps come from a WorkflowTemplate survives a worker restart, and runs what it
 * was submitted with even when the template is replaced meanwhile: its references were resolved at
 * submission (docs/DESIGN.md §10). On a real {@code temporal server start-dev} with {@code targo
 * worker} stopped as SIGTERM stops it and started again (the embedded test server keeps sending
 * queries to the stopped in-process worker); skipped, with the reason printed, where the Temporal
 * CLI has not been built.
 */
class TemplateRefRestartIT {

  @TempDir Path dir;

  private static String template(String word) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: words
        spec:
          templates:
          - name: say
            inputs:
              parameters:
              - name: pause
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["sleep {{inputs.parameters.pause}}; echo %s"]
        """
        .formatted(word);
  }

  private static final String WORKFLOW =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: restarted
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: slow
              templateRef: {name: words, template: say}
              arguments:
                parameters: [{name: pause, value: "3"}]
          - - name: after
              templateRef: {name: words, template: say}
              arguments:
                parameters: [{name: pause, value: "0"}]
      """;

  @Test
  void aTemplateRefWorkflowEndsAfterAWorkerRestartWithTheTemplateItWasSubmittedWith()
      throws Exception {
    TemporalDevServer.assumeAvailable("TemplateRefRestartIT");
    try (TemporalDevServer server = TemporalDevServer.start(dir)) {
      String address = server.address;
      InProcessWorker worker = InProcessWorker.start(address, dir.resolve("pods"));
      assertThat(targo(address, template("first"), "template", "create", "-").exitCode())
          .isEqualTo(ExitCodes.OK);
      Result submitted = targo(address, WORKFLOW, "submit", "-", "-o", "name");
      assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
      waitForRunningStep(address, "slow");

      worker.close();
      targo(address, "", "template", "delete", "words");
      targo(address, template("second"), "template", "create", "-");
      worker = InProcessWorker.start(address, dir.resolve("pods"));
      try {
        Result waited = targo(address, "", "watch", "restarted");
        JsonNode doc = json(address);
        assertThat(doc.at("/status/phase").asText()).as(waited.out()).isEqualTo("Succeeded");
        assertThat(results(doc)).containsExactly("after=first", "slow=first");
      } finally {
        worker.close();
      }
    }
  }

  private static Result targo(String address, String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", address));
    return TargoServer.run(stdin, all.toArray(String[]::new));
  }

  private static JsonNode json(String address) throws Exception {
    return Json.mapper().readTree(targo(address, "", "get", "restarted", "-o", "json").out());
  }

  private static void waitForRunningStep(String address, String step) throws Exception {
    for (int i = 0; i < 200; i++) {
      JsonNode doc = json(address);
      for (JsonNode node : doc.at("/status/nodes")) {
        if (node.path("displayName").asText().equals(step)
            && node.path("phase").asText().equals("Running")) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("step " + step + " never ran");
  }

  /** {@code displayName=result} of each pod node, sorted. */
  private static List<String> results(JsonNode doc) {
    List<String> out = new ArrayList<>();
    for (JsonNode node : doc.at("/status/nodes")) {
      if (node.path("type").asText().equals("Pod")) {
        out.add(node.path("displayName").asText() + "=" + node.at("/outputs/result").asText());
      }
    }
    out.sort(String::compareTo);
    return out;
  }
}
