package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.Names;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockClusterExtension.class)
class KubernetesExecutorTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;
  private final List<KubernetesExecutor> closeAfter = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void closeOtherExecutors() {
    closeAfter.forEach(KubernetesExecutor::close);
  }

  @Test
  void succeededPodIsASucceededOutcomeWithTheLogAsResult() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, "hello\n"));
    PodRequest request =
        Requests.attempt("wf", Requests.container("say", List.of("echo hello")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.message()).isNull();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.result()).isEqualTo("hello");
    assertThat(outcome.podName()).isEqualTo(request.podName());
  }

  @Test
  void nonZeroExitIsFailedWithArgosMessageAndTheHostsLabel() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(3, ""));
    PodRequest request = Requests.attempt("wf", Requests.container("fail", List.of("exit 3")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.hostNodeName()).isEqualTo("host-a");
  }

  @Test
  void leavesTheFinishedPodForTheWorkflowToDelete() throws Exception {
    PodRequest request = Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);

    executor.run(request, new RecordingHeartbeat());

    assertThat(pods().withName(request.podName()).get()).isNotNull();
  }

  @Test
  void deletesANamedPodWhenAsked() throws Exception {
    PodRequest request = Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);
    executor.run(request, new RecordingHeartbeat());

    executor.delete(PodDeletion.pod(Requests.NAMESPACE, request.podName()));

    assertThat(pods().withName(request.podName()).get()).isNull();
  }

  @Test
  void deletingAPodThatIsAlreadyGoneIsNoError() throws Exception {
    executor.delete(PodDeletion.pod(Requests.NAMESPACE, "wf-gone-1"));

    assertThat(pods().list().getItems()).isEmpty();
  }

  @Test
  void deletesEveryPodOfTheWorkflowAndNoOther() throws Exception {
    PodRequest first = Requests.attempt("wf", Requests.container("a", List.of("true")), 0);
    PodRequest second = Requests.attempt("wf", Requests.container("b", List.of("true")), 1);
    PodRequest other = Requests.attempt("wf2", Requests.container("a", List.of("true")), 0);
    executor.run(first, new RecordingHeartbeat());
    executor.run(second, new RecordingHeartbeat());
    executor.run(other, new RecordingHeartbeat());

    executor.delete(PodDeletion.workflow(Requests.NAMESPACE, "wf"));

    assertThat(pods().list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(other.podName());
  }

  @Test
  void deletingByWorkflowSparesAPodNotManagedByTargo() throws Exception {
    pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("foreign")
                .withLabels(Map.of(Names.LABEL_WORKFLOW, "wf"))
                .endMetadata()
                .build())
        .create();

    executor.delete(PodDeletion.workflow(Requests.NAMESPACE, "wf"));

    assertThat(pods().withName("foreign").get()).isNotNull();
  }

  @Test
  void evictedPodIsFailedWithTheKubeletsMessage() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Evict("The node was low on resource: memory."));
    PodRequest request = Requests.attempt("wf", Requests.container("big", List.of("x")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("The node was low on resource: memory.");
  }

  @Test
  void aPodEvictedBeforeItRanIsFailedWhenRestartsAreOffAsInArgo() throws Exception {
    kubelet.behaviours(
        p -> new Behaviour.EvictBeforeStart("The node had condition: [DiskPressure]."));
    PodRequest request = Requests.attempt("wf", Requests.container("early", List.of("x")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.failedPodRestarts()).isNull();
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
  }

  @Test
  void aPodEvictedBeforeItRanIsCreatedAgainWithoutCostingTheAttempt() throws Exception {
    KubernetesExecutor restarting = restartingExecutor(3);
    PodRequest request = Requests.attempt("wf", Requests.container("early", List.of("x")), 0);
    String pod = request.podName();
    kubelet.behaviours(
        p ->
            kubelet.createdUids(pod).size() == 1
                ? new Behaviour.EvictBeforeStart("The node had condition: [DiskPressure].")
                : new Behaviour.Exit(0, "ran\n"));
    RecordingHeartbeat heartbeat = new RecordingHeartbeat();

    AttemptOutcome outcome = restarting.run(request, heartbeat);

    assertThat(outcome.phase()).as(outcome.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.result()).isEqualTo("ran");
    assertThat(outcome.failedPodRestarts()).isEqualTo(1);
    assertThat(kubelet.createdUids(pod)).hasSize(2).doesNotHaveDuplicates();
    assertThat(pods().withName(pod).get().getMetadata().getAnnotations())
        .containsEntry(PodLabels.ANNOTATION_FAILED_POD_RESTARTS, "1");
    assertThat(heartbeat.beats())
        .extracting(PodProgress::message)
        .contains("Pod auto-restarting due to Evicted: The node had condition: [DiskPressure].");
  }

  @Test
  void restartsStopAtTheLimitAndThePodFailsAsArgosDoes() throws Exception {
    KubernetesExecutor restarting = restartingExecutor(2);
    kubelet.behaviours(
        p -> new Behaviour.EvictBeforeStart("The node was low on resource: memory."));
    PodRequest request = Requests.attempt("wf", Requests.container("early", List.of("x")), 0);

    AttemptOutcome outcome = restarting.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("The node was low on resource: memory.");
    assertThat(outcome.failedPodRestarts()).isEqualTo(2);
    assertThat(kubelet.createdUids(request.podName())).hasSize(3);
  }

  @Test
  void aPodEvictedAfterItsMainContainerStartedIsNotCreatedAgain() throws Exception {
    KubernetesExecutor restarting = restartingExecutor(3);
    kubelet.behaviours(p -> new Behaviour.Evict("The node was low on resource: memory."));
    PodRequest request = Requests.attempt("wf", Requests.container("late", List.of("x")), 0);

    AttemptOutcome outcome = restarting.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.failedPodRestarts()).isNull();
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
  }

  /** An executor of the same cluster whose attempts create a failed pod again up to {@code max}. */
  private KubernetesExecutor restartingExecutor(int max) {
    KubernetesExecutor restarting =
        new KubernetesExecutor(
            KubernetesClients.fromConfig(client.getConfiguration()),
            MockCluster.settings().withFailedPodRestarts(max),
            java.time.Clock.systemUTC(),
            true);
    closeAfter.add(restarting);
    return restarting;
  }

  @Test
  void excludedHostsKeepTheAttemptOffThoseNodes() throws Exception {
    PodRequest request =
        Requests.attempt("wf", Requests.container("ok", List.of("true")), 2)
            .withExcludedHosts(List.of("host-a", "host-b"));

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.hostNodeName()).isEqualTo("host-c");
  }

  @Test
  void aTopologyExclusionReadsTheZonesOfTheFailedHostsFromTheirNodes() throws Exception {
    for (var e : Map.of("node-a", "zone-1", "node-b", "zone-1", "node-c", "zone-2").entrySet()) {
      client
          .nodes()
          .withName(e.getKey())
          .edit(
              n ->
                  new io.fabric8.kubernetes.api.model.NodeBuilder(n)
                      .editMetadata()
                      .addToLabels("topology.kubernetes.io/zone", e.getValue())
                      .endMetadata()
                      .build());
    }
    PodRequest request =
        Requests.attempt("wf", Requests.container("ok", List.of("true")), 1)
            .withTopologyExclusion(
                new dev.targo.argo.pod.TopologyExclusion(
                    "topology.kubernetes.io/zone", List.of("host-a", "host-gone"), false));

    assertThat(executor.hosts().domains(request)).isEqualTo(Map.of("host-a", "zone-1"));
  }

  @Test
  void podThatCannotBePlacedReportsTheSchedulersReasonWhileWaiting() throws Exception {
    PodRequest request =
        Requests.attempt("wf", Requests.container("ok", List.of("true")), 3)
            .withExcludedHosts(List.of("host-a", "host-b", "host-c"));
    RecordingHeartbeat heartbeat =
        new RecordingHeartbeat(p -> p.message() != null && p.message().startsWith("Unschedulable"));

    Background.run(() -> executor.run(request, heartbeat));
    heartbeat.awaitFrozen();

    assertThat(heartbeat.beats().getLast())
        .isEqualTo(
            new PodProgress(
                request.podName(),
                NodePhase.Pending,
                "Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node"
                    + " affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are"
                    + " available: 3 Preemption is not helpful for scheduling.",
                null,
                null));
  }

  @Test
  void imagePullBackOffIsReportedWhileThePodWaits() throws Exception {
    kubelet.behaviours(p -> new Behaviour.ImagePullBackOff());
    PodRequest request = Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);
    RecordingHeartbeat heartbeat =
        new RecordingHeartbeat(p -> p.message() != null && p.message().contains("BackOff"));

    Background.run(() -> executor.run(request, heartbeat));
    heartbeat.awaitFrozen();

    assertThat(heartbeat.beats().getLast().message())
        .isEqualTo("ImagePullBackOff: Back-off pulling image \"alpine:3.20\"");
    assertThat(heartbeat.beats().getLast().hostNodeName()).isEqualTo("host-a");
  }

  @Test
  void podDeletedWhileRunningIsAnErrorPodDeleted() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Hold());
    PodRequest request = Requests.attempt("wf", Requests.container("long", List.of("sleep")), 0);
    RecordingHeartbeat heartbeat = new RecordingHeartbeat();

    var outcome = Background.run(() -> executor.run(request, heartbeat));
    Poll.until(() -> heartbeat.beats().stream().anyMatch(b -> b.phase() == NodePhase.Running));
    pods().withName(request.podName()).delete();

    assertThat(outcome.get(10, TimeUnit.SECONDS).phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.get().message()).isEqualTo("pod deleted");
  }

  @Test
  void cancellationDeletesTheRunningPod() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Hold());
    PodRequest request = Requests.attempt("wf", Requests.container("long", List.of("sleep")), 0);
    RecordingHeartbeat heartbeat = new RecordingHeartbeat();
    Thread[] runner = new Thread[1];

    var outcome =
        Background.run(
            () -> {
              runner[0] = Thread.currentThread();
              return executor.run(request, heartbeat);
            });
    Poll.until(() -> heartbeat.beats().stream().anyMatch(b -> b.phase() == NodePhase.Running));
    heartbeat.cancel(new IllegalStateException("activity cancelled"));
    runner[0].interrupt();

    assertThatThrownBy(() -> outcome.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("activity cancelled");
    assertThat(pods().withName(request.podName()).get()).isNull();
  }

  @Test
  void foreignPodWithTheSameNameIsAnErrorNotAdopted() throws Exception {
    PodRequest request = Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);
    pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(request.podName())
                .addToLabels("app", "someone-else")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .build())
        .create();

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo(
            "pod "
                + request.podName()
                + " already exists and was not created by targo for this attempt");
    assertThat(pods().withName(request.podName()).get().getMetadata().getLabels())
        .containsEntry("app", "someone-else");
  }

  private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
    return client.pods().inNamespace(Requests.NAMESPACE);
  }
}
