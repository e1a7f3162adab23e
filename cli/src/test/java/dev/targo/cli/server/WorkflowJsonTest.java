package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowJsonTest {

  private static WorkflowStatus status(NodePhase phase, String message) {
    return new WorkflowStatus(phase, message, null, null, null, Map.of());
  }

  @Test
  void anAcceptedWorkflowNoWorkerStartedYetIsRunning() {
    assertThat(WorkflowJson.servedPhase(true, status(NodePhase.Pending, null)))
        .isEqualTo("Running");
  }

  @Test
  void aWorkflowWaitingForALockStaysPendingAsInArgo() {
    assertThat(WorkflowJson.servedPhase(true, status(NodePhase.Pending, "Waiting for lock")))
        .isEqualTo("Pending");
  }

  @Test
  void anEndedWorkflowShowsItsPhase() {
    assertThat(WorkflowJson.servedPhase(false, status(NodePhase.Failed, "x"))).isEqualTo("Failed");
  }

  @Test
  void aCreatedWorkflowCarriesArgosControllerLabels() {
    var doc =
        WorkflowJson.created(
            "wf-abcde",
            "argo",
            "metadata: {generateName: wf-, labels: {team: data}}\nspec: {entrypoint: main}\n",
            new WorkflowStatus(
                NodePhase.Running,
                null,
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                "0/0",
                Map.of()));
    assertThat(doc.path("metadata").path("name").asText()).isEqualTo("wf-abcde");
    assertThat(doc.path("metadata").path("namespace").asText()).isEqualTo("argo");
    assertThat(WorkflowJson.labels(doc))
        .containsEntry("team", "data")
        .containsEntry("workflows.argoproj.io/phase", "Running")
        .containsEntry("workflows.argoproj.io/completed", "false");
    assertThat(doc.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(doc.path("spec").path("entrypoint").asText()).isEqualTo("main");
  }

  @Test
  void aSubmittedWorkflowLosesGoNullsServerSetMetadataAndStatus() throws Exception {
    var given =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            dev.targo.argo.Json.mapper()
                .readTree(
                    """
                    {"metadata": {"generateName": "x-", "creationTimestamp": null, "uid": "u"},
                     "spec": {"entrypoint": "main", "arguments": {},
                              "templates": [{"name": "main", "inputs": {}, "container": {
                                 "image": "a", "resources": {}, "name": "", "env": null}}]},
                     "status": {"startedAt": null}}
                    """);
    assertThat(WorkflowJson.submitted(given))
        .hasToString(
            "{\"metadata\":{\"generateName\":\"x-\"},\"spec\":{\"entrypoint\":\"main\","
                + "\"arguments\":{},\"templates\":[{\"name\":\"main\",\"inputs\":{},"
                + "\"container\":{\"image\":\"a\",\"resources\":{},\"name\":\"\"}}]}}");
    assertThat(given.has("status")).isTrue();
  }
}
