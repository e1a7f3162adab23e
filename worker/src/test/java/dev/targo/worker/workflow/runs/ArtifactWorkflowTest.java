package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.artifact.ArtifactRepository;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import dev.targo.worker.artifact.ObjectStore;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.EnvClock;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.workflow.WorkerSettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts through the whole worker: the workflow, the local executor and the embedded s3proxy. An
 * output passes from one task to the next by reference; an input that cannot be loaded ends its
 * attempt in Error, which the retry strategy retries.
 */
class ArtifactWorkflowTest {
  private static final String WF = "art";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  @TempDir Path storeDir;

  private static WorkflowPlan plan(String yaml) {
    Translation t = Translator.translate("wf.yaml", yaml);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    return ((Translation.Ok) t).plan();
  }

  private Harness harness(ArtifactRepository repository) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        LocalExecutor.ownRootsAvailable(),
        "artifacts need bubblewrap (scripts/install-bubblewrap)");
    ArtifactStaging staging = harnesses.closeAfter(new ArtifactStaging(repository, null));
    return harnesses.start(
        env ->
            harnesses.closeAfter(
                new LocalExecutor(
                    new LocalExecutorOptions(
                        1,
                        Names.DEFAULT_HOSTNAME_LABEL,
                        null,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        1000,
                        new EnvClock(env::currentTimeMillis)),
                    staging)),
        WorkerSettings.defaults(null));
  }

  private ArtifactRepository embedded() throws Exception {
    return harnesses.closeAfter(EmbeddedObjectStore.start(storeDir)).repository();
  }

  private static List<NodeStatus> pods(WorkflowStatus status) {
    return status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
  }

  @Test
  void anOutputPassesToTheNextTaskByReference() throws Exception {
    WorkflowStatus status =
        harness(embedded())
            .runToEnd(
                Plans.run(
                    WF,
                    plan(
                        """
                        apiVersion: argoproj.io/v1alpha1
                        kind: Workflow
                        metadata: {name: art}
                        spec:
                          entrypoint: main
                          templates:
                          - name: main
                            dag:
                              tasks:
                              - {name: make, template: make}
                              - name: read
                                template: read
                                depends: make
                                arguments:
                                  artifacts:
                                  - {name: in, from: "{{tasks.make.outputs.artifacts.out}}"}
                          - name: make
                            podSpecPatch: '{"containers":[{"name":"main","env":[{"name":"W","value":"passed"}]}]}'
                            container:
                              image: alpine
                              command: [sh, -c, "mkdir -p /work/d && echo $W > /work/d/f"]
                            outputs:
                              artifacts: [{name: out, path: /work/d}]
                          - name: read
                            inputs:
                              artifacts: [{name: in, path: /data/in}]
                            container:
                              image: alpine
                              command: [cat, "{{inputs.artifacts.in.path}}/f"]
                        """)));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus make =
        status.nodes().values().stream()
            .filter(n -> n.displayName().equals("make"))
            .findFirst()
            .orElseThrow();
    NodeStatus read =
        status.nodes().values().stream()
            .filter(n -> n.displayName().equals("read"))
            .findFirst()
            .orElseThrow();
    assertThat(make.outputs().artifacts()).hasSize(1);
    assertThat(make.outputs().artifacts().getFirst().s3().key())
        .isEqualTo("art/" + make.podName() + "/out.tgz");
    assertThat(read.outputs().result()).isEqualTo("passed");
  }

  @Test
  void archiveLogsSavesTheMainContainersLogAsMainLogs() throws Exception {
    ArtifactRepository repository = embedded();
    WorkflowStatus status =
        harness(repository)
            .runToEnd(
                Plans.run(
                    WF,
                    plan(
                        """
                        apiVersion: argoproj.io/v1alpha1
                        kind: Workflow
                        metadata: {name: art}
                        spec:
                          entrypoint: say
                          archiveLogs: true
                          templates:
                          - name: say
                            container:
                              image: alpine
                              command: [echo, "hello log"]
                        """)));

    NodeStatus pod = pods(status).getFirst();
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(pod.outputs().artifacts())
        .extracting(a -> a.name(), a -> a.path(), a -> a.s3().key())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "main-logs", null, "art/" + pod.podName() + "/main.log"));
    Path log = storeDir.resolve("downloaded.log");
    try (ObjectStore store = ObjectStore.of(repository)) {
      store.get(repository.bucket(), pod.outputs().artifacts().getFirst().s3().key(), log);
    }
    assertThat(log).hasContent("hello log");
  }

  @Test
  void anArtifactRepositoryRefThatNamesNoConfigMapEndsTheAttemptInError() throws Exception {
    WorkflowStatus status =
        harness(embedded())
            .runToEnd(
                Plans.run(
                    WF,
                    plan(
                        """
                        apiVersion: argoproj.io/v1alpha1
                        kind: Workflow
                        metadata: {name: art}
                        spec:
                          entrypoint: make
                          artifactRepositoryRef: {configMap: elsewhere, key: k}
                          templates:
                          - name: make
                            container:
                              image: alpine
                              command: [sh, -c, "echo x > /tmp/x"]
                            outputs:
                              artifacts: [{name: x, path: /tmp/x}]
                        """)));

    assertThat(pods(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                NodePhase.Error,
                "error in getting artifact repository: configmaps \"elsewhere\" not found (give"
                    + " it to the worker with --config-map FILE)"));
  }

  private static final String MISSING_INPUT =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {name: art}
      spec:
        entrypoint: read
        templates:
        - name: read
          retryStrategy: {limit: "2", retryPolicy: Always}
          inputs:
            artifacts:
            - {name: data, path: /data/in, s3: {key: no/such/key}}
          container:
            image: alpine
            command: [cat, /data/in]
      """;

  @Test
  void anInputThatCannotBeLoadedEndsEachAttemptInErrorAndIsRetriedPerPolicy() throws Exception {
    WorkflowStatus status = harness(embedded()).runToEnd(Plans.run(WF, plan(MISSING_INPUT)));

    assertThat(pods(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsOnly(
            org.assertj.core.groups.Tuple.tuple(
                NodePhase.Error, "artifact data failed to load: The specified key does not exist."))
        .hasSize(3);
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
  }

  @Test
  void aStoreThatIsDownEndsEachAttemptInErrorAndIsRetriedPerPolicy() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ArtifactRepository down =
        new ArtifactRepository("127.0.0.1:" + port, "b", null, true, null, "a", "s");

    WorkflowStatus status = harness(down).runToEnd(Plans.run(WF, plan(MISSING_INPUT)));

    assertThat(pods(status)).hasSize(3);
    assertThat(pods(status))
        .allSatisfy(
            pod -> {
              assertThat(pod.phase()).isEqualTo(NodePhase.Error);
              assertThat(pod.message()).startsWith("artifact data failed to load: ");
            });
  }
}
