package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.runtime.TemporalWorkflowStates;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The leftover-pod sweeper against the mock API server and Temporal's test server: pods of
 * workflows that were terminated, timed out, cancelled or are gone are deleted; pods of running,
 * completed and failed workflows, and pods targo does not manage, stay.
 */
@ExtendWith(MockClusterExtension.class)
class PodSweeperTest {
  private static final String STATES_QUEUE = "states";

  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;
  TestWorkflowEnvironment env;
  final AtomicInteger deletedCount = new AtomicInteger();

  /** A workflow that completes, fails or sleeps for a day, as told. */
  @WorkflowInterface
  public interface Shaped {
    @WorkflowMethod
    void run(String how);
  }

  public static class ShapedImpl implements Shaped {
    @Override
    public void run(String how) {
      switch (how) {
        case "complete" -> {}
        case "fail" -> throw ApplicationFailure.newNonRetryableFailure("failed", "Test");
        default -> Workflow.sleep(Duration.ofDays(1));
      }
    }
  }

  @BeforeEach
  void setUp() {
    env = Harness.environment();
    env.newWorker(STATES_QUEUE).registerWorkflowImplementationTypes(ShapedImpl.class);
    TargoWorker.register(env.getWorkerFactory(), Names.TASK_QUEUE, executor);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void deletesThePodsOfTerminatedTimedOutCancelledAndVanishedWorkflowsOnly() throws Exception {
    start("running", "sleep", null);
    finish(start("completed", "complete", null));
    finish(start("failed", "fail", null));
    WorkflowStub.fromTyped(start("terminated", "sleep", null)).terminate("by hand");
    WorkflowStub cancelled = WorkflowStub.fromTyped(start("cancelled", "sleep", null));
    cancelled.cancel();
    finish(cancelled);
    finish(start("timed-out", "sleep", Duration.ofSeconds(2)));
    for (String wf :
        List.of("running", "completed", "failed", "terminated", "cancelled", "timed-out", "gone")) {
      createPod(wf + "-pod-1", wf, true);
      createPod(wf + "-pod-2", wf, true);
    }
    createPod("not-ours", "terminated", false);

    PodSweeper.Sweep sweep = sweeper().sweepOnce();

    assertThat(podNames())
        .containsExactlyInAnyOrder(
            "running-pod-1",
            "running-pod-2",
            "completed-pod-1",
            "completed-pod-2",
            "failed-pod-1",
            "failed-pod-2",
            "not-ours");
    assertThat(sweep).isEqualTo(new PodSweeper.Sweep(7, 8));
    assertThat(deletedCount).hasValue(8);
  }

  @Test
  void deletesTheVolumeClaimsOfSucceededAndEndedWorkflowsAndKeepsAFailedOnesAsArgoOnSuccess()
      throws Exception {
    finish(start("completed", "complete", null));
    finish(start("failed", "fail", null));
    WorkflowStub.fromTyped(start("terminated", "sleep", null)).terminate("by hand");
    // Started last: waiting for the others skips the test server's time past its sleep.
    start("running", "sleep", null);
    for (String wf : List.of("running", "completed", "failed", "terminated", "gone")) {
      createClaim(wf + "-workdir", wf);
    }

    sweeper().sweepOnce();

    assertThat(
            client
                .persistentVolumeClaims()
                .inNamespace(Requests.NAMESPACE)
                .list()
                .getItems()
                .stream()
                .map(c -> c.getMetadata().getName()))
        .containsExactlyInAnyOrder("running-workdir", "failed-workdir");
  }

  @Test
  void deletesTheDisruptionBudgetOfEveryWorkflowThatHasEnded() throws Exception {
    finish(start("completed", "complete", null));
    finish(start("failed", "fail", null));
    start("running", "sleep", null);
    for (String wf : List.of("running", "completed", "failed", "gone")) {
      client
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace(Requests.NAMESPACE)
          .resource(
              new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                  .withNewMetadata()
                  .withName(wf)
                  .addToLabels(Names.LABEL_WORKFLOW, wf)
                  .addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                  .endMetadata()
                  .build())
          .create();
    }

    sweeper().sweepOnce();

    assertThat(
            client
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(Requests.NAMESPACE)
                .list()
                .getItems()
                .stream()
                .map(b -> b.getMetadata().getName()))
        .containsExactly("running");
  }

  @Test
  void deletesTheOwnerAnchorOnlyOnceTheWorkflowsRecordIsGone() throws Exception {
    finish(start("completed", "complete", null));
    finish(start("failed", "fail", null));
    start("running", "sleep", null);
    for (String wf : List.of("running", "completed", "failed", "gone")) {
      createConfigMap(wf + "-owner", wf, true);
    }
    // A managed ConfigMap that is no anchor (a memoization cache) is not the sweeper's to delete.
    createConfigMap("gone-cache", "gone", false);

    sweeper().sweepOnce();

    assertThat(
            client.configMaps().inNamespace(Requests.NAMESPACE).list().getItems().stream()
                .map(c -> c.getMetadata().getName()))
        .containsExactlyInAnyOrder(
            "running-owner", "completed-owner", "failed-owner", "gone-cache");
  }

  private void createConfigMap(String name, String workflow, boolean anchor) {
    client
        .configMaps()
        .inNamespace(Requests.NAMESPACE)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withMetadata(
                    new io.fabric8.kubernetes.api.model.ObjectMetaBuilder(managed(name, workflow))
                        .addToLabels(
                            anchor ? Map.of(WorkflowObjects.LABEL_OWNER_ANCHOR, "true") : Map.of())
                        .build())
                .build())
        .create();
  }

