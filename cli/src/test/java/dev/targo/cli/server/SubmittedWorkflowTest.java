package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.Json;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import org.junit.jupiter.api.Test;

class SubmittedWorkflowTest {

  private static SubmittedWorkflow of(String body) throws Exception {
    return SubmittedWorkflow.of("argo", Json.mapper().readTree(body), TemplateLookup.NONE);
  }

  @Test
  void aWorkflowRunsInThePathsNamespace() throws Exception {
    SubmittedWorkflow s =
        of(
            """
            {"workflow": {"metadata": {"generateName": "x-", "namespace": "elsewhere"},
             "spec": {"entrypoint": "main", "templates": [{"name": "main",
               "container": {"image": "alpine:3", "command": ["true"]}}]}}}
            """);
    assertThat(s.translation()).isInstanceOf(Translation.Ok.class);
    assertThat(((Translation.Ok) s.translation()).plan().namespace()).isEqualTo("argo");
    assertThat(s.workflow().path("kind").asText()).isEqualTo("Workflow");
    assertThat(s.document().text()).contains("namespace: \"argo\"");
  }

  @Test
  void problemsHaveTheirPositionsInTheWorkflowAsYaml() throws Exception {
    SubmittedWorkflow s =
        of(
            """
            {"workflow": {"metadata": {"generateName": "x-"},
             "spec": {"entrypoint": "main", "templates": [{"name": "main",
               "container": {"image": "a", "comand": ["x"]}}]}}}
            """);
    Translation.Failed failed = (Translation.Failed) s.translation();
    assertThat(SubmittedWorkflow.problems(failed.problems(), "nothing was started"))
        .hasMessage(
            "1 problem found, nothing was started:\n"
                + "workflow.yaml:10:7: UNKNOWN_FIELD unknown field `comand` in container; did you"
                + " mean `command`?");
  }

  @Test
  void aBodyWithoutAWorkflowOrWithATemplateIsRefused() {
    assertThatThrownBy(() -> of("{\"serverDryRun\": true}"))
        .isInstanceOf(ApiError.class)
        .hasMessage("the body has no workflow object");
    assertThatThrownBy(() -> of("{\"workflow\": {\"kind\": \"WorkflowTemplate\"}}"))
        .isInstanceOf(ApiError.class)
        .hasMessage("the body's workflow is not a Workflow");
  }
}
