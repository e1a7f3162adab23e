package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.runtime.TargoWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed example's strategy run by the real workflow on the Kubernetes executor against the mock
 * API server: each failed attempt's host is excluded from the next pod, so the attempts land on
 * three different nodes.
 */
@EnableKubernetesMockClient(crud = true)
class SeedWorkflowOnKubernetesTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;
  TestWorkflowEnvironment env;
  final List<PodRequest> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    kubelet = MockCluster.kubelet(server, client);
    executor = MockCluster.executor(client);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadJson.dataConverter())
                        .build())
                .build());
    PodExecutor recording =
        new PodExecutor() {
          @Override
          public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
            requests.add(request);
            return executor.run(request, heartbeat);
          }

          @Override
          public void delete(PodDeletion deletion) throws Exception {
            executor.delete(deletion);
          }
        };
    TargoWorker.register(env.getWorkerFactory(), Names.TASK_QUEUE, recording);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
    executor.close();
    kubelet.close();
  }

  @Test
  void failedAttemptsLandOnDifferentNodesAndTheExclusionsGrow() {
    // Attempts 0 and 1 fail, attempt 2 succeeds (the attempt label says which attempt a pod is).
    kubelet.behaviours(
        pod ->
            "2".equals(pod.getMetadata().getLabels().get(Names.LABEL_ATTEMPT))
                ? new Behaviour.Exit(0, "")
                : new Behaviour.Exit(1, ""));
    RetryStrategySpec seed =
        new RetryStrategySpec("10", "Always", new BackoffSpec("1", "2", null, "1m"), true, null);
    WorkflowPlan plan =
        new WorkflowPlan(
            null,
            "seed-",
            Requests.NAMESPACE,
            Map.of(),
            Map.of(),
            "main",
            List.of(),
            Map.of("main", withRetry(Requests.container("main", List.of("exit 1")), seed)),
            null,
            null,
            null);

    ArgoWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ArgoWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("seed-k8s")
                    .setTaskQueue(Names.TASK_QUEUE)
                    .build());
    WorkflowStatus status =
        workflow.run(new WorkflowRun("seed-k8s", Requests.NAMESPACE, plan, Map.of(), null));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(requests)
        .extracting(PodRequest::excludedHosts)
        .containsExactly(List.of(), List.of("host-a"), List.of("host-a", "host-b"));
    List<NodeStatus> attempts =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    assertThat(attempts)
        .extracting(NodeStatus::name, NodeStatus::phase, NodeStatus::hostNodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("seed-k8s(0)", NodePhase.Failed, "host-a"),
            org.assertj.core.groups.Tuple.tuple("seed-k8s(1)", NodePhase.Failed, "host-b"),
            org.assertj.core.groups.Tuple.tuple("seed-k8s(2)", NodePhase.Succeeded, "host-c"));
    assertThat(attempts.get(0).message()).isEqualTo("main: Error (exit code 1)");
    // Exactly one pod per attempt was created, and the workflow deleted each once it had recorded
    // the attempt's outcome.
    assertThat(requests).extracting(PodRequest::podName).doesNotHaveDuplicates();
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }

  private static dev.targo.argo.plan.Template withRetry(
      dev.targo.argo.plan.Template t, RetryStrategySpec retry) {
    return new dev.targo.argo.plan.Template(
        t.name(),
        t.body(),
        t.inputs(),
        retry,
        t.activeDeadlineSeconds(),
        t.timeout(),
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName());
  }
}
