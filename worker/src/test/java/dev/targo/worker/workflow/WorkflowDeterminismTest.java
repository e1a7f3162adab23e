package dev.targo.worker.workflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Workflow code is deterministic (docs/DESIGN.md §6): the check runs over the compiled workflow
 * implementations in every build, and is shown to catch each kind of problem it looks for.
 */
class WorkflowDeterminismTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.targo");

  @Test
  void findsEveryWorkflowImplementation() {
    assertThat(new DeterminismCheck(MAIN).workflowImplementations())
        .extracting(JavaClass::getSimpleName)
        .containsExactlyInAnyOrder(
            "ArgoWorkflowImpl",
            "NodeWorkflowImpl",
            "LockWorkflowImpl",
            "TemplateHolderImpl",
            "CronRunWorkflowImpl",
            "WorkflowTtlImpl",
            "CacheEntryHolderImpl");
  }

  @Test
  void workflowCodeMakesNoNondeterministicCallAndKeepsNoMutableStaticState() {
    DeterminismCheck check = new DeterminismCheck(MAIN);
    for (JavaClass workflow : check.workflowImplementations()) {
      assertThat(check.violations(workflow)).as(workflow.getName()).isEmpty();
    }
  }

  @Test
  void theCheckFollowsTheWorkflowIntoThePureCodeItRunsButNotIntoActivities() {
    DeterminismCheck check = new DeterminismCheck(MAIN);

    Set<String> reach = check.reach(MAIN.get(ArgoWorkflowImpl.class));

    assertThat(reach)
        .contains(
            "NodeRunner.run",
            "PodAttempts.run",
            "AttemptPlanner.plan",
            "RetryDecider.decide",
            "Templating.substitute",
            "NodeTree.status",
            "StepsExecution.run",
            "DagDecider.ready",
            "ChildNodes.start")
        .noneSatisfy(unit -> assertThat(unit).startsWith("PodActivitiesImpl."))
        .noneSatisfy(unit -> assertThat(unit).startsWith("KubernetesExecutor."));
  }

  @Test
  void workflowCodeDependsOnNoActivityExecutorOrRuntimeCode() {
    noClasses()
        .that()
        .resideInAPackage("dev.targo.worker.workflow..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.targo.worker.activity..",
            "dev.targo.worker.executor..",
            "dev.targo.worker.runtime..",
            "io.fabric8..")
        .check(MAIN);
  }

  @Test
  void onlyTheRegistryOfChangeIdsAsksForAVersion() {
    assertThat(MAIN.stream())
        .filteredOn(
            c ->
                c.getMethodCallsFromSelf().stream()
                    .anyMatch(
                        call ->
                            call.getTargetOwner().isEquivalentTo(Workflow.class)
                                && call.getName().equals("getVersion")))
        .extracting(JavaClass::getSimpleName)
        .containsExactly("ChangeIds");
  }

  @Test
  void theCheckReportsEveryKindOfProblemInAWorkflowThatHasThem() {
    JavaClasses withFixture =
        new ClassFileImporter().importClasses(Nondeterministic.class, Nondeterministic.Clock.class);

    Set<String> problems =
        new DeterminismCheck(withFixture).violations(withFixture.get(Nondeterministic.class));

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("Clock.now")
                    .endsWith("calls java.lang.System.currentTimeMillis"))
        .anySatisfy(p -> assertThat(p).endsWith("calls java.util.UUID.randomUUID"))
        .anySatisfy(p -> assertThat(p).endsWith("calls java.util.HashMap.forEach"))
        .anySatisfy(p -> assertThat(p).endsWith("calls java.lang.Thread.sleep"))
        .anySatisfy(p -> assertThat(p).endsWith("calls java.lang.Thread.currentThread"))
        .anySatisfy(p -> assertThat(p).endsWith("calls java.lang.Thread.interrupt"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "uses the mutable static field "
                            + Nondeterministic.class.getName()
                            + ".runs"))
        .anySatisfy(p -> assertThat(p).endsWith("uses java.lang.System.out"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("Nondeterministic.run")
                    .endsWith("calls java.lang.Math.random"))
        .hasSize(9);
  }

  /** A workflow that does, directly or through a lambda and a helper, what workflows must not. */
  static final class Nondeterministic implements ArgoWorkflow {
    private static int runs;

    @Override
    public WorkflowStatus run(WorkflowRun run) {
      runs++;
      Supplier<Long> time = Clock::now;
      HashMap<String, String> byName = new HashMap<>();
      byName.forEach((k, v) -> {});
      Runnable later = () -> Math.random();
      later.run();
      System.out.println(UUID.randomUUID() + " " + time.get());
      return null;
    }

    @Override
    public WorkflowStatus status() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }

    @Override
    public void stop(String strategy) {}

    @Override
    public void updateNodes(dev.targo.api.temporal.NodeUpdate update) {}

    @Override
    public void lockGranted(String key) {}

    @Override
    public void daemoned(dev.targo.api.temporal.Daemoned daemoned) {}

    static final class Clock {
      static long now() {
        return System.currentTimeMillis();
      }
    }
  }
}
