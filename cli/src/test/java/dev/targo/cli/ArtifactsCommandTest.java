package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.worker.artifact.Archives;
import dev.targo.worker.artifact.ArtifactRepository;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo artifacts get}: a node's output artifact, saved by a local worker into the embedded
 * store, downloaded with the repository file and secrets a worker would be given.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtifactsCommandTest {
  @TempDir static Path dir;

  private EmbeddedObjectStore store;
  private ArtifactStaging staging;
  private TargoServer server;
  private Path repositoryFile;
  private Path secrets;

  @BeforeAll
  void start() throws Exception {
    store = EmbeddedObjectStore.start(dir.resolve("store"));
    ArtifactRepository repo = store.repository();
    staging = new ArtifactStaging(repo, null);
    server = new TargoServer(dir.resolve("pods"), "local", staging);
    secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("store"));
    Files.writeString(secrets.resolve("store/access"), repo.accessKey());
    Files.writeString(secrets.resolve("store/secret"), repo.secretKey());
    repositoryFile = dir.resolve("repository.yaml");
    Files.writeString(
        repositoryFile,
        "s3:\n"
            + "  endpoint: "
            + repo.endpoint()
            + "\n  bucket: "
            + repo.bucket()
            + "\n  insecure: true\n"
            + "  accessKeySecret: {name: store, key: access}\n"
            + "  secretKeySecret: {name: store, key: secret}\n");
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    staging.close();
    store.close();
  }

  private static final String WORKFLOW =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {name: arts}
      spec:
        entrypoint: make
        templates:
        - name: make
          container:
            image: alpine
            command: [sh, -c, "echo made > /tmp/made.txt"]
          outputs:
            artifacts: [{name: made, path: /tmp/made.txt}]
      """;

  @Test
  void downloadsANodesOutputArtifactAsItIsStored() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.targo.worker.executor.local.LocalExecutor.ownRootsAvailable(),
        "artifacts need bubblewrap (scripts/install-bubblewrap)");
    assertThat(server.targo(WORKFLOW, "submit", "-", "--wait").exitCode()).isZero();
    Path to = dir.resolve("made.tgz");

    TargoServer.Result r =
        server.targo(
            "",
            "artifacts",
            "get",
            "arts",
            "arts",
            "made",
            "--to",
            to.toString(),
            "--artifact-repository",
            repositoryFile.toString(),
            "--secrets-dir",
            secrets.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("arts/").contains("/made.tgz -> " + to);
    Path unpacked = dir.resolve("made.txt");
    Archives.untarGz(to, unpacked);
    assertThat(unpacked).hasContent("made");

    TargoServer.Result missing =
        server.targo(
            "",
            "artifacts",
            "get",
            "arts",
            "arts",
            "nope",
            "--artifact-repository",
            repositoryFile.toString(),
            "--secrets-dir",
            secrets.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("node arts has no saved output artifact nope (it has made)");
  }
}
