package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ReplayTest} replays: one per shape of workflow targo 0.1.0 runs
 * (docs/DESIGN.md §6). Run on purpose, and commit the files, only when a new shape appears or a
 * release starts a new baseline: {@code ./mvnw -pl worker -am test -Dtest=HistoryRecorder
 * -Dtargo.recordHistories=true -Dsurefire.failIfNoSpecifiedTests=false}. Between two baselines a
 * change to workflow code must keep the recorded histories replaying, or go through {@code
 * ChangeIds}.
 */
@EnabledIfSystemProperty(named = "targo.recordHistories", matches = "true")
class HistoryRecorder {
  static final Path DIR = Path.of("src/test/resources/histories");

  /**
   * The one history that ships in the jar: the worker replays it to warm up before it polls
   * (WorkflowWarmUp).
   */
  static final String SHIPPED = "pod-root-succeeds-on-third-attempt.json";

  static final Path SHIPPED_DIR = Path.of("src/main/resources/histories");

  /** Every recorded history: file name and what it covers. */
  static final List<String> FILES =
      List.of(
          "pod-root-fails-every-attempt.json",
          "pod-root-succeeds-on-third-attempt.json",
          "pod-root-continues-as-new-first-run.json",
          "pod-root-continues-as-new-last-run.json",
          "pod-root-continues-as-new-with-search-attributes.json",
          "pod-root-stopped-while-running.json",
          "pod-root-workflow-deadline.json",
          "pod-root-namespace-chosen-by-worker.json",
          "steps-root.json",
          "steps-child-pod.json",
          "dag-root.json",
          "retried-steps-root.json",
          "retried-steps-child.json",
          "exit-handler.json",
          "pod-root-retry-expression-whole-seconds.json",
          "exit-handler-quoted-failures.json",
          "dag-skipped-producer-default.json",
          "template-holder.json",
          "sync-mutex-root.json",
          "sync-lock.json",
          "steps-parallelism-fail-fast.json",
          "suspend-root.json",
          "suspend-resumed-child.json",
          "suspend-duration-child.json",
          "config-map-parameters.json",
          "steps-artifact-passing.json",
          "steps-artifact-consumer.json",
          "steps-exit-hook-child.json",
          "submitted-suspended-root.json",
          "ttl-strategy-root.json",
          "http-root.json",
          "workflow-hooks-root.json",
          "container-set-root.json",
          "memoize-miss-root.json",
          "memoize-hit-root.json",
          "cache-entry-holder.json",
          "retried-workflow-root.json",
          "retried-workflow-child.json",
          "pod-root-oom-killed-grows-memory.json",
          "display-name-root.json",
          "display-name-child.json",
          "global-outputs-root.json",
          "global-outputs-child.json",
          "steps-lifecycle-hooks-child.json",
          "pod-root-exclusion-expression.json",
          "cron-run-counted.json",
          "cron-run-skipped.json",
          "pod-root-retried-in-another-cluster.json",
          "daemon-steps-root.json",
          "daemon-child.json");