  private void createClaim(String name, String workflow) {
    client
        .persistentVolumeClaims()
        .inNamespace(Requests.NAMESPACE)
        .resource(
            new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withMetadata(managed(name, workflow))
                .build())
        .create();
  }

  /** The metadata of an object of {@code workflow} that targo manages. */
  private static io.fabric8.kubernetes.api.model.ObjectMeta managed(String name, String workflow) {
    return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(name)
        .addToLabels(Names.LABEL_WORKFLOW, workflow)
        .addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
        .build();
  }

  @Test
  void theRunningPodOfAWorkflowTerminatedFromTemporalIsDeletedByTheNextSweep() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Hold());
    ArgoWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ArgoWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("held")
                    .setTaskQueue(Names.TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        workflow::run, new WorkflowRun("held", Requests.NAMESPACE, plan(), Map.of(), null));
    Poll.until(() -> podNames().size() == 1);

    WorkflowStub.fromTyped(workflow).terminate("from Temporal, no workflow code runs");
    sweeper().sweepOnce();

    assertThat(podNames()).isEmpty();
  }

  @Test
  void aStartedSweeperSweepsEveryInterval() throws Exception {
    createPod("gone-pod-1", "gone", true);

    try (PodSweeper sweeper = sweeper()) {
      sweeper.start(Duration.ofMillis(50));
      Poll.until(() -> deletedCount.get() == 1);
    }
    assertThat(podNames()).isEmpty();
  }

  private PodSweeper sweeper() {
    return new PodSweeper(
        executor,
        new TemporalWorkflowStates(env.getWorkflowServiceStubs(), env.getNamespace()),
        deletedCount::addAndGet);
  }

  private Shaped start(String id, String how, Duration timeout) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(STATES_QUEUE);
    if (timeout != null) {
      options.setWorkflowExecutionTimeout(timeout);
    }
    Shaped workflow = env.getWorkflowClient().newWorkflowStub(Shaped.class, options.build());
    WorkflowClient.start(workflow::run, how);
    return workflow;
  }

  /** Waits (skipping time) until the workflow has ended, however it ended. */
  private static void finish(Shaped workflow) {
    finish(WorkflowStub.fromTyped(workflow));
  }

  private static void finish(WorkflowStub stub) {
    try {
      stub.getResult(Void.class);
    } catch (RuntimeException ended) {
      // failed, cancelled or timed out: what the test wants
    }
  }

  private void createPod(String name, String workflow, boolean managed) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(Names.LABEL_WORKFLOW, workflow)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("main")
            .withImage("alpine:3.20")
            .endContainer()
            .endSpec();
    if (managed) {
      pod.editMetadata().addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE).endMetadata();
    }
    client.pods().inNamespace(Requests.NAMESPACE).resource(pod.build()).create();
  }

  private List<String> podNames() {
    return client.pods().inNamespace(Requests.NAMESPACE).list().getItems().stream()
        .map(Pod::getMetadata)
        .map(m -> m.getName())
        .toList();
  }

  private static WorkflowPlan plan() {
    return new WorkflowPlan(
        null,
        "held-",
        Requests.NAMESPACE,
        Map.of(),
        Map.of(),
        "main",
        List.of(),
        Map.of("main", Requests.container("main", List.of("sleep 600"))),
        null,
        null,
        null);
  }
}
