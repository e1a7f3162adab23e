package dev.targo.worker.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.targo.argo.plan.Artifact;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts through a real S3-compatible server: the embedded s3proxy, in this JVM on a loopback
 * port, with the AWS SDK client the worker uses. Upload and download, the three archive modes,
 * optional artifacts, a store that is down or refuses the credentials, http and git inputs.
 */
@Timeout(60)
class ArtifactStagingTest {
  private static EmbeddedObjectStore store;
  private static ArtifactStaging staging;

  @TempDir Path pod;

  @BeforeAll
  static void startStore(@TempDir Path storeDir) throws IOException {
    store = EmbeddedObjectStore.start(storeDir);
    staging = new ArtifactStaging(store.repository(), null);
  }

  @AfterAll
  static void stopStore() {
    staging.close();
    store.close();
  }

  private static final Map<String, String> KEY_VARS =
      Map.of("workflow.name", "wf", "workflow.namespace", "default", "pod.name", "wf-pod-1");

  /** The pod's root: a container path {@code /x/y} is {@code root/x/y}. */
  private Function<String, Path> root() {
    return p -> pod.resolve("root").resolve(p.startsWith("/") ? p.substring(1) : p);
  }

  private Path scratch() {
    return pod.resolve("artifacts");
  }

  private static Artifact artifact(String name, String path, String archive) {
    return new Artifact(
        name, path, null, null, null, archive, null, null, null, null, null, null, null);
  }

  private ArtifactStaging.Saved save(Artifact... outputs) {
    return staging.save(List.of(outputs), root(), scratch(), KEY_VARS);
  }