  @Test
  void recordPodRootFailingEveryAttempt() throws IOException {
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r -> Step.fail("node-" + (r.attempt() + 1)).runningFor(Duration.ofMillis(50))))) {
      harness.runToEnd(
          Plans.run(
              "retry-backoff-x7k2p",
              Plans.plan(Plans.container("retry-backoff", Plans.seedStrategy(), "x"))));
      write(harness, "retry-backoff-x7k2p", 0, "pod-root-fails-every-attempt.json");
    }
  }

  @Test
  void recordPodRootSucceedingOnTheThirdAttempt() throws IOException {
    try (Harness harness = new Harness(ScriptedExecutor.failingUntil(2))) {
      harness.runToEnd(
          Plans.run(
              "flaky",
              Plans.plan(
                  Plans.container(
                      "flaky",
                      new RetryStrategySpec(
                          "10", null, new BackoffSpec("5", "2", null, null), true, null),
                      "exit {{retries}}"))));
      write(harness, "flaky", 0, "pod-root-succeeds-on-third-attempt.json");
    }
  }

  @Test
  void recordPodRootContinuingAsNew() throws IOException {
    int attempts = ContinueAsNewPolicy.ATTEMPTS_PER_RUN + 5;
    try (Harness harness = new Harness(ScriptedExecutor.failingUntil(attempts - 1))) {
      harness.runToEnd(
          Plans.run("forever", Plans.plan(Plans.container("forever", Plans.retryForever(), "x"))));
      write(harness, "forever", 0, "pod-root-continues-as-new-first-run.json");
      write(harness, "forever", 1, "pod-root-continues-as-new-last-run.json");
    }
  }

  /** The second run upserts ArgoAttempts counting dropped attempts (a change id of 0.1.x). */
  @Test
  void recordPodRootContinuingAsNewWithSearchAttributes() throws IOException {
    int attempts = ContinueAsNewPolicy.ATTEMPTS_PER_RUN + 5;
    try (Harness harness = new Harness(ScriptedExecutor.failingUntil(attempts - 1))) {
      for (String keyword : List.of(Names.SA_TEMPLATE, Names.SA_PHASE, Names.SA_NAMESPACE)) {
        harness.env.registerSearchAttribute(
            keyword, io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      harness.env.registerSearchAttribute(
          Names.SA_ATTEMPTS, io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT);
      Harness.result(
          harness.start(
              Plans.run(
                  "counted", Plans.plan(Plans.container("forever", Plans.retryForever(), "x"))),
              io.temporal.client.WorkflowOptions.newBuilder()
                  .setMemo(Map.of(Names.MEMO_YAML, "kind: Workflow\n"))
                  .setTypedSearchAttributes(
                      io.temporal.common.SearchAttributes.newBuilder()
                          .set(
                              io.temporal.common.SearchAttributeKey.forKeyword(Names.SA_TEMPLATE),
                              "forever")
                          .build())));
      write(harness, "counted", 1, "pod-root-continues-as-new-with-search-attributes.json");
    }
  }

  /** Attempts kept to the second, for {@code lastRetry.duration} (a change id of 0.1.x). */
  @Test
  void recordPodRootRetriedOnAnExpressionOfItsDuration() throws IOException {
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r ->
                    (r.attempt() == 1 ? Step.succeed("node-1") : Step.fail("node-1"))
                        .runningFor(Duration.ofMillis(300))))) {
      harness.runToEnd(
          Plans.run(
              "timed",
              Plans.plan(
                  Plans.container(
                      "timed",
                      new RetryStrategySpec(
                          "2", null, null, false, "asInt(lastRetry.duration) < 60"),
                      "{{lastRetry.duration}}"))));
      write(harness, "timed", 0, "pod-root-retry-expression-whole-seconds.json");
    }
  }

  @Test
  void recordPodRootStoppedWhileItsAttemptRuns() throws IOException {
    try (Harness harness =
        new Harness(new ScriptedExecutor(r -> Step.succeed("node-1"), r -> true))) {
      ArgoWorkflow workflow =
          harness.start(
              Plans.run(
                  "stopped",
                  Plans.plan(Plans.container("sleeper", Plans.strategy("3", null), "x"))));
      Poll.until(() -> !harness.executor.requests().isEmpty());
      workflow.stop(Names.STOP_STRATEGY_STOP);
      Harness.result(workflow);
      write(harness, "stopped", 0, "pod-root-stopped-while-running.json");
    }
  }

  @Test
  void recordPodRootEndedByItsDeadline() throws IOException {
    try (Harness harness =
        new Harness(new ScriptedExecutor(r -> Step.succeed("node-1"), r -> true))) {
      harness.runToEnd(
          Plans.run(
              "late",
              Plans.plan(Plans.container("slow", Plans.strategy("2", null), "x"), List.of(), 3L)));
      write(harness, "late", 0, "pod-root-workflow-deadline.json");
    }
  }

  @Test
  void recordPodRootWithoutANamespace() throws IOException {
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(r -> Step.succeed("node-1")).withDefaultNamespace("team-a"))) {
      harness.runToEnd(
          new WorkflowRun(
              "anywhere",
              null,
              Plans.plan(Plans.container("show", null, "{{workflow.namespace}}")),
              Map.of(),
              null));
      write(harness, "anywhere", 0, "pod-root-namespace-chosen-by-worker.json");
    }
  }

  @Test
  void recordStepsAtTheRoot() throws IOException {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            FlowPlans.group(FlowPlans.step("a", "work")),
            FlowPlans.group(FlowPlans.step("b", "work"), FlowPlans.step("c", "work")));
    Template work = Plans.container("work", Plans.strategy("1", null), "work");
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r ->
                    r.nodeName().equals("steps[1].b(0)")
                        ? Step.fail("node-1")
                        : Step.succeed("node-2")))) {
      harness.runToEnd(Plans.run("steps", FlowPlans.plan(main, work)));
      write(harness, "steps", 0, "steps-root.json");
      write(harness, "steps/steps[1].b", 0, "steps-child-pod.json");
    }
  }

  @Test
  void recordDagAtTheRoot() throws IOException {
    Template dag =
        FlowPlans.dag(
            "main",
            false,
            FlowPlans.task("a", "work"),
            FlowPlans.depends(
                FlowPlans.task("b", "work"), new Depends.Result("a", TaskResult.Succeeded), "a"),
            FlowPlans.depends(
                FlowPlans.task("c", "work"), new Depends.Result("a", TaskResult.Failed), "a"));
    Template work = Plans.container("work", null, "work");
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(Plans.run("dag", FlowPlans.plan(dag, work)));
      write(harness, "dag", 0, "dag-root.json");
    }
  }

  @Test
  void recordRetriedStepsAtTheRoot() throws IOException {
    try (Harness harness = new Harness(failingFirstTwoStepsAttempts())) {
      harness.runToEnd(Plans.run("retried-steps", retriedStepsPlan(false)));
      write(harness, "retried-steps", 0, "retried-steps-root.json");
    }
  }

  @Test
  void recordRetriedStepsInAChildWorkflow() throws IOException {
    try (Harness harness = new Harness(failingFirstTwoStepsAttempts())) {
      harness.runToEnd(Plans.run("retried-steps", retriedStepsPlan(true)));
      write(harness, "retried-steps/retried-steps[0].group", 0, "retried-steps-child.json");
    }
  }

  /** A skipped task's declared output default reaches the next task (a change id of 0.1.x). */
  @Test
  void recordDagWhoseSkippedProducerGivesItsDefault() throws IOException {
    Template produce = Plans.container("produce", null, "x");
    produce =
        FlowPlans.flow(
            "produce",
            produce.body(),
            null,
            List.of(),
            List.of(new OutputParameter("msg", "/tmp/out", null, null, "from-default", null)));
    DagTask consumer = FlowPlans.task("consumer", "echo", "producer");
    Template dag =
        FlowPlans.dag(
            "main",
            false,
            new DagTask(
                "producer", "produce", List.of(), List.of(), null, null, "false", null, null),
            new DagTask(
                consumer.name(),
                consumer.template(),
                List.of(Parameter.of("msg", "{{tasks.producer.outputs.parameters.msg}}")),
                consumer.dependencies(),
                consumer.depends(),
                consumer.condition(),
                null,
                null,
                null));
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(Plans.run("skips", FlowPlans.plan(dag, produce, FlowPlans.echo())));
      write(harness, "skips", 0, "dag-skipped-producer-default.json");
    }
  }

  @Test
  void recordAnExitHandlerAfterAFailedEntrypoint() throws IOException {
    recordExitHandler("{{workflow.status}}", "exit-handler.json");
  }

  /** The exit handler is given the quoted failures (a change id of 0.1.x). */
  @Test
  void recordAnExitHandlerGivenTheQuotedFailures() throws IOException {
    recordExitHandler(
        "{{workflow.status}} {{workflow.failures}}", "exit-handler-quoted-failures.json");
  }

  private static void recordExitHandler(String exitArg, String file) throws IOException {
    Template main = Plans.container("main", Plans.strategy("1", null), "main");
    Template exit = Plans.container("exit", null, exitArg);
    WorkflowPlan plan = FlowPlans.plan(main, exit);
    plan =
        new WorkflowPlan(
            plan.name(),
            plan.generateName(),
            plan.namespace(),
            plan.labels(),
            plan.annotations(),
            plan.entrypoint(),
            plan.arguments(),
            plan.templates(),
            plan.activeDeadlineSeconds(),
            new PodGc(PodGc.Strategy.OnWorkflowCompletion),
            plan.serviceAccountName(),
            "exit");
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r -> r.nodeName().endsWith(".onExit") ? Step.succeed("node-1") : Step.fail("n")))) {
      harness.runToEnd(Plans.run("exits", plan));
      write(harness, "exits", 0, file);
    }
  }

  /** Step {@code a} fails under the first two attempts of the retried steps template. */
  private static ScriptedExecutor failingFirstTwoStepsAttempts() {
    return new ScriptedExecutor(
        r ->
            r.nodeName().contains("(0)") || r.nodeName().contains("(1)")
                ? Step.fail("node-1")
                : Step.succeed("node-2"));
  }

  /**
   * A steps template retried with a 1s backoff, running {@code a} then {@code b}; at the root, or
   * called by an outer steps template (so that it runs in a child workflow).
   */
  static WorkflowPlan retriedStepsPlan(boolean nested) {
    Template group =
        FlowPlans.steps(
            "group",
            Plans.strategy("3", "Always", new BackoffSpec("1", null, null, null)),
            FlowPlans.group(FlowPlans.step("a", "work")),
            FlowPlans.group(FlowPlans.step("b", "work")));
    Template work = Plans.container("work", null, "work");
    if (!nested) {
      return FlowPlans.plan(group, work);
    }
    Template outer =
        FlowPlans.steps("outer", null, FlowPlans.group(FlowPlans.step("group", "group")));
    return FlowPlans.plan(outer, group, work);
  }

  @Test
  void recordATemplateHolderWhileItHoldsItsTemplate() throws IOException {
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      String id = Names.TEMPLATE_ID_PREFIX + "default/held";
      WorkflowStub holder =
          harness
              .client()
              .newUntypedWorkflowStub(
                  Names.TEMPLATE_WORKFLOW_TYPE,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(Names.TASK_QUEUE)
                      .setMemo(Map.of(Names.MEMO_YAML, "kind: WorkflowTemplate"))
                      .build());
      holder.start();
      Poll.until(
          () ->
              harness.events(id).stream()
                  .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
      // Recorded while it holds: a terminated history ends with an event no replay can run.
      write(harness, id, 0, "template-holder.json");
    }
  }

  /** A workflow holding a mutex, and the lock's own workflow (synchronization, after 0.1.0). */
  @Test
  void recordAWorkflowHoldingAMutexAndTheLock() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: locked
        spec:
          entrypoint: main
          synchronization:
            mutexes:
            - name: shared
          templates:
          - name: main
            container:
              image: alpine:3.20
              command: [sh, -c, "echo locked"]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("locked.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("locked", "argo", plan, java.util.Map.of(), null));
      write(harness, "locked", 0, "sync-mutex-root.json");
      write(
          harness,
          dev.targo.api.Names.LOCK_WORKFLOW_ID_PREFIX + "argo/Mutex/shared",
          0,
          "sync-lock.json");
    }
  }

  /** A steps template's parallelism of 1 with failFast over three items (after 0.1.0). */
  @Test
  void recordStepsWithParallelismAndFailFast() throws IOException {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            FlowPlans.group(
                FlowPlans.loop(
                    FlowPlans.step("each", "echo", Parameter.of("msg", "{{item}}")),
                    FlowPlans.items("ok", "bad", "never"))));
    main =
        new Template(
            main.name(),
            main.body(),
            main.inputs(),
            main.retryStrategy(),
            main.activeDeadlineSeconds(),
            main.timeout(),
            main.nodeSelector(),
            main.affinity(),
            main.tolerations(),
            main.metadata(),
            main.podSpecPatch(),
            main.serviceAccountName(),
            main.outputs(),
            1,
            true,
            List.of());
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r ->
                    r.template().body().container().args().getFirst().equals("bad")
                        ? Step.fail("node-1")
                        : Step.succeed("node-1")))) {
      harness.runToEnd(Plans.run("limited", FlowPlans.plan(main, FlowPlans.echo())));
      write(harness, "limited", 0, "steps-parallelism-fail-fast.json");
    }
  }

  /**
   * A steps root with a suspend node resumed by a signal (set output, then resume) and one resumed
   * by its duration (after 0.1.0): the root passing the updates down, and both children.
   */
  @Test
  void recordSuspendNodesResumedBySignalAndByDuration() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: suspended
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: approve
                template: approve
            - - name: delay
                template: delay
            - - name: release
                template: print
                arguments:
                  parameters:
                  - name: message
                    value: "{{steps.approve.outputs.parameters.message}}"
          - name: approve
            suspend: {}
            outputs:
              parameters:
              - name: message
                valueFrom:
                  supplied: {}
          - name: delay
            suspend:
              duration: "30s"
          - name: print
            inputs:
              parameters:
              - name: message
            container:
              image: alpine:3.20
              command: [echo, "{{inputs.parameters.message}}"]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("suspended.yaml", yaml))
            .plan();
    String approve = dev.targo.argo.flow.NodeNames.workflowId("suspended", "suspended[0].approve");
    String approveId = dev.targo.argo.PodNames.nodeId("suspended", "suspended[0].approve");
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      ArgoWorkflow workflow =
          harness.start(
              new dev.targo.api.temporal.WorkflowRun("suspended", "argo", plan, Map.of(), null));
      var child =
          harness.client().newWorkflowStub(dev.targo.api.temporal.NodeWorkflow.class, approve);
      Poll.until(
          () -> {
            try {
              return child.status().nodes().containsKey(approveId);
            } catch (RuntimeException notYet) {
              return false;
            }
          });
      workflow.updateNodes(
          new dev.targo.api.temporal.NodeUpdate(
              List.of(approveId), null, null, Map.of("message", "shipped")));
      workflow.updateNodes(
          new dev.targo.api.temporal.NodeUpdate(List.of(approveId), "Succeeded", null, Map.of()));
      Harness.result(workflow);
      write(harness, "suspended", 0, "suspend-root.json");
      write(harness, approve, 0, "suspend-resumed-child.json");
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("suspended", "suspended[1].delay"),
          0,
          "suspend-duration-child.json");
    }
  }

  /** A workflow argument and an input read from a ConfigMap when the workflow starts. */
  @Test
  void recordConfigMapParameters() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: from-configmap
        spec:
          entrypoint: main
          arguments:
            parameters:
            - name: message
              valueFrom:
                configMapKeyRef: {name: simple-parameters, key: msg}
          templates:
          - name: main
            inputs:
              parameters:
              - name: other
                valueFrom:
                  configMapKeyRef: {name: simple-parameters, key: other}
            container:
              image: alpine:3.20
              command: [echo, "{{workflow.parameters.message}} {{inputs.parameters.other}}"]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("cm.yaml", yaml))
            .plan();
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(r -> Step.succeed("node-1"))
                .withConfigMap(
                    "argo",
                    "simple-parameters",
                    java.util.Map.of("msg", "hello", "other", "world")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun(
              "from-configmap", "argo", plan, java.util.Map.of(), null));
      write(harness, "from-configmap", 0, "config-map-parameters.json");
    }
  }

  /**
   * A steps template passing an output artifact to the next step by reference: the producer's
   * outcome carries the artifact's key, the consumer's attempt its input located there.
   */
  @Test
  void recordStepsPassingAnArtifact() throws IOException {
    dev.targo.argo.plan.Artifact out = artifact("out", "/tmp/out", null);
    Template produce = Plans.container("produce", null, "x").withOutputs(List.of(out));
    Template consume =
        Plans.container("consume", null, "cat", "/tmp/in")
            .withInputArtifacts(List.of(artifact("in", "/tmp/in", null)));
    dev.targo.argo.plan.Step passing =
        new dev.targo.argo.plan.Step(
            "consume",
            "consume",
            List.of(),
            null,
            null,
            null,
            List.of(artifact("in", null, "{{steps.produce.outputs.artifacts.out}}")));
    Template main =
        FlowPlans.steps(
            "main",
            null,
            FlowPlans.group(FlowPlans.step("produce", "produce")),
            FlowPlans.group(passing));
    ScriptedExecutor scripted = new ScriptedExecutor(r -> Step.succeed("node-1"));
    dev.targo.worker.executor.PodExecutor saving =
        (r, heartbeat) -> {
          var outcome = scripted.run(r, heartbeat);
          return r.template().outputArtifacts().isEmpty()
              ? outcome
              : outcome.withOutputArtifacts(
                  List.of(
                      out.withS3(
                          dev.targo.argo.plan.Artifact.S3.ofKey(
                              "artifacts/" + r.podName() + "/out.tgz"))));
        };
    try (Harness harness =
        new Harness(
            env -> {
              scripted.useClock(env::currentTimeMillis);
              return saving;
            },
            WorkerSettings.defaults(null))) {
      harness.runToEnd(Plans.run("artifacts", FlowPlans.plan(main, produce, consume)));
      var consumed =
          scripted.requests().stream()
              .filter(r -> r.template().name().equals("consume"))
              .findFirst()
              .orElseThrow();
      if (!consumed.template().inputArtifacts().getFirst().hasLocation()) {
        throw new IllegalStateException("the consumer got no artifact: nothing worth recording");
      }
      write(harness, "artifacts", 0, "steps-artifact-passing.json");
      write(harness, "artifacts/artifacts[1].consume", 0, "steps-artifact-consumer.json");
    }
  }

  private static dev.targo.argo.plan.Artifact artifact(String name, String path, String from) {
    return new dev.targo.argo.plan.Artifact(
        name, path, null, from, null, null, null, null, null, null, null, null, null);
  }

  /**
   * A step whose exit hook names its own output (after 0.1.0): the step's child workflow running
   * the node, then the hook as its child node.
   */
  @Test
  void recordAStepWithAnExitHook() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: hooked
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: hello
                template: say
                hooks:
                  exit:
                    template: cleanup
                    arguments:
                      parameters:
                      - name: seen
                        value: "{{steps.hello.status}} {{steps.hello.outputs.result}}"
          - name: say
            container: {image: busybox, command: [echo, hi]}
          - name: cleanup
            inputs: {parameters: [{name: seen}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.seen}}"]}
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("hooked.yaml", yaml))
            .plan();
    try (Harness harness =
        new Harness(new ScriptedExecutor(r -> Step.succeed("node-1").printing("hi")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("hooked", "argo", plan, Map.of(), null));
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("hooked", "hooked[0].hello"),
          0,
          "steps-exit-hook-child.json");
    }
  }

  /** A pod root submitted with {@code spec.suspend: true}, resumed by a signal. */
  @Test
  void recordAWorkflowSubmittedSuspended() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: held
        spec:
          entrypoint: print
          suspend: true
          templates:
          - name: print
            container:
              image: alpine:3.20
              command: [echo, hi]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("held.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      ArgoWorkflow workflow =
          harness.start(
              new dev.targo.api.temporal.WorkflowRun("held", "argo", plan, Map.of(), null));
      Poll.until(() -> Boolean.TRUE.equals(workflow.status().suspended()));
      workflow.updateNodes(
          new dev.targo.api.temporal.NodeUpdate(List.of(), "Succeeded", null, Map.of(), false));
      Harness.result(workflow);
      write(harness, "held", 0, "submitted-suspended-root.json");
    }
  }

  /** A pod root with {@code spec.ttlStrategy}: it starts its expiry as it ends. */
  @Test
  void recordAWorkflowWithATtlStrategy() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: expiring
        spec:
          entrypoint: print
          ttlStrategy:
            secondsAfterCompletion: 60
          templates:
          - name: print
            container:
              image: alpine:3.20
              command: [echo, hi]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("expiring.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("expiring", "argo", plan, Map.of(), null));
      write(harness, "expiring", 0, "ttl-strategy-root.json");
    }
  }

  /** An http template at the root, retried once on a 503, against a server on this machine. */
  @Test
  void recordAnHttpTemplateAtTheRoot() throws IOException {
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(calls.getAndIncrement() == 0 ? 503 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String yaml =
          """
          apiVersion: argoproj.io/v1alpha1
          kind: Workflow
          metadata:
            name: calling
          spec:
            entrypoint: call
            templates:
            - name: call
              retryStrategy: {limit: 2}
              http:
                url: "http://127.0.0.1:PORT/ping"
          """
              .replace("PORT", Integer.toString(server.getAddress().getPort()));
      var plan =
          ((dev.targo.translator.Translation.Ok)
                  dev.targo.translator.Translator.translate("calling.yaml", yaml))
              .plan();
      try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
        harness.runToEnd(
            new dev.targo.api.temporal.WorkflowRun("calling", "argo", plan, Map.of(), null));
        write(harness, "calling", 0, "http-root.json");
      }
    } finally {
      server.stop(0);
    }
  }

  /** A steps root with spec.hooks: one run while it runs, one after its success, the exit hook. */
  @Test
  void recordAWorkflowWithLifecycleHooks() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: hooked-wf
        spec:
          entrypoint: main
          hooks:
            exit:
              template: say
              arguments:
                parameters: [{name: what, value: "exit {{workflow.status}}"}]
            running:
              expression: workflow.status == "Running"
              template: say
              arguments:
                parameters: [{name: what, value: running}]
            succeeded:
              expression: workflow.status == "Succeeded"
              template: say
              arguments:
                parameters: [{name: what, value: succeeded}]
          templates:
          - name: main
            container:
              image: alpine:3.20
              command: [echo, work]
          - name: say
            inputs:
              parameters: [{name: what}]
            container:
              image: alpine:3.20
              command: [echo, "{{inputs.parameters.what}}"]
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("hooked-wf.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("hooked-wf", "argo", plan, Map.of(), null));
      write(harness, "hooked-wf", 0, "workflow-hooks-root.json");
    }
  }

  @Test
  void recordAContainerSetAtTheRoot() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: graph
        spec:
          entrypoint: main
          templates:
          - name: main
            containerSet:
              containers:
              - {name: a, image: alpine:3.20, command: [echo, a]}
              - {name: b, image: alpine:3.20, command: [echo, b], dependencies: [a]}
              - {name: main, image: alpine:3.20, command: [echo, main], dependencies: [a, b]}
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("graph.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("graph", "argo", plan, Map.of(), null));
      write(harness, "graph", 0, "container-set-root.json");
    }
  }

  /**
   * A memoized pod root (after 0.1.0): its key looked up and missed, the pod run, its outputs
   * saved; then a second workflow whose lookup hits and which runs nothing. In real time, so that
   * the entry lives between the two (a time skip would jump past the test server's timeout of the
   * entry's holder).
   */
  @Test
  void recordAMemoizedPodMissingThenHittingItsCache() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: NAME
        spec:
          entrypoint: world-to-file
          templates:
          - name: world-to-file
            memoize:
              key: "cache-key"
              maxAge: "10m"
              cache:
                configMap:
                  name: cache-config
            script:
              image: busybox
              command: [sh]
              source: echo world
        """;
    try (Harness harness =
        new Harness(
            env -> new ScriptedExecutor(r -> Step.succeed("node-1").printing("world")),
            WorkerSettings.defaults(null),
            false)) {
      for (String name : List.of("memoized-miss", "memoized-hit")) {
        var plan =
            ((dev.targo.translator.Translation.Ok)
                    dev.targo.translator.Translator.translate(
                        name + ".yaml", yaml.replace("NAME", name)))
                .plan();
        harness.runToEnd(
            new dev.targo.api.temporal.WorkflowRun(name, "argo", plan, Map.of(), null));
      }
      write(harness, "memoized-miss", 0, "memoize-miss-root.json");
      write(harness, "memoized-hit", 0, "memoize-hit-root.json");
      String holder = dev.targo.worker.activity.CacheStore.workflowId("cache-config", "cache-key");
      Poll.until(
          () ->
              harness.events(holder).stream()
                  .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
      // Recorded while it holds: a terminated history ends with an event no replay can run.
      write(harness, holder, 0, "cache-entry-holder.json");
    }
  }

  /**
   * A workflow run again by {@code targo retry}: the retried run deletes the failed pod, then its
   * child workflow for the steps node adopts the kept step and runs the failed one again.
   */
  @Test
  void recordARetriedWorkflowKeepingItsSucceededStep() throws IOException {
    Template main =
        FlowPlans.steps("main", null, FlowPlans.group(FlowPlans.step("inner", "inner")));
    Template inner =
        FlowPlans.steps(
            "inner",
            null,
            FlowPlans.group(FlowPlans.step("x", "work")),
            FlowPlans.group(FlowPlans.step("y", "work")));
    Template work = Plans.container("work", null, "work");
    java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r ->
                    r.nodeName().endsWith(".y") && failed.add(r.nodeName())
                        ? Step.fail("node-1")
                        : Step.succeed("node-2")))) {
      WorkflowRun first = Plans.run("retried", FlowPlans.plan(main, inner, work));
      dev.targo.argo.status.WorkflowStatus status = harness.runToEnd(first);
      var formulated =
          dev.targo.argo.status.RetryFormulation.formulate(
              "retried", status.nodes(), null, false, java.time.Instant.EPOCH);
      harness.runToEnd(
          new WorkflowRun(
              first.name(),
              first.namespace(),
              first.plan(),
              first.parameters(),
              null,
              new dev.targo.api.temporal.WorkflowRetry(
                  "uid-1", formulated.retained(), formulated.podsToDelete())));
      write(harness, "retried", 0, "retried-workflow-root.json");
      write(harness, "retried/retried[0].inner", 0, "retried-workflow-child.json");
    }
  }

  /**
   * examples/retry-node-fault-hosts.yaml: attempt 0 is killed (exit 137) on node-1, which its
   * {@code nodeAntiAffinity.expression} excludes; attempt 1 fails with exit 1 on node-2, which it
   * does not; attempt 2 runs on node-2 and succeeds.
   */
  @Test
  void recordPodRootWithAnExclusionExpression() throws IOException {
    String yaml = Files.readString(Path.of("..", "examples", "retry-node-fault-hosts.yaml"));
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r ->
                    switch (r.attempt()) {
                      case 0 -> Step.oomKilled("node-1");
                      case 1 -> Step.fail("node-2");
                      default -> Step.succeed("node-2");
                    }))) {
      harness.runToEnd(Plans.run("fault", yaml));
      write(harness, "fault", 0, "pod-root-exclusion-expression.json");
    }
  }

  /**
   * examples/retry-oom-grows-memory.yaml: attempt 0 is OOMKilled, attempt 1 runs with its memory
   * grown by {@code onOOMKilled} and {@code {{lastRetry.reason}}} set, and succeeds.
   */
  @Test
  void recordPodRootRetriedWithMoreMemoryAfterOomKilled() throws IOException {
    String yaml = Files.readString(Path.of("..", "examples", "retry-oom-grows-memory.yaml"));
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r -> r.attempt() == 0 ? Step.oomKilled("node-1") : Step.succeed("node-1")))) {
      harness.runToEnd(Plans.run("oom", yaml));
      write(harness, "oom", 0, "pod-root-oom-killed-grows-memory.json");
    }
  }

  /**
   * A loop over a template whose display-name annotation names each child after its inputs (after
   * 0.1.0): the root, and the child workflow of one item, whose node shows the name.
   */
  @Test
  void recordALoopOverATemplateWithADisplayName() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: shown
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: os
                template: cat-os-release
                arguments:
                  parameters:
                  - {name: image, value: "{{item}}"}
                withItems: [alpine, debian]
          - name: cat-os-release
            annotations:
              workflows.argoproj.io/display-name: "os-{{inputs.parameters.image}}"
            inputs: {parameters: [{name: image}]}
            container: {image: "{{inputs.parameters.image}}", command: [cat, /etc/os-release]}
        """;
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      var status = harness.runToEnd(Plans.run("shown", yaml));
      String child = "shown[0].os(0:alpine)";
      if (!status.nodes().values().stream().anyMatch(n -> "os-alpine".equals(n.displayName()))) {
        throw new IllegalStateException("no node shows its display name: nothing worth recording");
      }
      write(harness, "shown", 0, "display-name-root.json");
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("shown", child),
          0,
          "display-name-child.json");
    }
  }

  /**
   * One run of a cron workflow ({@code ArgoCronRun}) as its schedule starts it: the run's workflow
   * as a child, then the count of the ended run ({@code CountCronRun}; the test server has no
   * schedules, so it fails and is logged) and the history limits.
   */
  @Test
  void recordACronRunThatCountsItsRun() throws IOException {
    recordCronRun(null, dev.targo.argo.plan.CronStatus.NONE, "cron-run-counted.json");
  }

  /** A scheduled time whose {@code when} is false: nothing starts. */
  @Test
  void recordACronRunSkippedByItsWhen() throws IOException {
    recordCronRun(
        "{{cronworkflow.succeeded}} < 1",
        dev.targo.argo.plan.CronStatus.NONE.count("nightly-1767139200", true),
        "cron-run-skipped.json");
  }

  private static void recordCronRun(String when, dev.targo.argo.plan.CronStatus status, String file)
      throws IOException {
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("ok")))) {
      harness.env.registerSearchAttribute(
          "TemporalScheduledById",
          io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      harness.env.registerSearchAttribute(
          "TemporalScheduledStartTime",
          io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
      dev.targo.api.temporal.CronRun run =
          new dev.targo.api.temporal.CronRun(
              new dev.targo.argo.plan.CronSpec(
                  "nightly",
                  null,
                  List.of("@daily"),
                  null,
                  "Forbid",
                  null,
                  3,
                  1,
                  false,
                  "cronworkflow.succeeded >= 1",
                  when),
              null,
              Plans.plan(Plans.container("nightly", null, "x")),
              Map.of(),
              "kind: Workflow",
              false,
              status);
      String id = "targo-cron:argo/nightly-2026-01-01T00:00:00Z";
      dev.targo.api.temporal.CronRunWorkflow cron =
          harness
              .client()
              .newWorkflowStub(
                  dev.targo.api.temporal.CronRunWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(Names.TASK_QUEUE)
                      .setTypedSearchAttributes(
                          io.temporal.common.SearchAttributes.newBuilder()
                              .set(CronRunWorkflowImpl.SCHEDULED_BY_ID, "targo-cron:argo/nightly")
                              .set(
                                  CronRunWorkflowImpl.SCHEDULED_START_TIME,
                                  java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"))
                              .build())
                      .build());
      cron.run(run);
      write(harness, id, 0, file);
    }
  }

  /**
   * examples/retry-other-cluster.yaml (targo's clusters): attempt 0 runs in cluster gpu-east and
   * fails, attempt 1 runs in gpu-west and succeeds, each through its cluster's task queue.
   */
  @Test
  void recordPodRootRetriedInAnotherCluster() throws IOException {
    String yaml = Files.readString(Path.of("..", "examples", "retry-other-cluster.yaml"));
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(r -> Step.succeed("node-1")),
            java.util.Map.of(
                "gpu-east", new ScriptedExecutor(r -> Step.fail("gpu-east-node-1")),
                "gpu-west", new ScriptedExecutor(r -> Step.succeed("gpu-west-node-1"))))) {
      harness.runToEnd(Plans.run("clusters", yaml));
      write(harness, "clusters", 0, "pod-root-retried-in-another-cluster.json");
    }
  }

  private static void write(Harness harness, String id, int run, String file) throws IOException {
    if (!FILES.contains(file)) {
      throw new IllegalArgumentException(file + " is not listed in FILES");
    }
    Path dir = file.equals(SHIPPED) ? SHIPPED_DIR : DIR;
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), harness.runs(id).get(run).toJson(true));
  }

  /**
   * A step's lifecycle hooks other than exit ({@code StepHooksWorkflowTest}): the step's child
   * workflow running the node, its {@code running} hook beside it and its {@code succeeded} hook,
   * which names the step's own output, once it has ended.
   */
  @Test
  void recordAStepWithLifecycleHooks() throws IOException {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: lifecycle
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: step-1
                template: say
                hooks:
                  running:
                    expression: steps["step-1"].status == "Running"
                    template: hook
                    arguments:
                      parameters: [{name: seen, value: "running"}]
                  succeeded:
                    expression: steps["step-1"].status == "Succeeded"
                    template: hook
                    arguments:
                      parameters: [{name: seen, value: "{{steps.step-1.outputs.result}}"}]
          - name: say
            container: {image: busybox, command: [echo, hi]}
          - name: hook
            inputs: {parameters: [{name: seen}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.seen}}"]}
        """;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("lifecycle.yaml", yaml))
            .plan();
    try (Harness harness =
        new Harness(new ScriptedExecutor(r -> Step.succeed("node-1").printing("hi")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("lifecycle", "argo", plan, Map.of(), null));
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("lifecycle", "lifecycle[0].step-1"),
          0,
          "steps-lifecycle-hooks-child.json");
    }
  }

  /**
   * A daemon step ({@code DaemonWorkflowTest}): the daemon's child workflow is signalled ready by
   * its pod activity and tells the root, whose next steps run with its IP; the root then stops it.
   */
  @Test
  void recordADaemonStep() throws IOException {
    String yaml = dev.targo.worker.workflow.runs.DaemonWorkflowTest.STEPS.replace("RETRY", "");
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("daemon.yaml", yaml))
            .plan();
    ScriptedExecutor executor =
        new ScriptedExecutor(
            r ->
                r.template().name().equals("server")
                    ? Step.daemon("node-1", "10.0.0.7")
                    : Step.succeed("node-2"));
    // In real time: the daemon's pod runs in real time until it is deleted.
    try (Harness harness =
        new Harness(
            env -> {
              executor.useClock(env::currentTimeMillis);
              return executor;
            },
            WorkerSettings.defaults(null),
            false)) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("daemon", "argo", plan, Map.of(), null));
      write(harness, "daemon", 0, "daemon-steps-root.json");
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("daemon", "daemon[0].server"),
          0,
          "daemon-child.json");
    }
  }

  /**
   * Output parameters exported by {@code globalName} ({@code GlobalOutputsWorkflowTest}): one from
   * a pod at the root's first step, one from a pod in a child workflow (a nested steps template)
   * that returns it to the root, read by later steps and by the exit handler.
   */
  @Test
  void recordGlobalOutputs() throws IOException {
    String yaml = dev.targo.worker.workflow.flow.GlobalOutputsWorkflowTest.YAML;
    var plan =
        ((dev.targo.translator.Translation.Ok)
                dev.targo.translator.Translator.translate("globals.yaml", yaml))
            .plan();
    try (Harness harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1")))) {
      harness.runToEnd(
          new dev.targo.api.temporal.WorkflowRun("globals", "argo", plan, Map.of(), null));
      write(harness, "globals", 0, "global-outputs-root.json");
      write(
          harness,
          dev.targo.argo.flow.NodeNames.workflowId("globals", "globals[2].second"),
          0,
          "global-outputs-child.json");
    }
  }
}
