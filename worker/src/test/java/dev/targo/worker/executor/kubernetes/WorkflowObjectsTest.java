package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.argo.Templating;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code volumeClaimTemplates} and {@code podDisruptionBudget} against the mock API server: the
 * claim {@code <workflow>-<name>} is made before the first pod that mounts it (Argo's {@code
 * createPVCs}), shared by later pods, and a claim of that name that another workflow made is
 * refused as Argo refuses it; the budget is named after the workflow and selects its pods ({@code
 * createPDBResource}).
 */
@ExtendWith(MockClusterExtension.class)
class WorkflowObjectsTest {
  KubernetesClient client;
  KubernetesExecutor executor;

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {name: wf}
      spec:
        entrypoint: write
        podDisruptionBudget:
          minAvailable: 9999
        volumeClaimTemplates:
        - metadata: {name: workdir}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
        templates:
        - name: write
          container:
            image: alpine:3.20
            command: [sh, -c]
            args: ["true"]
            volumeMounts:
            - {name: workdir, mountPath: /mnt/vol}
      """;

  @Test
  void theClaimIsCreatedBeforeThePodWithTheWorkflowsNameAndLabels() throws Exception {
    AttemptOutcome outcome = executor.run(attempt(0), new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    PersistentVolumeClaim claim = claim("wf-workdir");
    assertThat(claim).isNotNull();
    assertThat(claim.getMetadata().getLabels())
        .containsEntry(Names.LABEL_WORKFLOW, "wf")
        .containsEntry(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE);
    assertThat(claim.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("1Gi"));
    assertThat(
            client
                .pods()
                .inNamespace(Requests.NAMESPACE)
                .withName(attempt(0).podName())
                .get()
                .getSpec()
                .getVolumes()
                .get(0)
                .getPersistentVolumeClaim()
                .getClaimName())
        .isEqualTo("wf-workdir");
  }

  @Test
  void aLaterPodOfTheWorkflowUsesTheSameClaim() throws Exception {
    executor.run(attempt(0), new RecordingHeartbeat());

    AttemptOutcome second = executor.run(attempt(1), new RecordingHeartbeat());

    assertThat(second.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(client.persistentVolumeClaims().inNamespace(Requests.NAMESPACE).list().getItems())
        .hasSize(1);
  }

  @Test
  void aClaimOfThatNameMadeForAnotherWorkflowEndsTheAttemptInError() throws Exception {
    client
        .persistentVolumeClaims()
        .inNamespace(Requests.NAMESPACE)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("wf-workdir")
                .addToLabels(Names.LABEL_WORKFLOW, "someone-else")
                .endMetadata()
                .build())
        .create();

    AttemptOutcome outcome = executor.run(attempt(0), new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo("wf-workdir pvc already exists with different ownerreference");
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void theBudgetIsNamedAfterTheWorkflowAndSelectsItsPods() throws Exception {
    executor.run(attempt(0), new RecordingHeartbeat());

    PodDisruptionBudget budget =
        client
            .policy()
            .v1()
            .podDisruptionBudget()
            .inNamespace(Requests.NAMESPACE)
            .withName("wf")
            .get();
    assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(9999);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .containsExactly(Map.entry(Names.LABEL_WORKFLOW, "wf"));
    assertThat(budget.getMetadata().getLabels())
        .containsEntry(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE);
  }

  private PersistentVolumeClaim claim(String name) {
    return client.persistentVolumeClaims().inNamespace(Requests.NAMESPACE).withName(name).get();
  }

  private static PodRequest attempt(int attempt) {
    Translation t = Translator.translate("wf.yaml", YAML);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    WorkflowPlan plan = ((Translation.Ok) t).plan();
    return Requests.attempt("wf", Templating.substitute(plan.template("write"), Map.of()), attempt);
  }
}