  private void write(String path, String text) throws IOException {
    Path f = root().apply(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static Artifact input(Artifact saved, String path, String archive) {
    return artifact(saved.name(), path, archive).locatedAt(saved);
  }

  @Test
  void aFileGoesUpAsATarballUnderTheKeyFormatAndComesBackAtTheInputsPath() throws Exception {
    write("/tmp/hello.txt", "hello world\n");

    ArtifactStaging.Saved saved = save(artifact("hello", "/tmp/hello.txt", null));

    assertThat(saved.error()).isNull();
    Artifact out = saved.artifacts().getFirst();
    assertThat(out.s3().key()).isEqualTo("wf/wf-pod-1/hello.tgz");
    staging.load(List.of(input(out, "/in/message", null)), root(), scratch());
    assertThat(root().apply("/in/message")).hasContent("hello world");
    assertThat(scratch()).isEmptyDirectory();
  }

  @Test
  void aDirectoryGoesUpAsATarballAndComesBackAsADirectory() throws Exception {
    write("/out/a.txt", "a");
    write("/out/sub/b.txt", "b");

    Artifact out = save(artifact("dir", "/out", null)).artifacts().getFirst();
    staging.load(List.of(input(out, "/in/dir", null)), root(), scratch());

    assertThat(root().apply("/in/dir/a.txt")).hasContent("a");
    assertThat(root().apply("/in/dir/sub/b.txt")).hasContent("b");
  }

  @Test
  void archiveNoneUploadsAFileAsItIsUnderItsBaseName() throws Exception {
    write("/tmp/report.csv", "x,y\n");

    Artifact out = save(artifact("report", "/tmp/report.csv", "none")).artifacts().getFirst();

    assertThat(out.s3().key()).isEqualTo("wf/wf-pod-1/report.csv");
    Path raw = pod.resolve("raw");
    try (ObjectStore s = ObjectStore.of(store.repository())) {
      s.get(EmbeddedObjectStore.BUCKET, out.s3().key(), raw);
      assertThat(s.size(EmbeddedObjectStore.BUCKET, out.s3().key())).isEqualTo(4);
    }
    assertThat(raw).hasContent("x,y");
  }

  @Test
  void archiveNoneUploadsADirectoryKeyByKeyAndLoadsItBack() throws Exception {
    write("/out/a.txt", "a");
    write("/out/sub/b.txt", "b");

    Artifact out = save(artifact("tree", "/out", "none")).artifacts().getFirst();
    staging.load(List.of(input(out, "/in/tree", null)), root(), scratch());

    assertThat(out.s3().key()).isEqualTo("wf/wf-pod-1/out");
    assertThat(root().apply("/in/tree/sub/b.txt")).hasContent("b");
  }

  @Test
  void archiveZipUploadsAZipThatAZipInputUnpacks() throws Exception {
    write("/out/a.txt", "zipped");

    Artifact out = save(artifact("z", "/out", "zip")).artifacts().getFirst();
    staging.load(List.of(input(out, "/in/z", "zip")), root(), scratch());

    assertThat(out.s3().key()).isEqualTo("wf/wf-pod-1/z.zip");
    assertThat(root().apply("/in/z/out/a.txt")).hasContent("zipped");
  }

  @Test
  void aMissingOptionalOutputIsLeftOutAndAMissingRequiredOneIsArgosError() {
    Artifact optional =
        new Artifact(
            "opt", "/nope", null, null, true, null, null, null, null, null, null, null, null);

    ArtifactStaging.Saved saved = save(optional, artifact("req", "/absent", null));

    assertThat(saved.artifacts()).isEmpty();
    assertThat(saved.error()).isEqualTo("/absent no such file or directory;");
  }

  @Test
  void aMissingKeyFailsARequiredInputAndLeavesNothingAtItsPath() {
    Artifact missing = artifact("data", "/in/data", null).withS3(Artifact.S3.ofKey("no/such"));

    assertThatThrownBy(() -> staging.load(List.of(missing), root(), scratch()))
        .isInstanceOf(ArtifactStaging.ArtifactException.class)
        .hasMessage("artifact data failed to load: The specified key does not exist.");
    assertThat(root().apply("/in/data")).doesNotExist();
  }

  @Test
  void aMissingKeyOfAnOptionalInputIsSkipped() throws Exception {
    Artifact missing =
        new Artifact(
                "data",
                "/in/data",
                null,
                null,
                true,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)
            .withS3(Artifact.S3.ofKey("no/such"));

    staging.load(List.of(missing), root(), scratch());

    assertThat(root().apply("/in/data")).doesNotExist();
  }

  @Test
  void aRawInputIsWrittenWithItsMode() throws Exception {
    Artifact raw =
        new Artifact(
            "s",
            "/bin/tool",
            0750,
            null,
            null,
            null,
            "#!/bin/sh\n",
            null,
            null,
            null,
            null,
            null,
            null);

    staging.load(List.of(raw), root(), scratch());

    Path tool = root().apply("/bin/tool");
    assertThat(tool).hasContent("#!/bin/sh");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tool)))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void aStoreThatIsDownFailsTheLoadWithoutAPartialFile() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ArtifactRepository down =
        new ArtifactRepository("127.0.0.1:" + port, "b", null, true, null, "a", "s");
    try (ArtifactStaging unreachable = new ArtifactStaging(down, null)) {
      Artifact in = artifact("data", "/in/data", null).withS3(Artifact.S3.ofKey("k"));

      assertThatThrownBy(() -> unreachable.load(List.of(in), root(), scratch()))
          .isInstanceOf(ArtifactStaging.ArtifactException.class)
          .hasMessageStartingWith("artifact data failed to load: ");
      assertThat(root().apply("/in/data")).doesNotExist();
      assertThat(scratch()).isEmptyDirectory();
    }
  }

  @Test
  void aStoreThatRefusesTheCredentialsFailsTheSaveAndTheLoad() throws Exception {
    ArtifactRepository real = store.repository();
    ArtifactRepository wrong =
        new ArtifactRepository(
            real.endpoint(), real.bucket(), null, true, null, real.accessKey(), "not-the-secret");
    write("/tmp/x", "x");
    try (ArtifactStaging refused = new ArtifactStaging(wrong, null)) {
      ArtifactStaging.Saved saved =
          refused.save(List.of(artifact("x", "/tmp/x", null)), root(), scratch(), KEY_VARS);

      assertThat(saved.artifacts()).isEmpty();
      assertThat(saved.error()).startsWith("failed to save artifact x: ");
      assertThat(saved.error()).contains("SignatureDoesNotMatch");
      Artifact in = artifact("x", "/in/x", null).withS3(Artifact.S3.ofKey("wf/wf-pod-1/x.tgz"));
      assertThatThrownBy(() -> refused.load(List.of(in), root(), scratch()))
          .hasMessageContaining("SignatureDoesNotMatch");
      assertThat(root().apply("/in/x")).doesNotExist();
    }
  }

  @Test
  void anHttpInputIsDownloadedWithItsHeaders() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tool",
        exchange -> {
          byte[] body =
              ("token=" + exchange.getRequestHeaders().getFirst("X-Token"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      Artifact tool =
          new Artifact(
              "tool",
              "/bin/tool",
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              new Artifact.Http(url + "/tool", List.of(new Artifact.Header("X-Token", "t1"))),
              null,
              null);
      Artifact gone =
          new Artifact(
              "gone",
              "/bin/gone",
              null,
              null,
              true,
              null,
              null,
              null,
              null,
              null,
              new Artifact.Http(url + "/missing", List.of()),
              null,
              null);

      staging.load(List.of(tool, gone), root(), scratch());

      assertThat(root().apply("/bin/tool")).hasContent("token=t1");
      assertThat(root().apply("/bin/gone")).doesNotExist();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aGitInputIsClonedAtItsRevision() throws Exception {
    Path repo = pod.resolve("repo");
    Files.createDirectories(repo);
    git(repo, "init", "--quiet", "-b", "main");
    Files.writeString(repo.resolve("README"), "first");
    git(repo, "add", "README");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "one");
    git(repo, "tag", "v1");
    Files.writeString(repo.resolve("README"), "second");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "two");
    Artifact src =
        new Artifact(
            "src",
            "/src",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new Artifact.Git(repo.toUri().toString(), "v1", null, null, null, true),
            null);

    staging.load(List.of(src), root(), scratch());

    assertThat(root().apply("/src/README")).hasContent("first");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }
}
