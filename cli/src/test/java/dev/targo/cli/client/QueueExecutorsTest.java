package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueExecutorsTest {
  private static final List<String> KUBERNETES =
      List.of("1@a (targo kubernetes executor)", "2@b (targo kubernetes executor)");
  private static final List<String> LOCAL = List.of("3@c (targo local executor)");

  private static WorkflowPlan plan(String template) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: w}
        spec:
          entrypoint: main
          templates:
          - name: main
        """
            + template.indent(4);
    return ((Translation.Ok) Translator.translate("w.yaml", yaml)).plan();
  }

  private static final WorkflowPlan ARTIFACTS =
      plan(
          """
          container: {image: alpine}
          outputs:
            artifacts:
            - {name: out, path: /tmp/out, s3: {key: k}}
          """);

  private static final WorkflowPlan ARCHIVE_LOGS =
      plan(
          """
          container: {image: alpine}
          archiveLocation: {archiveLogs: true}
          """);

  private static final WorkflowPlan RESOURCE =
      plan(
          """
          resource:
            action: create
            manifest: "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"
          """);

  @Test
  void aQueueOfEitherExecutorTakesArtifactsAndArchiveLogs() {
    for (WorkflowPlan plan : List.of(ARTIFACTS, ARCHIVE_LOGS)) {
      assertThat(QueueExecutors.needsSome(plan)).isFalse();
      assertThat(QueueExecutors.refusal(plan, "targo", KUBERNETES)).isEmpty();
      assertThat(QueueExecutors.refusal(plan, "targo", LOCAL)).isEmpty();
    }
  }

  @Test
  void aQueueOnlyLocalWorkersPollRefusesResourceTemplates() {
    assertThat(QueueExecutors.refusal(RESOURCE, "targo", LOCAL))
        .contains(
            "UNSUPPORTED `resource` templates are valid Argo but not supported by targo's local"
                + " executor yet, which every worker of task queue targo runs; run the workflow on"
                + " a worker with --executor kubernetes (docs/DESIGN.md §21)");
    assertThat(QueueExecutors.refusal(RESOURCE, "targo", KUBERNETES)).isEmpty();
  }

  @Test
  void aQueueWithTheRightWorkerOrNoTargoWorkerTakesThem() {
    assertThat(
            QueueExecutors.refusal(
                RESOURCE,
                "targo",
                List.of("1@a (targo kubernetes executor)", "2@b (targo local executor)")))
        .isEmpty();
    assertThat(QueueExecutors.refusal(RESOURCE, "targo", List.of())).isEmpty();
    assertThat(QueueExecutors.refusal(RESOURCE, "targo", List.of("3@c"))).isEmpty();
  }

  @Test
  void aPlanThatNeedsNothingSpecialIsNeverRefused() {
    WorkflowPlan plain = plan("container: {image: alpine}\n");
    assertThat(QueueExecutors.needsSome(plain)).isFalse();
    assertThat(QueueExecutors.refusal(plain, "targo", LOCAL)).isEmpty();
    assertThat(QueueExecutors.needsSome(RESOURCE)).isTrue();
  }
}
