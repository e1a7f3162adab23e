package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Artifacts;
import dev.targo.argo.plan.Artifact;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Output artifacts exported by {@code globalName}, as Argo's {@code addArtifactToGlobalScope}
 * exports them: named by it in {@code status.outputs.artifacts} and as {@code
 * {{workflow.outputs.artifacts.<globalName>}}}, the last node to end winning.
 */
class GlobalArtifactsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Artifact declared(String name, String globalName) {
    return new Artifact(
        name,
        "/tmp/" + name,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        globalName);
  }

  private static Artifact saved(String name, String key) {
    return new Artifact(
            name, "/tmp/" + name, null, null, null, null, null, null, null, null, null, null, null)
        .withS3(Artifact.S3.ofKey(key));
  }

  @Test
  void anOutputArtifactWithAGlobalNameIsExportedUnderItAndTheLastToEndWins() {
    NodeTree tree = new NodeTree("wf");
    List<Artifact> declared = List.of(declared("art", "shared"), declared("local", null));

    boolean first =
        tree.exportArtifacts(
            declared,
            new NodeOutputs(
                null, null, List.of(), List.of(saved("art", "a/1.tgz"), saved("local", "l.tgz"))));
    tree.exportArtifacts(
        declared, new NodeOutputs(null, null, List.of(), List.of(saved("art", "a/2.tgz"))));

    assertThat(first).isTrue();
    Artifact exported = tree.exportedArtifacts().getFirst();
    assertThat(tree.exportedArtifacts()).hasSize(1);
    assertThat(exported.name()).isEqualTo("shared");
    assertThat(exported.s3().key()).isEqualTo("a/2.tgz");
    assertThat(exported.path()).isNull();
    assertThat(tree.exportedVariables())
        .containsEntry("workflow.outputs.artifacts.shared", Artifacts.reference(exported));
    assertThat(Artifacts.parse(tree.exportedVariables().get("workflow.outputs.artifacts.shared")))
        .isEqualTo(exported.location());
    WorkflowStatus status = tree.status(NodePhase.Succeeded, null, T0, T0);
    assertThat(status.outputs().artifacts()).containsExactly(exported);
    assertThat(status.outputs().parameters()).isEmpty();
  }

  @Test
  void nothingIsExportedWithoutAGlobalNameOrWithoutTheArtifact() {
    NodeTree tree = new NodeTree("wf");

    assertThat(
            tree.exportArtifacts(
                List.of(declared("art", null)),
                new NodeOutputs(null, null, List.of(), List.of(saved("art", "k")))))
        .isFalse();
    assertThat(tree.exportArtifacts(List.of(declared("art", "g")), null)).isFalse();
    assertThat(
            tree.exportArtifacts(
                List.of(declared("art", "g")), new NodeOutputs(null, null, List.of(), List.of())))
        .isFalse();
    assertThat(tree.status(NodePhase.Succeeded, null, T0, T0).outputs()).isNull();
  }
}
