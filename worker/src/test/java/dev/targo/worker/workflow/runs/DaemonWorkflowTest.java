package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Daemon templates ({@code daemon: true}), as Argo's operator runs them ({@code assessNodeStatus},
 * {@code killDaemonedChildren}): once a daemon's pod runs and is ready, its node is daemoned, the
 * steps after it start with {@code {{steps.X.ip}}} (a DAG's dependants see {@code X.Daemoned}), and
 * the pod runs on until its steps or DAG node ends, which deletes it and marks the node Succeeded.
 * A daemon whose pod ends by itself has Failed, and fails the node it runs in.
 */
public class DaemonWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  public static final String STEPS =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: server
              template: server
          - - name: client
              template: client
              arguments:
                parameters: [{name: ip, value: "{{steps.server.ip}}"}]
          - - name: again
              template: client
              arguments:
                parameters: [{name: ip, value: "again {{steps.server.ip}}"}]
        - name: server
          daemon: true
          RETRY
          container:
            image: nginx
            command: [nginx]
            readinessProbe:
              httpGet: {path: /, port: 80}
        - name: client
          inputs:
            parameters: [{name: ip}]
          container:
            image: curl
            command: [curl, "{{inputs.parameters.ip}}"]
      """;

  private static final String DAG =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - name: server
              template: server
            - name: client
              depends: server.Daemoned
              template: client
              arguments:
                parameters: [{name: ip, value: "{{tasks.server.ip}}"}]
            - name: if-succeeded
              depends: server.Succeeded
              template: client
              arguments:
                parameters: [{name: ip, value: "never"}]
        - name: server
          daemon: true
          container:
            image: nginx
            command: [nginx]
        - name: client
          inputs:
            parameters: [{name: ip}]
          container:
            image: curl
            command: [curl, "{{inputs.parameters.ip}}"]
      """;

  private static WorkflowRun run(String yaml) {
    Translation t = Translator.translate("daemon.yaml", yaml);
    assertThat(t.all()).isEmpty();
    return new WorkflowRun("wf", "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().get(PodNames.nodeId("wf", name));
  }

  private static List<String> commands(Harness harness) {
    return harness.executor.requests().stream()
        .map(PodRequest::template)
        .map(t -> String.join(" ", t.body().container().command()))
        .toList();
  }

  private static ScriptedExecutor executor(Function<PodRequest, Step> server) {
    return new ScriptedExecutor(
        r -> r.template().name().equals("server") ? server.apply(r) : Step.succeed("node-2"));
  }

  @Test
  void aReadyDaemonLetsTheNextStepsRunWithItsIpAndStopsWhenItsStepsEnd() {
    Harness harness = harnesses.start(executor(r -> Step.daemon("node-1", "10.0.0.7")));

    WorkflowStatus status = harness.runToEnd(run(STEPS.replace("RETRY", "")));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(commands(harness)).containsExactly("nginx", "curl 10.0.0.7", "curl again 10.0.0.7");
    NodeStatus server = node(status, "wf[0].server");
    // Argo's killDaemonedChildren: Succeeded, no longer daemoned; the IP stays.
    assertThat(server.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(server.daemoned()).isNull();
    assertThat(server.podIP()).isEqualTo("10.0.0.7");
    // Its pod is deleted once the steps ended, after the last client ran.
    String pod = harness.executor.requests().getFirst().podName();
    List<String> events = harness.executor.events();
    assertThat(events).contains("delete " + pod);
    assertThat(events.indexOf("delete " + pod))
        .isGreaterThan(events.indexOf("run " + harness.executor.requests().getLast().podName()));
    assertThat(server.finishedAt()).isAfterOrEqualTo(node(status, "wf[2].again").finishedAt());
  }

  @Test
  void aDagDependantSeesTheDaemonDaemonedAndItsIpAndASucceededConditionDoesNotHold() {
    Harness harness = harnesses.start(executor(r -> Step.daemon("node-1", "10.0.0.9")));

    WorkflowStatus status = harness.runToEnd(run(DAG));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(commands(harness)).containsExactly("nginx", "curl 10.0.0.9");
    assertThat(node(status, "wf.client").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.if-succeeded").phase()).isEqualTo(NodePhase.Omitted);
    assertThat(node(status, "wf.server").phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aDaemonWhosePodEndsByItselfHasFailedAndFailsItsSteps() {
    // The daemon's pod exits 0 after a second, while the client still runs.
    ScriptedExecutor executor =
        new ScriptedExecutor(
            r ->
                r.template().name().equals("server")
                    ? Step.daemon("node-1", "10.0.0.7").runningFor(Duration.ofMillis(500))
                    : Step.succeed("node-2").runningFor(Duration.ofSeconds(3)));
    Harness harness = harnesses.start(executor);

    WorkflowStatus status = harness.runToEnd(run(STEPS.replace("RETRY", "")));

    NodeStatus server = node(status, "wf[0].server");
    assertThat(server.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, "wf").message()).isEqualTo("child '" + server.id() + "' failed");
  }

  @Test
  void aRetriedDaemonRetriesUntilItsPodIsReady() {
    Harness harness =
        harnesses.start(
            executor(r -> r.attempt() == 0 ? Step.fail("node-1") : Step.daemon("node-3", "10.1")));

    WorkflowStatus status =
        harness.runToEnd(run(STEPS.replace("RETRY", "retryStrategy: {limit: 2}")));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(commands(harness)).containsExactly("nginx", "nginx", "curl 10.1", "curl again 10.1");
    assertThat(node(status, "wf[0].server").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].server(0)").phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, "wf[0].server(1)").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].server(1)").podIP()).isEqualTo("10.1");
  }

  @Test
  void aDaemonAtTheTopOfTheWorkflowIsStoppedOnceReady() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: server
          templates:
          - name: server
            daemon: true
            container:
              image: nginx
              command: [nginx]
        """;
    Harness harness = harnesses.start(executor(r -> Step.daemon("node-1", "10.0.0.5")));

    WorkflowStatus status = harness.runToEnd(run(yaml));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.events())
        .contains("delete " + harness.executor.requests().getFirst().podName());
  }
}
