package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import dev.targo.worker.artifact.ObjectStore;
import dev.targo.worker.nodeagent.Fault;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * targo's Kubernetes path against a real control plane: etcd, kube-apiserver (RBAC, audit log) and
 * kube-scheduler built from their Go modules and started by scripts/kube-up, {@code targo
 * node-agent} playing the kubelet of three EC2-style nodes in two zones, {@code temporal server
 * start-dev}, and {@code targo worker --executor kubernetes} as a process of its own with the
 * identity deploy/ grants (the ServiceAccount targo/targo-worker, through a TCP proxy the tests can
 * cut). Workflows go through {@code targo submit --wait}. Skipped, with the reason printed, where
 * the binaries cannot be built (no Go).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealKubernetesIT {
  private static final Path EXAMPLES = KubeControlPlane.ROOT.resolve("examples");
  private static final String WORKER_USER = "system:serviceaccount:targo:targo-worker";

  @TempDir static Path dir;

  private KubeControlPlane plane;
  private TargoProcess agent;
  private TemporalDevServer temporal;
  private TcpProxy proxy;
  private TargoProcess worker;
  private EmbeddedObjectStore store;
  private Path repositoryFile;

  /**
   * The artifact repository on the store: its credentials in the Secret {@code artifact-store} of
   * namespace targo, which the repository names (Argo's layout) and only the pods read.
   */
  private Path artifactRepository() throws java.io.IOException {
    plane
        .admin
        .secrets()
        .inNamespace("targo")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("artifact-store")
                .endMetadata()
                .addToStringData("accesskey", store.repository().accessKey())
                .addToStringData("secretkey", store.repository().secretKey())
                .build())
        .create();
    Path file = dir.resolve("artifact-repository.yaml");
    Files.writeString(
        file,
        """
        s3:
          endpoint: %s
          bucket: %s
          insecure: true
          accessKeySecret: {name: artifact-store, key: accesskey}
          secretKeySecret: {name: artifact-store, key: secretkey}
        """
            .formatted(store.repository().endpoint(), EmbeddedObjectStore.BUCKET));
    return file;
  }

  @BeforeAll
  void start() throws Exception {
    Optional<String> why = KubeControlPlane.unavailable();
    if (why.isEmpty() && TemporalDevServer.unavailable().isPresent()) {
      KubeControlPlane.Run r =
          KubeControlPlane.script(List.of("scripts/install-temporal-cli"), 1800);
      why = r.code() == 0 ? TemporalDevServer.unavailable() : Optional.of(r.output().strip());
    }
    why.ifPresent(
        reason -> {
          System.err.println("RealKubernetesIT skipped: " + reason);
          Assumptions.abort(reason);
        });
    plane = KubeControlPlane.start(dir.resolve("kube"));
    store = EmbeddedObjectStore.start(dir.resolve("store"));
    repositoryFile = artifactRepository();
    agent = startAgent(plane, dir);
    temporal = TemporalDevServer.start(Files.createDirectories(dir.resolve("temporal")));
    proxy = new TcpProxy(plane.apiserverPort());
    worker = startWorker("targo-worker", "worker.log", 2000);
  }

  /** A node agent for the control plane's three nodes, ready. */
  static TargoProcess startAgent(KubeControlPlane plane, Path dir) throws Exception {
    // The init and wait containers of pods with artifacts run `targo` from the node's PATH.
    String path = TargoProcess.binFolder(dir) + ":" + System.getenv("PATH");
    return TargoProcess.start(
            dir.resolve("node-agent.log"),
            Map.of("PATH", path),
            "node-agent",
            "--kubeconfig",
            plane.kubeconfig().toString(),
            "--kube-context",
            "node-agent",
            "--nodes",
            String.join(",", KubeControlPlane.NODES),
            "--kubelet-port",
            plane.env.get("TARGO_KUBELET_PORT"),
            "--keystore",
            plane.dir.resolve("pki/kubelet.p12").toString(),
            "--client-ca",
            plane.dir.resolve("pki/ca.crt").toString(),
            "--state-dir",
            plane.dir.resolve("pods").toString())
        .awaitLog(l -> l.contains("registered and Ready"), Duration.ofSeconds(60));
  }

  private TargoProcess startWorker(String context, String log, int concurrency) throws Exception {
    Path kubeconfig = plane.kubeconfigVia(proxy.port(), dir.resolve(context + ".kubeconfig"));
    return TargoProcess.start(
        dir.resolve(log),
        Map.of("KUBECONFIG", kubeconfig.toString()),
        "worker",
        "--executor",
        "kubernetes",
        "--kube-context",
        context,
        "--address",
        temporal.address,
        "--metrics-port",
        Integer.toString(TargoProcess.freePort()),
        "--metrics-address",
        "127.0.0.1",
        "--sweep-interval",
        "0",
        "--max-concurrent-activities",
        Integer.toString(concurrency),
        // Only pods that failed before they ran are created again: the other tests' pods ran.
        "--failed-pod-restarts",
        "3",
        "--artifact-repository",
        repositoryFile.toString(),
        "--artifact-image",
        "targo:it");
  }

  @AfterAll
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {worker, proxy, temporal, agent, plane, store}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /**
   * Resource templates (docs/DESIGN.md §21) act with the worker's identity: the test grants it
   * ConfigMaps in namespace targo, as an operator would for the kinds their templates touch.
   */
  private void grantConfigMaps() {
    plane
        .admin
        .resource(
            new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                .withNewMetadata()
                .withName("targo-worker-configmaps")
                .withNamespace("targo")
                .endMetadata()
                .addNewRule()
                .withApiGroups("")
                .withResources("configmaps")
                .withVerbs("create", "get", "list", "patch", "update", "delete")
                .endRule()
                .build())
        .serverSideApply();
    plane
        .admin
        .resource(
            new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata()
                .withName("targo-worker-configmaps")
                .withNamespace("targo")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "targo-worker-configmaps")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("targo-worker")
                .withNamespace("targo")
                .endSubject()
                .build())
        .serverSideApply();
  }

  @Test
  @Order(0)
  void resourceTemplatesCreateWaitForAChangeReadPatchAndDeleteAConfigMap() throws Exception {
    awaitWorkerReady();
    grantConfigMaps();
    Path yaml = dir.resolve("resource.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: resource-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: create
                template: create
            - - name: wait
                template: wait
              - name: change
                template: change-later
            - - name: read
                template: read
            - - name: delete
                template: delete
          - name: create
            resource:
              action: create
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-{{workflow.name}}
                data:
                  state: new
            outputs:
              parameters:
              - name: name
                valueFrom: {jsonPath: '{.metadata.name}'}
              - name: uid
                valueFrom: {jsonPath: '{.metadata.uid}'}
          - name: wait
            resource:
              action: get
              successCondition: data.state == done
              failureCondition: data.state == broken
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-{{workflow.name}}
          - name: change-later
            steps:
            - - name: sleep
                template: sleep
            - - name: patch
                template: patch
          - name: sleep
            container:
              image: alpine:3.20
              command: [sleep, "5"]
          - name: patch
            resource:
              action: patch
              mergeStrategy: merge
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-{{workflow.name}}
                data:
                  state: done
          - name: read
            resource:
              action: get
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-{{workflow.name}}
            outputs:
              parameters:
              - name: state
                valueFrom: {jsonPath: 'state={.data.state}'}
          - name: delete
            resource:
              action: delete
              flags: [--ignore-not-found]
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm-{{workflow.name}}
        """);

    JsonNode wf = submitAndWait(yaml, 0);
    String name = wf.path("metadata").path("name").asText();

    JsonNode create = node(wf, "create");
    assertThat(create.path("type").asText()).isEqualTo("Pod");
    assertThat(outputs(create)).containsEntry("name", "cm-" + name).containsKey("uid");
    assertThat(outputs(node(wf, "read"))).containsEntry("state", "state=done");
    // The wait began before the patch and ended only after it: it saw the change.
    Instant waited = Instant.parse(node(wf, "wait").path("finishedAt").asText());
    Instant patched = Instant.parse(node(wf, "patch").path("finishedAt").asText());
    assertThat(waited).isAfterOrEqualTo(patched);
    assertThat(node(wf, "sleep").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(plane.admin.configMaps().inNamespace("targo").withName("cm-" + name).get()).isNull();
    // One create by the worker, one merge patch, one delete; the object carried the attempt label.
    List<String> created = audit(e -> isCreate(e, WORKER_USER, "configmaps", null, "cm-" + name));
    assertThat(created).containsExactly("cm-" + name);
    assertThat(audit(e -> isVerb(e, "patch", "configmaps", "cm-" + name))).hasSize(1);
    assertThat(audit(e -> isVerb(e, "delete", "configmaps", "cm-" + name))).hasSize(1);
  }

  @Test
  @Order(0)
  void aResourceWhoseFailureConditionHoldsFailsItsStepWithArgosMessage() throws Exception {
    awaitWorkerReady();
    grantConfigMaps();
    Path yaml = dir.resolve("resource-failure.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: resource-failure-
          namespace: targo
        spec:
          entrypoint: main
          onExit: cleanup
          templates:
          - name: main
            resource:
              action: apply
              successCondition: data.phase == Succeeded
              failureCondition: data.phase in (Failed, Error)
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken-{{workflow.name}}
                data:
                  phase: Error
          - name: cleanup
            resource:
              action: delete
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: broken-{{workflow.name}}
        """);

    JsonNode wf = submitAndWait(yaml, 1);
    String name = wf.path("metadata").path("name").asText();

    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
    JsonNode main = node(wf, name);
    assertThat(main.path("phase").asText()).isEqualTo("Failed");
    assertThat(main.path("message").asText())
        .isEqualTo("failure condition 'data.phase in (Error,Failed)' evaluated true");
    assertThat(node(wf, "onExit").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(plane.admin.configMaps().inNamespace("targo").withName("broken-" + name).get())
        .isNull();
  }

  /**
   * {@code setOwnerReference}: the real API server accepts the anchor as the object's controller
   * (it checks the reference's fields), and a sweep after the workflow's record is deleted deletes
   * the anchor. This control plane runs no kube-controller-manager, so the garbage collector's
   * deletion of the owned object itself is not observed; the IT's worker does not sweep, so the
   * sweep is made here. Last, so that its sweep cannot touch another test's pods.
   */
  @Test
  @Order(20)
  void setOwnerReferenceMakesTheWorkflowsAnchorTheOwnerAndTheSweepDeletesItWithTheWorkflow()
      throws Exception {
    awaitWorkerReady();
    grantConfigMaps();
    Path yaml = dir.resolve("owned.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: owned-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            resource:
              action: create
              setOwnerReference: true
              manifest: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: owned-{{workflow.name}}
                data:
                  some: value
        """);

    JsonNode wf = submitAndWait(yaml, 0);
    String name = wf.path("metadata").path("name").asText();

    var maps = plane.admin.configMaps().inNamespace("targo");
    var anchor = maps.withName(name + "-owner").get();
    assertThat(anchor).isNotNull();
    assertThat(anchor.getMetadata().getLabels())
        .containsEntry("workflows.argoproj.io/workflow", name)
        .containsEntry("targo.dev/owner-anchor", "true");
    var reference = maps.withName("owned-" + name).get().getMetadata().getOwnerReferences();
    assertThat(reference).hasSize(1);
    assertThat(reference.getFirst().getKind()).isEqualTo("ConfigMap");
    assertThat(reference.getFirst().getName()).isEqualTo(name + "-owner");
    assertThat(reference.getFirst().getUid()).isEqualTo(anchor.getMetadata().getUid());
    assertThat(reference.getFirst().getController()).isTrue();
    assertThat(reference.getFirst().getBlockOwnerDeletion()).isTrue();

    var service =
        io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
            io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.address)
                .build());
    try (var executor =
            new dev.targo.worker.executor.kubernetes.KubernetesExecutor(
                plane.admin,
                dev.targo.worker.executor.kubernetes.KubernetesSettings.defaults("targo"),
                java.time.Clock.systemUTC(),
                false);
        var sweeper =
            new dev.targo.worker.executor.kubernetes.PodSweeper(
                executor,
                new dev.targo.worker.runtime.TemporalWorkflowStates(service, "default"),
                n -> {})) {
      sweeper.sweepOnce();
      assertThat(maps.withName(name + "-owner").get()).as("kept while the workflow is").isNotNull();

      // As `targo server`'s DELETE (`argo delete`) and the ttlStrategy delete a workflow's record.
      service
          .blockingStub()
          .deleteWorkflowExecution(
              io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest.newBuilder()
                  .setNamespace("default")
                  .setWorkflowExecution(
                      io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                          .setWorkflowId(name)
                          .build())
                  .build());
      // Temporal deletes a record in the background: on a loaded machine this took over 30 s.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (maps.withName(name + "-owner").get() != null && Instant.now().isBefore(deadline)) {
        Thread.sleep(500);
        sweeper.sweepOnce();
      }
      assertThat(maps.withName(name + "-owner").get()).as("anchor deleted").isNull();
    } finally {
      service.shutdownNow();
    }
  }

  private static JsonNode node(JsonNode wf, String displayName) {
    for (JsonNode n : wf.path("status").path("nodes")) {
      if (n.path("displayName").asText().equals(displayName)) {
        return n;
      }
    }
    throw new AssertionError("no node " + displayName + " in " + wf);
  }

  private static Map<String, String> outputs(JsonNode node) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    node.path("outputs")
        .path("parameters")
        .forEach(p -> out.put(p.path("name").asText(), p.path("value").asText()));
    return out;
  }

  static boolean isVerb(JsonNode e, String verb, String resource, String name) {
    JsonNode ref = e.path("objectRef");
    return e.path("verb").asText().equals(verb)
        && e.path("user").path("username").asText().equals(WORKER_USER)
        && ref.path("resource").asText().equals(resource)
        && ref.path("name").asText().equals(name)
        && e.path("responseStatus").path("code").asInt() / 100 == 2;
  }

  @Test
  @Order(1)
  void retriesRunEachAttemptAsAPodTheSchedulerPlacedAwayFromFailedHosts() throws Exception {
    awaitWorkerReady();
    Path yaml = dir.resolve("third.yaml");
    // Failed pods are kept (OnPodSuccess), so their logs are read through pods/log afterwards.
    Files.writeString(
        yaml,
        Files.readString(EXAMPLES.resolve("retry-until-third-attempt.yaml"))
            .replace(
                "  entrypoint: flaky\n",
                "  entrypoint: flaky\n  podGC:\n    strategy: OnPodSuccess\n"));

    // The workflow names no namespace: its pods go to the worker's (targo, from its kubeconfig
    // context), and targo logs finds them there through the workflow's memo.
    JsonNode wf = submitAndWait(yaml, 0);
    String name = wf.path("metadata").path("name").asText();

    List<JsonNode> pods = podNodes(wf);
    assertThat(pods)
        .extracting(p -> p.path("phase").asText())
        .containsExactly("Failed", "Failed", "Succeeded");
    List<String> hosts = pods.stream().map(p -> p.path("hostNodeName").asText()).toList();
    assertThat(hosts).doesNotHaveDuplicates();
    List<String> labels = KubeControlPlane.NODES.stream().map(plane::hostname).toList();
    assertThat(labels).containsAll(hosts);
    assertThat(pods.get(0).path("message").asText()).isEqualTo("main: Error (exit code 1)");
    // Each attempt is one pod the worker created and the real scheduler bound, nothing more.
    List<String> created = audit(e -> isCreate(e, WORKER_USER, "pods", null, name));
    List<String> bound = audit(e -> isCreate(e, "system:kube-scheduler", "pods", "binding", name));
    assertThat(created).hasSize(3);
    assertThat(bound).containsExactlyInAnyOrderElementsOf(created);

    Result logs =
        TargoServer.run(
            "",
            "logs",
            name,
            "--source",
            "kubernetes",
            "--kubeconfig",
            dir.resolve("targo-worker.kubeconfig").toString(),
            "--kube-context",
            "targo-worker",
            "--address",
            temporal.address);
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out())
        .contains("attempt 0 on ip-10-0-")
        .contains("attempt 1 on ip-10-0-")
        .contains("attempt 2 on ip-10-0-");
  }

  @Test
  @Order(2)
  void theSeedExampleEndsAsArgoSaysWithEveryPodOnAnotherHost() throws Exception {
    awaitWorkerReady();
    Path yaml = dir.resolve("seed.yaml");
    Files.copy(EXAMPLES.resolve("retry-backoff.yaml"), yaml);
    inTargo(yaml);
    Result r = submit(yaml);
    JsonNode wf = Json.mapper().readTree(r.out());
    List<JsonNode> pods = podNodes(wf);
    String phase = wf.path("status").path("phase").asText();

    assertThat(r.exitCode()).as(r.err()).isEqualTo(phase.equals("Succeeded") ? 0 : 1);
    List<String> failedHosts =
        pods.stream()
            .filter(p -> p.path("phase").asText().equals("Failed"))
            .map(p -> p.path("hostNodeName").asText())
            .filter(h -> !h.isEmpty())
            .toList();
    assertThat(failedHosts).doesNotHaveDuplicates();
    if (phase.equals("Failed")) {
      // Three failures exclude all three nodes: the fourth pod is never placed, and the window
      // (maxDuration 1m) ends it.
      assertThat(failedHosts).hasSize(3);
      assertThat(retryNode(wf).path("message").asText()).isEqualTo("Max duration limit exceeded");
    } else {
      assertThat(pods.getLast().path("phase").asText()).isEqualTo("Succeeded");
    }
  }

  @Test
  @Order(3)
  void aPodNoNodeCanTakeStaysPendingWithTheSchedulersMessageUntilItsTimeout() throws Exception {
    awaitWorkerReady();
    Path yaml = dir.resolve("nowhere.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: nowhere-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            timeout: 75s
            nodeSelector:
              disktype: ssd
            container:
              image: alpine:3.20
              command: [sh, -c, "echo never"]
        """);
    Result submitted =
        TargoServer.run("", "submit", yaml.toString(), "-o", "name", "--address", temporal.address);
    assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    String name = submitted.out().strip();

    // The worker's heartbeats reach Temporal at most every 48 s (0.8 of the heartbeat timeout), so
    // the scheduler's message shows in the node once the second heartbeat has gone out.
    String pending = awaitPodMessage(name, m -> m.startsWith("Unschedulable: "));
    JsonNode wf = awaitEnd(name);

    assertThat(pending)
        .isEqualTo(
            "Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node"
                + " affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are"
                + " available: 3 Preemption is not helpful for scheduling.");
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
    assertThat(podNodes(wf).getFirst().path("message").asText()).isEqualTo("timeout");
  }

  @Test
  @Order(4)
  void aWorkerWithoutRightsStopsWithOneClearLine() throws Exception {
    TargoProcess nobody = startWorker("nobody", "nobody-worker.log", 10);
    boolean ended = nobody.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    String out = nobody.output();
    nobody.close();

    assertThat(ended).as(out).isTrue();
    assertThat(nobody.process.exitValue()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out.strip().lines())
        .containsExactly(
            "targo: the Kubernetes identity targo-nobody may not create pods, get pods, list"
                + " pods, watch pods, patch pods, delete pods, get pods/log in namespace targo"
                + " (RBAC); grant them as deploy/rbac.yaml does");
  }

  /** A workflow that sleeps {@code seconds} on its first attempt and succeeds on the next. */
  private Path sleeper(String prefix, int seconds) throws java.io.IOException {
    Path yaml = dir.resolve(prefix + ".yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: %s-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy:
              limit: 2
              retryPolicy: Always
              affinity:
                nodeAntiAffinity: {}
            container:
              image: alpine:3.20
              command: [sh, -c]
              args: ["echo attempt {{retries}}; test {{retries}} -ge 1 || sleep %d"]
        """
            .formatted(prefix, seconds));
    return yaml;
  }

  private String submitted(Path yaml) {
    Result r =
        TargoServer.run("", "submit", yaml.toString(), "-o", "name", "--address", temporal.address);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out().strip();
  }

  @Test
  @Order(5)
  void anApiServerRestartMidAttemptEndsTheAttemptOnceAfterARelist() throws Exception {
    awaitWorkerReady();
    Path yaml = sleeper("restart", 0);
    // One attempt that outlives the restart: the pod must be followed across it, not re-created.
    Files.writeString(
        yaml, Files.readString(yaml).replace("test {{retries}} -ge 1 || sleep 0", "sleep 15"));
    String name = submitted(yaml);
    awaitRunningPod(name);
    long listsBefore = audit(e -> isList(e, WORKER_USER)).size();

    plane.restartApiserver();
    JsonNode wf = awaitEnd(name);

    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(podNodes(wf)).hasSize(1);
    assertThat(audit(e -> isCreate(e, WORKER_USER, "pods", null, name))).hasSize(1);
    // The informer's watch resumed from a version the restarted server's watch cache no longer
    // holds (410 Gone, "too old resource version"), so it listed the pods again.
    assertThat(audit(e -> isList(e, WORKER_USER)).size()).isGreaterThan((int) listsBefore);
  }

  @Test
  @Order(6)
  void droppedConnectionsMidAttemptEndTheAttemptOnce() throws Exception {
    awaitWorkerReady();
    Path yaml = sleeper("dropped", 0);
    Files.writeString(
        yaml, Files.readString(yaml).replace("test {{retries}} -ge 1 || sleep 0", "sleep 12"));
    String name = submitted(yaml);
    awaitRunningPod(name);
    int before = proxy.accepted();

    int dropped = proxy.dropAll();
    Thread.sleep(3000);
    proxy.dropAll();
    JsonNode wf = awaitEnd(name);

    assertThat(dropped).isPositive();
    assertThat(proxy.accepted()).isGreaterThan(before);
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(podNodes(wf)).hasSize(1);
    assertThat(audit(e -> isCreate(e, WORKER_USER, "pods", null, name))).hasSize(1);
  }

  @Test
  @Order(7)
  void anEvictedAttemptFailsWithTheKubeletsMessageAndTheNextRunsElsewhere() throws Exception {
    awaitWorkerReady();
    String name = submitted(sleeper("evicted", 120));
    Pod running = awaitRunningPod(name);
    String node = running.getSpec().getNodeName();

    setFault(node, Fault.EVICT);
    JsonNode wf;
    try {
      wf = awaitEnd(name);
    } finally {
      setFault(node, Fault.NONE);
    }

    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    List<JsonNode> pods = podNodes(wf);
    assertThat(pods)
        .extracting(p -> p.path("phase").asText())
        .containsExactly("Failed", "Succeeded");
    assertThat(pods.get(0).path("message").asText())
        .isEqualTo(
            "The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. ");
    assertThat(pods.get(0).path("hostNodeName").asText()).isEqualTo(plane.hostname(node));
    assertThat(pods.get(1).path("hostNodeName").asText()).isNotEqualTo(plane.hostname(node));
  }

  @Test
  @Order(8)
  void aLostNodesAttemptFailsWhenTheNodeIsDeletedAndTheNextRunsElsewhere() throws Exception {
    awaitWorkerReady();
    String name = submitted(sleeper("lost", 120));
    Pod running = awaitRunningPod(name);
    String node = running.getSpec().getNodeName();
    String host = plane.hostname(node);

    setFault(node, Fault.NOT_READY);
    Thread.sleep(2000);
    Pod stillThere =
        plane.admin.pods().inNamespace("targo").withName(running.getMetadata().getName()).get();
    String ready = readyCondition(node);
    plane.admin.nodes().withName(node).delete();
    JsonNode wf = awaitEnd(name);

    // A node that stopped reporting is not the end of its pod: only its removal is.
    assertThat(ready).isEqualTo("Unknown");
    assertThat(stillThere.getStatus().getPhase()).isEqualTo("Running");
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    List<JsonNode> pods = podNodes(wf);
    assertThat(pods)
        .extracting(p -> p.path("phase").asText())
        .containsExactly("Failed", "Succeeded");
    assertThat(pods.get(0).path("message").asText())
        .isEqualTo("pod failed: main container did not complete successfully");
    assertThat(pods.get(1).path("hostNodeName").asText()).isNotEqualTo(host);
  }

  @Test
  @Order(9)
  void aPodEvictedBeforeItRanIsCreatedAgainElsewhereWithoutCostingAnAttempt() throws Exception {
    awaitWorkerReady();
    String node;
    JsonNode wf;
    String name;
    // The nodes there are now (an earlier test deleted one).
    List<String> nodes =
        plane.admin.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
    try {
      nodes.forEach(n -> setFault(n, Fault.NO_START));
      // The agent reads faults from its node watch: wait until each node holds its pods back.
      for (String n : nodes) {
        agent.awaitLog(
            l -> l.contains("node " + n + ": fault ") && l.contains("-> no-start"),
            Duration.ofSeconds(30));
      }
      name = submitted(sleeper("restarted", 0));
      node = awaitScheduledPod(name).getSpec().getNodeName();
      for (String other : nodes) {
        if (!other.equals(node)) {
          setFault(other, Fault.NONE);
        }
      }
      // The kubelet of a node under memory pressure evicts the pod still waiting for its
      // containers; the node is tainted, so the scheduler places the new pod on another.
      setFault(node, Fault.EVICT);
      wf = awaitEnd(name);
    } finally {
      nodes.forEach(n -> setFault(n, Fault.NONE));
    }

    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    List<JsonNode> pods = podNodes(wf);
    assertThat(pods).hasSize(1);
    assertThat(pods.get(0).path("phase").asText()).isEqualTo("Succeeded");
    assertThat(pods.get(0).path("failedPodRestarts").asInt()).isEqualTo(1);
    assertThat(pods.get(0).path("hostNodeName").asText()).isNotEqualTo(plane.hostname(node));
    assertThat(pods.get(0).path("outputs").path("result").asText()).isEqualTo("attempt 0");
    assertThat(audit(e -> isCreate(e, WORKER_USER, "pods", null, name))).hasSize(2);
  }

  @Test
  @Order(10)
  void artifactsPassBetweenPodsThroughTheStoreWithInitAndWaitContainers() throws Exception {
    awaitWorkerReady();
    Path out = Files.createDirectories(dir.resolve("artifact-out"));
    Path yaml = dir.resolve("artifacts.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: artifacts-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: generate
                template: generate
            - - name: consume
                template: consume
                arguments:
                  artifacts:
                  - name: message
                    from: "{{steps.generate.outputs.artifacts.hello}}"
          - name: generate
            inputs:
              artifacts:
              - name: greeting
                path: /tmp/targo-it-greeting
                raw:
                  data: hello
            container:
              image: alpine:3.20
              command: [sh, -c]
              args: ["cat /tmp/targo-it-greeting > %1$s/hello.txt && echo world >> %1$s/hello.txt"]
            outputs:
              artifacts:
              - name: hello
                path: %1$s/hello.txt
              - name: absent
                path: %1$s/never-written
                optional: true
          - name: consume
            inputs:
              artifacts:
              - name: message
                path: /tmp/targo-it-message
            container:
              image: alpine:3.20
              command: [sh, -c]
              args: ["cat /tmp/targo-it-message"]
        """
            .formatted(out));
    JsonNode wf = submitAndWait(yaml, 0);
    String name = wf.path("metadata").path("name").asText();

    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    List<JsonNode> pods = podNodes(wf);
    JsonNode generate =
        pods.stream()
            .filter(p -> p.path("displayName").asText().equals("generate"))
            .findFirst()
            .orElseThrow();
    JsonNode consume =
        pods.stream()
            .filter(p -> p.path("displayName").asText().equals("consume"))
            .findFirst()
            .orElseThrow();
    JsonNode saved = generate.path("outputs").path("artifacts");
    assertThat(saved).hasSize(1);
    String key = saved.get(0).path("s3").path("key").asText();
    // Argo's default keyFormat: {{workflow.name}}/{{pod.name}}, then the archive's name.
    assertThat(key).startsWith(name + "/" + name + "-generate-").endsWith("/hello.tgz");
    // Argo's raw data is written as given: no newline after "hello".
    assertThat(consume.path("outputs").path("result").asText()).isEqualTo("helloworld");
    try (ObjectStore s3 = ObjectStore.of(store.repository())) {
      assertThat(s3.size(EmbeddedObjectStore.BUCKET, key)).isPositive();
    }
    // The store's secret key is nowhere in what users and the worker see.
    String secret = store.repository().secretKey();
    assertThat(get(name).toString()).doesNotContain(secret);
    assertThat(Files.readString(worker.log)).doesNotContain(secret);
  }

  @Test
  @Order(11)
  void anInputTheStoreDoesNotHaveEndsTheAttemptInErrorWithTheInitContainersMessage()
      throws Exception {
    awaitWorkerReady();
    Path yaml = dir.resolve("missing-input.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: missing-input-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            inputs:
              artifacts:
              - name: data
                path: /tmp/targo-it-data
                s3:
                  key: nobody/saved/this.tgz
            container:
              image: alpine:3.20
              command: [sh, -c]
              args: ["cat /tmp/targo-it-data"]
        """);
    JsonNode wf = submitAndWait(yaml, 1);

    // An errored root makes an errored workflow, as in Argo.
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Error");
    List<JsonNode> pods = podNodes(wf);
    assertThat(pods).hasSize(1);
    assertThat(pods.get(0).path("phase").asText()).isEqualTo("Error");
    assertThat(pods.get(0).path("message").asText())
        .startsWith("init: Error (exit code 1): artifact data failed to load: ");
  }

  @Test
  @Order(14)
  void anOomKilledAttemptIsRetriedWithTwiceTheMemoryLimit() throws Exception {
    assumeTrue(
        dev.targo.worker.executor.local.MemoryCgroups.supported(),
        "this machine gives processes no memory cgroup: the node agent cannot enforce limits");
    awaitWorkerReady();
    Path yaml = dir.resolve("oom.yaml");
    Files.copy(EXAMPLES.resolve("retry-oom-grows-memory.yaml"), yaml);
    inTargo(yaml);

    JsonNode wf = submitAndWait(yaml, 0);

    // The node agent runs the container in a memory cgroup of its limit and reports the kernel's
    // kill as the kubelet does: terminated reason OOMKilled, exit code 137.
    List<JsonNode> pods = podNodes(wf);
    assertThat(pods)
        .extracting(p -> p.path("phase").asText())
        .containsExactly("Failed", "Succeeded");
    assertThat(pods.getFirst().path("message").asText()).contains("OOMKilled");
    assertThat(pods.getLast().path("outputs").path("result").asText())
        .isEqualTo("attempt 1 after 'OOMKilled'");
  }

  @Test
  @Order(15)
  void aDaemonIsReadyOnceItsProbePassesAndStoppedWhenItsStepsEnd() throws Exception {
    awaitWorkerReady();
    Path yaml = dir.resolve("daemon.yaml");
    Files.copy(EXAMPLES.resolve("daemon-steps.yaml"), yaml);
    inTargo(yaml);

    JsonNode wf = submitAndWait(yaml, 0);

    // The clients ran against the daemon's pod IP once the node agent's probe passed; the daemon
    // was stopped (its pod deleted) when the steps ended, and its node Succeeded.
    JsonNode server = node(wf, "server");
    assertThat(server.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(server.path("podIP").asText()).isEqualTo("127.0.0.1");
    assertThat(server.has("daemoned")).isFalse();
    assertThat(node(wf, "client-1").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(node(wf, "client-2").path("phase").asText()).isEqualTo("Succeeded");
    String pod = server.path("id").asText();
    assertThat(
            plane.admin.pods().inNamespace("targo").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().contains("http-server"))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList())
        .as("daemon pod of " + pod + " deleted")
        .isEmpty();
  }

  @Test
  @Order(13)
  void anAttemptNoNodeCanTakeLetsTheOldestFailedHostBackAfterRelaxAfter() throws Exception {
    awaitWorkerReady();
    // The nodes there are now (an earlier test deleted one): one failure on each excludes them all.
    int nodes = plane.admin.nodes().list().getItems().size();
    Path yaml = dir.resolve("relax.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: relax-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy:
              limit: NODES
              affinity:
                nodeAntiAffinity: {relaxAfter: 10s}
            container:
              image: alpine:3.20
              command: [sh, -c, "test {{retries}} -ge NODES"]
        """
            .replace("NODES", Integer.toString(nodes)));

    JsonNode wf = submitAndWait(yaml, 0);

    List<JsonNode> pods = podNodes(wf);
    assertThat(pods).hasSize(nodes + 1);
    String first = pods.getFirst().path("hostNodeName").asText();
    JsonNode last = pods.getLast();
    assertThat(last.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(last.path("hostNodeName").asText()).isEqualTo(first);
    assertThat(last.path("message").asText())
        .isEqualTo("nodeAntiAffinity relaxed: " + first + " let back after 10 seconds unscheduled");
    // The last attempt's pod was created twice (unschedulable, then without the host) and
    // deleted once between: one attempt, no retry spent, no other pod.
    String name = wf.path("metadata").path("name").asText();
    List<String> created = audit(e -> isCreate(e, WORKER_USER, "pods", null, name));
    assertThat(created).hasSize(nodes + 2);
    assertThat(created.getLast()).isEqualTo(created.get(created.size() - 2));
    assertThat(audit(e -> isVerb(e, "delete", "pods", created.getLast()))).isNotEmpty();
  }

  @Test
  @Order(12)
  void aFailedMainStillHasItsOutputsSavedAndAMissingOneFailsNothingMore() throws Exception {
    awaitWorkerReady();
    Path out = Files.createDirectories(dir.resolve("failed-out"));
    Path yaml = dir.resolve("failed-outputs.yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: failed-outputs-
          namespace: targo
        spec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine:3.20
              command: [sh, -c]
              args: ["echo partial > %1$s/report.txt; echo to the log; exit 3"]
            archiveLocation:
              archiveLogs: true
            outputs:
              artifacts:
              - name: report
                path: %1$s/report.txt
                archive: {none: {}}
              - name: never
                path: %1$s/never-written
        """
            .formatted(out));
    JsonNode wf = submitAndWait(yaml, 1);

    // As Argo's wait container: outputs are saved whatever main's exit; the pod keeps main's
    // failure (the missing output would only have failed a pod that succeeded).
    JsonNode pod = podNodes(wf).getFirst();
    assertThat(pod.path("phase").asText()).isEqualTo("Failed");
    assertThat(pod.path("message").asText()).isEqualTo("main: Error (exit code 3)");
    JsonNode saved = pod.path("outputs").path("artifacts");
    assertThat(saved)
        .extracting(a -> a.path("name").asText())
        .containsExactly("report", "main-logs");
    String key = saved.get(0).path("s3").path("key").asText();
    assertThat(key).endsWith("/report.txt");
    // archiveLogs: main's log saved as Argo's wait container saves it, not archived.
    String logKey = saved.get(1).path("s3").path("key").asText();
    assertThat(logKey).isEqualTo(key.substring(0, key.lastIndexOf('/')) + "/main.log");
    Path copy = dir.resolve("report-copy.txt");
    Path log = dir.resolve("main-log-copy.txt");
    try (ObjectStore s3 = ObjectStore.of(store.repository())) {
      s3.get(EmbeddedObjectStore.BUCKET, key, copy);
      s3.get(EmbeddedObjectStore.BUCKET, logKey, log);
    }
    assertThat(copy).hasContent("partial");
    assertThat(log).hasContent("to the log");
  }

  /** The workflow's pod once the scheduler has bound it to a node. */
  private Pod awaitScheduledPod(String workflow) throws Exception {
    return awaitPod(workflow, "a scheduled pod", p -> p.getSpec().getNodeName() != null);
  }

  private String readyCondition(String node) {
    return plane.admin.nodes().withName(node).get().getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("");
  }

  static boolean isList(JsonNode e, String user) {
    return e.path("verb").asText().equals("list")
        && e.path("user").path("username").asText().equals(user)
        && e.path("objectRef").path("resource").asText().equals("pods");
  }

  // ---------------------------------------------------------------------------------------------

  private void awaitWorkerReady() throws Exception {
    worker.awaitLog(l -> l.contains("polling task queue"), Duration.ofSeconds(120));
  }

  /** Names namespace targo in the workflow, where deploy/ lets the worker run pods. */
  static void inTargo(Path yaml) throws java.io.IOException {
    String text = Files.readString(yaml);
    Files.writeString(
        yaml, text.replaceFirst("\nmetadata:\n", "\nmetadata:\n  namespace: targo\n"));
  }

  private Result submit(Path yaml) {
    return TargoServer.run(
        "", "submit", yaml.toString(), "--wait", "-o", "json", "--address", temporal.address);
  }

  private JsonNode submitAndWait(Path yaml, int exitCode) throws Exception {
    Result r = submit(yaml);
    assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(exitCode);
    return Json.mapper().readTree(r.out());
  }

  /** The workflow once it has ended, from {@code targo get -o json}. */
  private JsonNode awaitEnd(String name) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JsonNode wf = get(name);
      String phase = wf.path("status").path("phase").asText();
      if (phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Error")) {
        return wf;
      }
      assertThat(Instant.now()).as(name + " ends").isBefore(deadline);
      Thread.sleep(500);
    }
  }

  private JsonNode get(String name) throws Exception {
    Result r = TargoServer.run("", "get", name, "-o", "json", "--address", temporal.address);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  /** Waits until a pod node of the workflow has a message {@code wanted} accepts; returns it. */
  private String awaitPodMessage(String name, Predicate<String> wanted) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(70));
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    while (true) {
      for (JsonNode p : podNodes(get(name))) {
        String message = p.path("message").asText();
        if (wanted.test(message)) {
          return message;
        }
        seen.add(p.path("phase").asText() + ": " + message);
      }
      assertThat(Instant.now()).as(name + ": a pod message; seen " + seen).isBefore(deadline);
      Thread.sleep(300);
    }
  }

  /** The running pod of the workflow, once the agent reports it Running. */
  Pod awaitRunningPod(String workflow) throws Exception {
    return awaitPod(workflow, "a running pod", p -> "Running".equals(p.getStatus().getPhase()));
  }

  /** The first pod of the workflow {@code wanted} accepts, waited for up to a minute. */
  private Pod awaitPod(String workflow, String what, Predicate<Pod> wanted) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      for (Pod p :
          plane
              .admin
              .pods()
              .inNamespace("targo")
              .withLabel("workflows.argoproj.io/workflow", workflow)
              .list()
              .getItems()) {
        if (wanted.test(p)) {
          return p;
        }
      }
      assertThat(Instant.now()).as(workflow + ": " + what).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  /**
   * Sets the node agent's fault annotation with a merge patch, which names no resourceVersion: the
   * agent updates the node's status all the time, and an edit would lose that race with a 409.
   */
  void setFault(String node, Fault fault) {
    ObjectNode annotations = Json.mapper().createObjectNode();
    annotations.put(Fault.ANNOTATION, fault.value());
    ObjectNode patch = Json.mapper().createObjectNode();
    patch.putObject("metadata").set("annotations", annotations);
    plane
        .admin
        .nodes()
        .withName(node)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
  }

  static List<JsonNode> podNodes(JsonNode wf) {
    List<JsonNode> pods = new ArrayList<>();
    wf.path("status")
        .path("nodes")
        .forEach(
            n -> {
              if (n.path("type").asText().equals("Pod")) {
                pods.add(n);
              }
            });
    pods.sort(Comparator.comparing(n -> n.path("name").asText()));
    return pods;
  }

  static JsonNode retryNode(JsonNode wf) {
    for (JsonNode n : wf.path("status").path("nodes")) {
      if (n.path("type").asText().equals("Retry")) {
        return n;
      }
    }
    throw new AssertionError("no Retry node in " + wf);
  }

  /** The object names of the audit log's completed requests {@code match} accepts, in order. */
  List<String> audit(Predicate<JsonNode> match) throws Exception {
    List<String> names = new ArrayList<>();
    for (String line : plane.auditLines()) {
      JsonNode e = Json.mapper().readTree(line);
      if (match.test(e)) {
        names.add(e.path("objectRef").path("name").asText());
      }
    }
    return names;
  }

  static boolean isCreate(
      JsonNode e, String user, String resource, String subresource, String namePrefix) {
    JsonNode ref = e.path("objectRef");
    return e.path("verb").asText().equals("create")
        && e.path("user").path("username").asText().equals(user)
        && ref.path("resource").asText().equals(resource)
        && ref.path("subresource").asText("").equals(subresource == null ? "" : subresource)
        && ref.path("name").asText().startsWith(namePrefix)
        && e.path("responseStatus").path("code").asInt() / 100 == 2;
  }
}
