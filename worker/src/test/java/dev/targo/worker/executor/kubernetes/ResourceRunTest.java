package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resource attempts against fabric8's mock API server in CRUD mode, with the discovery of core
 * {@code v1} answered as a real server does: what each action does to the object, how a retried
 * call adopts what its attempt created, and what ends an attempt Failed (Argo's resource pod exits
 * 1 with the message).
 */
@ExtendWith(MockClusterExtension.class)
class ResourceRunTest {
  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesExecutor executor;

  @BeforeEach
  void discovery() {
    server
        .expect()
        .get()
        .withPath("/api/v1")
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion("v1")
                .addNewResource()
                .withName("configmaps")
                .withKind("ConfigMap")
                .withNamespaced(true)
                .withVerbs("create", "get", "list", "patch", "update", "delete")
                .endResource()
                .addNewResource()
                .withName("configmaps/status")
                .withKind("ConfigMap")
                .withNamespaced(true)
                .endResource()
                .build())
        .always();
  }

  private static PodRequest attempt(
      String workflow, TemplateBody.ResourceBody body, List<OutputParameter> outputs) {
    Template template =
        new Template(
            "res", body, null, null, null, null, null, null, null, null, null, null, outputs, null,
            null, null);
    return Requests.attempt(workflow, template, 0);
  }

  private static TemplateBody.ResourceBody body(
      String action, String manifest, String success, String failure) {
    return new TemplateBody.ResourceBody(action, null, manifest, success, failure);
  }

  private static final String MAP_C =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: c
      data:
        state: new
      """;

  private static final OutputParameter UID =
      new OutputParameter("uid", null, null, null, null, null, null, null, "{.metadata.uid}");

  private ConfigMap map(String name) {
    return client.configMaps().inNamespace(Requests.NAMESPACE).withName(name).get();
  }

  private void put(String name, Map<String, String> data) {
    client
        .configMaps()
        .inNamespace(Requests.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withData(data)
                .build())
        .createOr(r -> r.update());
  }

  @Test
  void aRetriedCreateAdoptsTheObjectItsAttemptCreatedInsteadOfFailing() throws Exception {
    PodRequest create = attempt("wf", body("create", MAP_C, null, null), List.of(UID));

    AttemptOutcome first = executor.run(create, new RecordingHeartbeat());
    AttemptOutcome retried = executor.run(create, new RecordingHeartbeat());

    assertThat(first.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(first.exitCode()).isZero();
    assertThat(retried.phase()).isEqualTo(NodePhase.Succeeded);
    String uid = map("c").getMetadata().getUid();
    assertThat(first.outputParameters()).containsExactly(Map.entry("uid", uid));
    assertThat(retried.outputParameters()).containsExactly(Map.entry("uid", uid));
    assertThat(map("c").getMetadata().getLabels())
        .containsEntry(ResourceRun.LABEL_ATTEMPT, create.podName());
    assertThat(client.configMaps().inNamespace(Requests.NAMESPACE).list().getItems()).hasSize(1);
  }

  @Test
  void setOwnerReferenceMakesTheWorkflowsAnchorTheControllerOfEachObjectItWrites()
      throws Exception {
    String other = MAP_C.replace("name: c", "name: d");
    TemplateBody.ResourceBody owned =
        new TemplateBody.ResourceBody("create", null, MAP_C, null, null, true);
    // A second step of the workflow: the anchor made by the first is used again.
    TemplateBody.ResourceBody second =
        new TemplateBody.ResourceBody("create", null, other, null, null, true);

    assertThat(executor.run(attempt("wf", owned, List.of()), p -> {}).phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(executor.run(attempt("wf", second, List.of()), p -> {}).phase())
        .isEqualTo(NodePhase.Succeeded);

    ConfigMap anchor = map("wf-owner");
    assertThat(anchor.getMetadata().getLabels())
        .containsEntry("workflows.argoproj.io/workflow", "wf")
        .containsEntry(WorkflowObjects.LABEL_OWNER_ANCHOR, "true");
    assertThat(anchor.getMetadata().getUid()).isNotBlank();
    for (String name : List.of("c", "d")) {
      assertThat(map(name).getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(
              ref -> {
                assertThat(ref.getApiVersion()).isEqualTo("v1");
                assertThat(ref.getKind()).isEqualTo("ConfigMap");
                assertThat(ref.getName()).isEqualTo("wf-owner");
                assertThat(ref.getUid()).isEqualTo(anchor.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getBlockOwnerDeletion()).isTrue();
              });
    }
  }

  @Test
  void withoutSetOwnerReferenceNoAnchorIsMadeAndTheObjectHasNoOwner() throws Exception {
    assertThat(
            executor
                .run(attempt("wf", body("create", MAP_C, null, null), List.of()), p -> {})
                .phase())
        .isEqualTo(NodePhase.Succeeded);

    assertThat(map("c").getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(map("wf-owner")).isNull();
  }

  @Test
  void aConfigMapNamedAsTheAnchorThatIsNotOneFailsTheAttemptWithoutActing() throws Exception {
    put("wf-owner", Map.of("state", "theirs"));
    TemplateBody.ResourceBody owned =
        new TemplateBody.ResourceBody("create", null, MAP_C, null, null, true);

    AttemptOutcome outcome = executor.run(attempt("wf", owned, List.of()), p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message())
        .isEqualTo(
            "configmaps \"wf-owner\" is not the owner anchor of workflow wf: setOwnerReference"
                + " needs that name");
    assertThat(map("c")).isNull();
  }

  @Test
  void creatingAnObjectSomeoneElseMadeFailsWithTheServersWords() throws Exception {
    put("c", Map.of("state", "theirs"));

    AttemptOutcome outcome =
        executor.run(attempt("wf", body("create", MAP_C, null, null), List.of()), p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.message()).contains("already exists");
    assertThat(map("c").getData()).containsEntry("state", "theirs");
  }

  @Test
  void getOfAnAbsentObjectFailsAsKubectlSaysIt() throws Exception {
    AttemptOutcome outcome =
        executor.run(attempt("wf", body("get", MAP_C, null, null), List.of()), p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("configmaps \"c\" not found");
  }

  @Test
  void aKindTheServerDoesNotServeFailsWithoutActing() throws Exception {
    String widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n";

    AttemptOutcome outcome =
        executor.run(attempt("wf", body("create", widget, null, null), List.of()), p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message())
        .isEqualTo("no matches for kind \"Widget\" in version \"example.com/v1\"");
  }

  @Test
  void aMergePatchChangesTheObjectAndADeleteRemovesItAndIgnoresItsAbsence() throws Exception {
    put("c", Map.of("state", "new", "other", "kept"));
    String patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  state: done\n";

    AttemptOutcome patched =
        executor.run(
            attempt(
                "wf",
                new TemplateBody.ResourceBody("patch", "merge", patch, null, null),
                List.of()),
            p -> {});
    assertThat(patched.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(map("c").getData()).containsEntry("state", "done").containsEntry("other", "kept");

    PodRequest delete = attempt("wf", body("delete", MAP_C, null, null), List.of());
    assertThat(executor.run(delete, p -> {}).phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(map("c")).isNull();
    assertThat(executor.run(delete, p -> {}).phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aFailureConditionThatHoldsFailsTheAttemptWithArgosMessage() throws Exception {
    put("c", Map.of("state", "broken"));

    AttemptOutcome outcome =
        executor.run(
            attempt(
                "wf", body("get", MAP_C, "data.state == done", "data.state == broken"), List.of()),
            p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message())
        .isEqualTo("failure condition 'data.state==broken' evaluated true");
  }

  @Test
  void aSuccessConditionWaitsWithHeartbeatsUntilAnotherWriterChangesTheObject() throws Exception {
    put("c", Map.of("state", "new"));
    RecordingHeartbeat heartbeat = new RecordingHeartbeat();
    PodRequest wait = attempt("wf", body("get", MAP_C, "data.state == done", null), List.of(UID));

    CompletableFuture<AttemptOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return executor.run(wait, heartbeat);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    while (heartbeat.beats().isEmpty()) {
      Thread.sleep(50);
    }
    assertThat(outcome).isNotDone();
    put("c", Map.of("state", "done"));

    AttemptOutcome done = outcome.get(30, TimeUnit.SECONDS);
    assertThat(done.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(done.outputParameters()).containsKey("uid");
    PodProgress beat = heartbeat.beats().getFirst();
    assertThat(beat.phase()).isEqualTo(NodePhase.Running);
    assertThat(beat.message()).isEqualTo("waiting for configmaps/c");
    assertThat(beat.podName()).isEqualTo(wait.podName());
  }
}
