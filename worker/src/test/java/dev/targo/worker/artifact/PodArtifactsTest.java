package dev.targo.worker.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Artifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod side of the kubernetes executor's artifacts, run here as its containers run it: {@code
 * load}, the wrapper around main's command (a real {@code /bin/sh}), {@code save} against a real S3
 * server (s3proxy), and the worker reading the wait container's report back.
 */
class PodArtifactsTest {
  private static EmbeddedObjectStore store;

  @TempDir Path var;
  @TempDir Path secrets;
  @TempDir Path work;

  @BeforeAll
  static void startStore(@TempDir Path storeDir) throws IOException {
    store = EmbeddedObjectStore.start(storeDir);
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  /** The repository as a pod is given it: the s3 block, its credentials in mounted secrets. */
  private ObjectNode repository() throws IOException {
    Files.createDirectories(secrets.resolve("store"));
    Files.writeString(secrets.resolve("store/access"), store.repository().accessKey());
    Files.writeString(secrets.resolve("store/secret"), store.repository().secretKey() + "\n");
    ObjectNode s3 = Json.mapper().createObjectNode();
    s3.put("endpoint", store.repository().endpoint());
    s3.put("bucket", EmbeddedObjectStore.BUCKET);
    s3.put("insecure", true);
    s3.putObject("accessKeySecret").put("name", "store").put("key", "access");
    s3.putObject("secretKeySecret").put("name", "store").put("key", "secret");
    return s3;
  }

  private static Artifact artifact(String name, String path, Boolean optional, String raw) {
    return new Artifact(
        name, path, null, null, optional, null, raw, null, null, null, null, null, null);
  }

  private static final Map<String, String> KEY_VARS =
      Map.of("workflow.name", "wf", "workflow.namespace", "targo", "pod.name", "wf-pod-1");

  /** Runs {@code command} through the wrapper; its exit code. */
  private int runWrapped(List<String> command, List<Artifact> outputs) throws Exception {
    return runWrapped(command, outputs, false);
  }

  private int runWrapped(List<String> command, List<Artifact> outputs, boolean logs)
      throws Exception {
    List<String> wrapped = PodArtifacts.wrap(var.toString(), command, outputs, logs);
    Process p = new ProcessBuilder(wrapped).inheritIO().start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void inputsLoadOutputsAreSavedAndTheWorkerReadsTheirKeys() throws Exception {
    Path out = work.resolve("out.txt");
    Path dir = work.resolve("dir");
    List<Artifact> outputs =
        List.of(
            artifact("result", out.toString(), null, null),
            artifact("tree", dir.toString(), null, null),
            artifact("absent", work.resolve("nothing").toString(), true, null));
    PodArtifacts spec =
        PodArtifacts.parse(
            new PodArtifacts(
                    repository(),
                    List.of(artifact("message", "/tmp/message", null, "hello from raw")),
                    outputs,
                    KEY_VARS)
                .json());
    assertThat(spec.secretNames()).containsExactly("store");

    spec.load(var, secrets);
    assertThat(var.resolve(PodArtifacts.inputSubPath("message"))).hasContent("hello from raw");

    String script =
        "cat '"
            + var.resolve("inputs/message")
            + "' > '"
            + out
            + "'; mkdir -p '"
            + dir
            + "/a'; echo leaf > '"
            + dir
            + "/a/leaf'; exit 3";
    assertThat(runWrapped(List.of("sh", "-c", script), outputs)).isEqualTo(3);
    assertThat(var.resolve("main.exit")).hasContent("3");

    ArtifactStaging.Saved saved = spec.save(var, secrets, Duration.ofSeconds(5));
    assertThat(saved.error()).isNull();
    String message = PodArtifacts.message(saved);
    assertThat(message.length()).isLessThan(4096);

    ArtifactStaging.Saved read = PodArtifacts.read(message, outputs);
    assertThat(read.error()).isNull();
    assertThat(read.artifacts())
        .extracting(a -> a.name() + "=" + a.s3().key())
        .containsExactly("result=wf/wf-pod-1/result.tgz", "tree=wf/wf-pod-1/tree.tgz");

    // Loaded again by a later pod, from the store, the file is the one main wrote.
    Artifact later =
        new Artifact(
            "result",
            "/in/r.txt",
            null,
            null,
            null,
            null,
            null,
            read.artifacts().getFirst().s3(),
            null,
            null,
            null,
            null,
            null);
    PodArtifacts next = new PodArtifacts(repository(), List.of(later), List.of(), KEY_VARS);
    Path var2 = work.resolve("var2");
    next.load(var2, secrets);
    assertThat(var2.resolve(PodArtifacts.inputSubPath("result"))).hasContent("hello from raw");
  }

  @Test
  void aMissingOutputFailsTheSaveWithArgosMessageAndTheOthersAreStillSaved() throws Exception {
    Path out = work.resolve("out.txt");
    List<Artifact> outputs =
        List.of(
            artifact("missing", work.resolve("never").toString(), null, null),
            artifact("result", out.toString(), null, null));
    PodArtifacts spec = new PodArtifacts(repository(), List.of(), outputs, KEY_VARS);
    assertThat(runWrapped(List.of("sh", "-c", "echo x > '" + out + "'"), outputs)).isZero();
    ArtifactStaging.Saved read =
        PodArtifacts.read(
            PodArtifacts.message(spec.save(var, secrets, Duration.ofSeconds(5))), outputs);
    assertThat(read.error()).isEqualTo(work.resolve("never") + " no such file or directory;");
    assertThat(read.artifacts()).extracting(Artifact::name).containsExactly("result");
  }

  @Test
  void aStoreThatRefusesTheCredentialsIsReportedAndNothingIsLeftAtTheInputsPath() throws Exception {
    ObjectNode s3 = repository();
    Files.writeString(secrets.resolve("store/secret"), "wrong");
    Artifact stored =
        new Artifact(
            "data",
            "/data",
            null,
            null,
            null,
            null,
            null,
            Artifact.S3.ofKey("wf/some/data.tgz"),
            null,
            null,
            null,
            null,
            null);
    PodArtifacts spec = new PodArtifacts(s3, List.of(stored), List.of(), KEY_VARS);
    try {
      spec.load(var, secrets);
      throw new AssertionError("the load succeeded");
    } catch (ArtifactStaging.ArtifactException e) {
      assertThat(e.getMessage()).startsWith("artifact data failed to load: ");
    }
    assertThat(var.resolve(PodArtifacts.inputSubPath("data"))).doesNotExist();
  }

  @Test
  void aMainThatNeverStartsTheWrapperIsReportedInsteadOfWaitedForForever() throws Exception {
    PodArtifacts spec =
        new PodArtifacts(
            repository(), List.of(), List.of(artifact("r", "/r", null, null)), KEY_VARS);
    ArtifactStaging.Saved saved = spec.save(var, secrets, Duration.ofMillis(300));
    assertThat(saved.error()).contains("did not start targo's wrapper");
    assertThat(PodArtifacts.read(PodArtifacts.message(saved), spec.outputs()).error())
        .isEqualTo(saved.error());
  }

  @Test
  void archiveLogsSavesTheCommandsOutputAsMainLogsWhileTheContainerLogStillHasIt()
      throws Exception {
    PodArtifacts spec = new PodArtifacts(repository(), List.of(), List.of(), KEY_VARS, true);
    Path seen = work.resolve("container.log");
    List<String> wrapped =
        PodArtifacts.wrap(
            var.toString(), List.of("sh", "-c", "echo out; echo err >&2; exit 2"), List.of(), true);
    Process p =
        new ProcessBuilder(wrapped).redirectErrorStream(true).redirectOutput(seen.toFile()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readAllLines(seen)).containsExactlyInAnyOrder("out", "err");

    ArtifactStaging.Saved read =
        PodArtifacts.read(
            PodArtifacts.message(spec.save(var, secrets, Duration.ofSeconds(5))), List.of());
    assertThat(read.error()).isNull();
    assertThat(read.artifacts())
        .extracting(a -> a.name() + "=" + a.s3().key())
        .containsExactly("main-logs=wf/wf-pod-1/main.log");
    Path log = work.resolve("main.log");
    try (ObjectStore s3 = ObjectStore.of(store.repository())) {
      s3.get(EmbeddedObjectStore.BUCKET, "wf/wf-pod-1/main.log", log);
    }
    assertThat(Files.readAllLines(log)).containsExactlyInAnyOrder("out", "err");
  }

  @Test
  void theWrapperPassesArgumentsThroughUntouchedAndQuotesOutputPaths() throws Exception {
    Path odd = work.resolve("it's here.txt");
    List<Artifact> outputs = List.of(artifact("odd", odd.toString(), null, null));
    List<String> command = new ArrayList<>(List.of("sh", "-c", "printf '%s' \"$1\" > \"$2\""));
    command.addAll(List.of("sh", "a 'quoted' $HOME arg", odd.toString()));
    assertThat(runWrapped(command, outputs)).isZero();
    assertThat(var.resolve("outputs/odd/it's here.txt")).hasContent("a 'quoted' $HOME arg");
  }
}
