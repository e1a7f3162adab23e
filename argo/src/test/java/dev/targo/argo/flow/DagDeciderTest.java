package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.TemplateBody.DagBody;
import dev.targo.argo.status.NodePhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagDeciderTest {

  private static DagTask task(String name, Depends condition, ContinueOn on, String... deps) {
    return new DagTask(name, "t", List.of(), List.of(deps), null, condition, null, null, on);
  }

  private static Depends ok(String dep) {
    return new Depends.Or(
        new Depends.Result(dep, TaskResult.Succeeded), new Depends.Result(dep, TaskResult.Skipped));
  }

  private static DagDecider.Finished done(NodePhase phase) {
    return new DagDecider.Finished(phase, null);
  }

  private static final DagBody DIAMOND =
      new DagBody(
          List.of(
              task("A", null, null),
              task("B", ok("A"), null, "A"),
              task("C", ok("A"), null, "A"),
              task("D", new Depends.And(ok("B"), ok("C")), null, "B", "C")),
          null,
          true);

  @Test
  void targetsAreTheLeavesWithoutATarget() {
    assertThat(DagDecider.targets(DIAMOND)).containsExactly("D");
  }

  @Test
  void aTargetRunsOnlyWhatItNeeds() {
    DagBody dag = new DagBody(DIAMOND.tasks(), "B", true);

    assertThat(DagDecider.needed(dag, DagDecider.targets(dag))).containsExactlyInAnyOrder("A", "B");
  }

  @Test
  void tasksBecomeReadyInDeclarationOrderOnceTheirDependenciesFinished() {
    Map<String, DagDecider.Finished> finished = Map.of("A", done(NodePhase.Succeeded));

    assertThat(
            DagDecider.ready(DIAMOND, Set.of("A", "B", "C", "D"), Set.of("A"), finished).stream()
                .map(n -> n.getClass().getSimpleName() + " " + n.task().name()))
        .containsExactly("Run B", "Run C");
  }

  @Test
  void aDependsThatDoesNotHoldOmitsTheTask() {
    Map<String, DagDecider.Finished> finished = Map.of("A", done(NodePhase.Failed));

    assertThat(DagDecider.ready(DIAMOND, Set.of("A", "B", "C", "D"), Set.of("A"), finished))
        .extracting(n -> n.getClass().getSimpleName())
        .containsExactly("Omit", "Omit");
  }

  @Test
  void anOmittedTargetTakesTheFailedPhaseOfItsBranch() {
    Map<String, DagDecider.Finished> finished = new LinkedHashMap<>();
    finished.put("A", done(NodePhase.Succeeded));
    finished.put("B", done(NodePhase.Error));
    finished.put("C", done(NodePhase.Succeeded));
    finished.put("D", done(NodePhase.Omitted));

    assertThat(DagDecider.assess(DIAMOND, List.of("D"), finished)).isEqualTo(NodePhase.Error);
  }

  @Test
  void aTargetThatContinuesOnItsFailureDoesNotFailTheDag() {
    DagBody dag = new DagBody(List.of(task("A", null, new ContinueOn(true, false))), null, true);

    assertThat(DagDecider.assess(dag, List.of("A"), Map.of("A", done(NodePhase.Failed))))
        .isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void withFailFastTheFirstFailingTargetDecidesWithoutItTheLast() {
    List<DagTask> tasks = List.of(task("A", null, null), task("B", null, null));
    Map<String, DagDecider.Finished> finished =
        Map.of("A", done(NodePhase.Failed), "B", done(NodePhase.Error));

    assertThat(DagDecider.assess(new DagBody(tasks, null, true), List.of("A", "B"), finished))
        .isEqualTo(NodePhase.Failed);
    assertThat(DagDecider.assess(new DagBody(tasks, null, false), List.of("A", "B"), finished))
        .isEqualTo(NodePhase.Error);
  }
}
