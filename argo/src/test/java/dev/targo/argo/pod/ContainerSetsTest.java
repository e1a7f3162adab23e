package dev.targo.argo.pod;

import static dev.targo.argo.pod.PodBuilder.exited;
import static dev.targo.argo.pod.PodBuilder.pod;
import static dev.targo.argo.pod.PodBuilder.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSetRetry;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.TemplateBody.ContainerSetBody;
import dev.targo.argo.pod.ContainerSets.Step;
import dev.targo.argo.pod.PodState.Phase;
import dev.targo.argo.status.NodePhase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Argo's emissary and controller rules for the containers of a container set. */
class ContainerSetsTest {

  private static ContainerNode c(String name, String... dependencies) {
    return new ContainerNode(
        name,
        new ContainerSpec("busybox", List.of("true"), null, null, null, null, null, null, null),
        Arrays.asList(dependencies));
  }

  /** graph-workflow.yaml of Argo's examples: a; b and c after a; d after b and c. */
  private static final ContainerSetBody GRAPH =
      new ContainerSetBody(
          List.of(c("a"), c("b", "a"), c("c", "a"), c("d", "b", "c")), List.of(), null);

  @Test
  void onlyContainersWithoutDependenciesStartFirst() {
    assertThat(ContainerSets.next(GRAPH, Map.of(), Set.of())).containsExactly(new Step.Start("a"));
  }

  @Test
  void independentContainersStartTogetherOnceTheirDependencyHasSucceeded() {
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 0), Set.of("a")))
        .containsExactly(new Step.Start("b"), new Step.Start("c"));
    // d waits for both b and c.
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 0, "b", 0), Set.of("a", "b", "c"))).isEmpty();
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 0, "b", 0, "c", 0), Set.of("a", "b", "c")))
        .containsExactly(new Step.Start("d"));
  }

  @Test
  void aFailedDependencyEndsTheContainerWithTheEmissarysErrorAndPassesItsCodeOn() {
    List<Step> steps = ContainerSets.next(GRAPH, Map.of("a", 3), Set.of("a"));
    assertThat(steps).containsExactly(new Step.Skip("b", "a", 3), new Step.Skip("c", "a", 3));
    assertThat(((Step.Skip) steps.get(0)).message())
        .isEqualTo("dependency \"a\" exited with non-zero code: 3");
    // The code skipped containers pass on is the one they saw, as the emissary writes it.
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 3, "b", 3, "c", 3), Set.of("a", "b", "c")))
        .containsExactly(new Step.Skip("d", "b", 3));
  }

  @Test
  void dependenciesAreAwaitedInTheOrderWritten() {
    // d waits for b first: c's failure is not looked at while b runs (the emissary waits for b).
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 0, "c", 1), Set.of("a", "b", "c"))).isEmpty();
    assertThat(ContainerSets.next(GRAPH, Map.of("a", 0, "b", 0, "c", 1), Set.of("a", "b", "c")))
        .containsExactly(new Step.Skip("d", "c", 1));
  }

  @Test
  void retriesIsTheNumberOfRunsAsArgosBackoffStepsAndZeroStillRunsOnce() {
    assertThat(ContainerSets.retry(null)).isEqualTo(ContainerSets.Retry.ONCE);
    assertThat(ContainerSets.retry(new ContainerSetRetry("2", "5s")))
        .isEqualTo(new ContainerSets.Retry(2, Duration.ofSeconds(5)));
    assertThat(ContainerSets.retry(new ContainerSetRetry("10", null)).runs()).isEqualTo(10);
    assertThat(ContainerSets.retry(new ContainerSetRetry("0", null)).runs()).isEqualTo(1);
    assertThat(ContainerSets.retry(new ContainerSetRetry("1", "300ms")).delay())
        .isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void retriesAndDurationAreReadAsArgosEmissaryReadsThem() {
    assertThatThrownBy(() -> ContainerSets.retry(new ContainerSetRetry("x", null)))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> ContainerSets.retry(new ContainerSetRetry("-1", null)))
        .hasMessageContaining("negative");
    // Go's time.ParseDuration: a bare number has no unit.
    assertThatThrownBy(() -> ContainerSets.retry(new ContainerSetRetry("1", "5")))
        .hasMessage("time: missing unit in duration \"5\"");
  }

  @Test
  void containerNodesTakeTheirPhaseFromTheirContainersAsArgosPodReconciliation() {
    PodState end =
        pod(Phase.Failed)
            .container("a", exited(0, "Completed"))
            .container("b", exited(1, "Error"))
            .container("c", exited(64, "Error", "dependency \"b\" exited with non-zero code: 1"))
            .container("d", running())
            .build();

    List<ContainerOutcome> outcomes = ContainerSets.outcomes(end, List.of("a", "b", "c", "d", "e"));

    assertThat(outcomes)
        .extracting(ContainerOutcome::name, ContainerOutcome::phase, ContainerOutcome::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", NodePhase.Succeeded, null),
            org.assertj.core.groups.Tuple.tuple("b", NodePhase.Failed, "b: Error (exit code 1): "),
            org.assertj.core.groups.Tuple.tuple(
                "c",
                NodePhase.Error,
                "c: Error (exit code 64): dependency \"b\" exited with non-zero code: 1"),
            org.assertj.core.groups.Tuple.tuple(
                "d", NodePhase.Failed, "Pod Failed whilst container running"),
            org.assertj.core.groups.Tuple.tuple("e", NodePhase.Pending, null));
  }

  @Test
  void aContainerSetPodFailsWithItsFirstFailingContainerByName() {
    PodState end =
        pod(Phase.Failed)
            .container("a", exited(0, "Completed"))
            .container("b", exited(2, "Error"))
            .container("c", exited(64, "Error", "dependency \"b\" exited with non-zero code: 2"))
            .build();

    Classification c = PodClassifier.classify(end, List.of("a", "b", "c"));

    assertThat(c.phase()).isEqualTo(NodePhase.Failed);
    assertThat(c.message()).isEqualTo("b: Error (exit code 2)");
    // outputs.exitCode is main's only: this set has none.
    assertThat(c.exitCode()).isNull();
    // Read as a plain pod, the same containers are sidecars: b still fails it, but as a sidecar.
    assertThat(PodClassifier.classify(end).message()).isEqualTo("b: Error (exit code 2)");
  }

  @Test
  void aContainerSetPodSucceedsWhenEveryContainerExitedZero() {
    PodState end =
        pod(Phase.Succeeded)
            .container("a", exited(0, "Completed"))
            .container("main", exited(0, "Completed"))
            .build();

    Classification c = PodClassifier.classify(end, List.of("a", "main"));

    assertThat(c.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(c.exitCode()).isZero();
  }

  @Test
  void theLeavesAreTheContainersNoOtherDependsOn() {
    assertThat(GRAPH.leaves()).containsExactly("d");
    assertThat(new ContainerSetBody(List.of(c("a"), c("b")), List.of(), null).leaves())
        .containsExactly("a", "b");
    assertThat(GRAPH.sequenced()).isTrue();
    assertThat(GRAPH.hasMain()).isFalse();
    assertThat(GRAPH.container().args()).isEmpty();
  }
}
