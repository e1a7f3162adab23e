package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A workflow retried past a run's length keeps what clients read of it: the submitted YAML in the
 * memo of its latest run, and {@code ArgoAttempts} counting every attempt, dropped ones included.
 */
class LongRunVisibilityTest {
  private static final int ATTEMPTS = 150;

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  @Test
  void theLatestRunKeepsTheYamlAndCountsEveryAttempt() {
    Harness harness = harnesses.start(ScriptedExecutor.failingUntil(ATTEMPTS - 1));
    harness.env.registerSearchAttribute(
        Names.SA_TEMPLATE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    harness.env.registerSearchAttribute(
        Names.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    harness.env.registerSearchAttribute(Names.SA_ATTEMPTS, IndexedValueType.INDEXED_VALUE_TYPE_INT);
    harness.env.registerSearchAttribute(
        Names.SA_NAMESPACE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    ArgoWorkflow workflow =
        harness.start(
            Plans.run("forever", Plans.plan(Plans.container("forever", Plans.retryForever(), "x"))),
            WorkflowOptions.newBuilder()
                .setMemo(Map.of(Names.MEMO_YAML, "kind: Workflow\n"))
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(SearchAttributeKey.forKeyword(Names.SA_TEMPLATE), "forever")
                        .build()));

    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.runs("forever")).hasSize(2);
    WorkflowExecutionDescription latest =
        harness.client().newUntypedWorkflowStub("forever").describe();
    assertThat(latest.getMemo(Names.MEMO_YAML, String.class)).isEqualTo("kind: Workflow\n");
    assertThat(latest.getTypedSearchAttributes().get(SearchAttributeKey.forLong(Names.SA_ATTEMPTS)))
        .isEqualTo((long) ATTEMPTS);
  }
}
