package dev.targo.worker.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes pod's artifacts, handled inside the pod as Argo's emissary layout does it
 * (docs/DESIGN.md §16): the {@code init} container ({@code targo artifacts load}) loads each input
 * into the shared volume at {@link #VAR_DIR}, which the main container mounts at the input's path;
 * a shell wrapper around main's command copies each output into the volume once the command has
 * ended and then writes its exit code; the {@code wait} container ({@code targo artifacts save})
 * waits for that, uploads the outputs and reports their keys in its termination message, which the
 * worker reads back ({@link #read}). This record is what the worker hands both containers (the
 * environment variable {@link #ENV}): no credential, only the names of the secrets that hold them,
 * which the pod mounts into these two containers and never into main.
 *
 * @param repository the repository's {@code s3} block (Argo's YAML), or null when there is none
 * @param inputs the inputs, each at its location
 * @param outputs the outputs to save
 * @param keyVars {@code workflow.name}, {@code workflow.namespace} and {@code pod.name}, for the
 *     repository's {@code keyFormat}
 * @param archiveLogs whether main's log is saved too ({@code archiveLogs}): the wrapper copies the
 *     command's output into the volume as well as to the container's own log
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodArtifacts(
    ObjectNode repository,
    List<Artifact> inputs,
    List<Artifact> outputs,
    Map<String, String> keyVars,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean archiveLogs) {

  /** Artifacts without {@code archiveLogs}. */
  public PodArtifacts(
      ObjectNode repository,
      List<Artifact> inputs,
      List<Artifact> outputs,
      Map<String, String> keyVars) {
    this(repository, inputs, outputs, keyVars, false);
  }

  /** The environment variable that carries this record as JSON. */
  public static final String ENV = "TARGO_ARTIFACTS";

  /** The shared volume's mount path in every container of the pod. */
  public static final String VAR_DIR = "/var/run/targo";

  /** Where the secrets a repository or an artifact names are mounted, one folder each. */
  public static final String SECRETS_DIR = VAR_DIR + "/secrets";

  /** The folder of the volume where input {@code NAME} is loaded (the main container's subPath). */
  public static String inputSubPath(String name) {
    return "inputs/" + name;
  }

  /** Written by the wrapper before the command runs. */
  static final String MAIN_STARTED = "main.started";

  /** The command's exit code, written by the wrapper once the outputs are copied. */
  static final String MAIN_EXIT = "main.exit";

  /**
   * The command's output (stdout and stderr, as the container's log has them), with archiveLogs.
   */
  static final String MAIN_LOG = "main.log";

  /** How long {@code wait} waits for the wrapper to start before it reports main never started. */
  public static final Duration START_WAIT = Duration.ofSeconds(60);

  public PodArtifacts {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    keyVars = keyVars == null ? Map.of() : Map.copyOf(keyVars);
  }

  /** This record as the JSON the containers read. */
  public String json() {
    try {
      return Json.mapper().writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record {@link #json} wrote. */
  public static PodArtifacts parse(String json) throws IOException {
    return Json.mapper().readValue(json, PodArtifacts.class);
  }

  /**
   * The names of the secrets the pod mounts for these artifacts: the repository's {@code
   * accessKeySecret} and {@code secretKeySecret}, and each artifact's own.
   */
  public Set<String> secretNames() {
    Set<String> names = new LinkedHashSet<>();
    if (repository != null) {
      for (String field : List.of("accessKeySecret", "secretKeySecret")) {
        JsonNode name = repository.path(field).path("name");
        if (name.isTextual() && !name.asText().isEmpty()) {
          names.add(name.asText());
        }
      }
    }
    List<Artifact> all = new ArrayList<>(inputs);
    all.addAll(outputs);
    for (Artifact a : all) {
      if (a.s3() != null && a.s3().accessKeySecret() != null) {
        names.add(a.s3().accessKeySecret().name());
      }
      if (a.s3() != null && a.s3().secretKeySecret() != null) {
        names.add(a.s3().secretKeySecret().name());
      }
    }
    return names;
  }

  /** True when the repository names both of its credentials' secrets (a pod can then read them). */
  public static boolean namesCredentials(ObjectNode repository) {
    return repository != null
        && repository.path("accessKeySecret").path("name").isTextual()
        && repository.path("secretKeySecret").path("name").isTextual();
  }

  // --- inside the pod ---------------------------------------------------------------------------

  /**
   * The staging these containers use: the repository read with the credentials mounted under {@code
   * secretsDir}.
   *
   * @throws ArtifactStaging.ArtifactException when the repository cannot be used
   */
  ArtifactStaging staging(Path secretsDir) throws ArtifactStaging.ArtifactException {
    if (repository == null) {
      return new ArtifactStaging(null, secretsDir);
    }
    try {
      return new ArtifactStaging(
          ArtifactRepositories.of(
              repository, "the pod's artifact repository", secretsDir, Map.of()),
          secretsDir);
    } catch (ArtifactRepositories.InvalidRepository e) {
      throw new ArtifactStaging.ArtifactException(e.getMessage());
    }
  }

  /**
   * The {@code init} container's work: every input loaded into {@code varDir}'s {@code
   * inputs/NAME}, which main mounts at the input's path.
   *
   * @throws ArtifactStaging.ArtifactException Argo's message; nothing is left for the failed input
   */
  public void load(Path varDir, Path secretsDir) throws ArtifactStaging.ArtifactException {
    Map<String, String> byPath = new LinkedHashMap<>();
    inputs.forEach(a -> byPath.put(a.path(), a.name()));
    try (ArtifactStaging staging = staging(secretsDir)) {
      staging.load(
          inputs,
          path -> varDir.resolve(inputSubPath(byPath.get(path))),
          varDir.resolve("scratch"));
    }
  }

  /**
   * The {@code wait} container's work: once the wrapper says main's command has ended (or never
   * started within {@code startWait}), every output it copied is uploaded.
   */
  public ArtifactStaging.Saved save(Path varDir, Path secretsDir, Duration startWait)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(startWait);
    while (!Files.exists(varDir.resolve(MAIN_STARTED))) {
      if (Instant.now().isAfter(giveUp)) {
        return new ArtifactStaging.Saved(
            List.of(),
            "the main container did not start targo's wrapper within "
                + startWait.toSeconds()
                + " s (its image needs /bin/sh for output artifacts); no output was saved");
      }
      Thread.sleep(200);
    }
    while (!Files.exists(varDir.resolve(MAIN_EXIT))) {
      Thread.sleep(200);
    }
    Map<String, Path> byPath = new LinkedHashMap<>();
    for (Artifact a : outputs) {
      Path copied = varDir.resolve("outputs").resolve(a.name());
      byPath.put(a.path(), copied.resolve(baseName(a.path())));
    }
    try (ArtifactStaging staging = staging(secretsDir)) {
      ArtifactStaging.Saved saved =
          staging.save(outputs, byPath::get, varDir.resolve("scratch"), keyVars);
      if (!archiveLogs) {
        return saved;
      }
      ArtifactStaging.Saved log =
          staging.saveLog(varDir.resolve(MAIN_LOG), varDir.resolve("scratch"), keyVars);
      List<Artifact> all = new ArrayList<>(saved.artifacts());
      all.addAll(log.artifacts());
      String error =
          saved.error() == null
              ? log.error()
              : log.error() == null ? saved.error() : saved.error() + " " + log.error();
      return new ArtifactStaging.Saved(all, error);
    } catch (ArtifactStaging.ArtifactException e) {
      return new ArtifactStaging.Saved(List.of(), e.getMessage());
    }
  }

  private static String baseName(String path) {
    String p =
        path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Writes {@code text} to the container's termination message file, whole or not at all. */
  public static void writeMessage(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // /dev/termination-log is a file the runtime made; a sibling may not be writable.
      Files.deleteIfExists(tmp);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }
  }

  // --- between wait and the worker --------------------------------------------------------------

  /**
   * What {@code wait} reports in its termination message (at most 4 KiB): the key of each saved
   * output, and the failures.
   *
   * @param saved output name to key
   * @param error the failures, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Report(Map<String, String> saved, String error) {
    public Report {
      saved = saved == null ? Map.of() : saved;
    }
  }

  /** The termination message of {@code wait} for {@code saved}. */
  public static String message(ArtifactStaging.Saved saved) {
    Map<String, String> keys = new LinkedHashMap<>();
    saved.artifacts().forEach(a -> keys.put(a.name(), a.s3().key()));
    try {
      return Json.mapper().writeValueAsString(new Report(keys, saved.error()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The outputs as the worker records them, read from {@code wait}'s termination message: each
   * saved one at its key, as {@link ArtifactStaging} records a save.
   *
   * @param message the message, or null when {@code wait} left none
   */
  public static ArtifactStaging.Saved read(String message, List<Artifact> outputs) {
    if (message == null || message.isBlank()) {
      return new ArtifactStaging.Saved(List.of(), "the wait container reported no saved artifacts");
    }
    Report report;
    try {
      report = Json.mapper().readValue(message, Report.class);
    } catch (IOException e) {
      return new ArtifactStaging.Saved(
          List.of(), "the wait container's report cannot be read: " + message.strip());
    }
    List<Artifact> saved = new ArrayList<>();
    for (Artifact a : outputs) {
      String key = report.saved().get(a.name());
      if (key != null) {
        saved.add(ArtifactStaging.savedAt(a, key));
      }
    }
    String log = report.saved().get(ArtifactStaging.LOGS);
    if (log != null) {
      saved.add(ArtifactStaging.logAt(log));
    }
    return new ArtifactStaging.Saved(saved, report.error());
  }

  /**
   * The main container's command wrapped so that its outputs reach the shared volume: a POSIX shell
   * program that says it started, runs {@code command} (passing SIGTERM on; with {@code logs}, its
   * output also copied to {@code main.log} through {@code tee}), copies each output that exists to
   * {@code outputs/NAME/}, then writes the exit code and exits with it.
   */
  public static List<String> wrap(List<String> command, List<Artifact> outputs, boolean logs) {
    return wrap(VAR_DIR, command, outputs, logs);
  }

  /** {@link #wrap} with the shared volume at {@code varDir}. */
  static List<String> wrap(
      String varDir, List<String> command, List<Artifact> outputs, boolean logs) {
    StringBuilder script = new StringBuilder();
    script.append("v=").append(quote(varDir)).append('\n');
    script.append(": > \"$v/").append(MAIN_STARTED).append("\"\n");
    if (logs) {
      // archiveLogs: the output goes through tee, to the container's log and to main.log, as the
      // log Argo's wait container saves holds both streams.
      script.append("rm -f \"$v/main.fifo\"; mkfifo \"$v/main.fifo\"\n");
      script.append("tee \"$v/").append(MAIN_LOG).append("\" < \"$v/main.fifo\" &\n");
      script.append("tee_pid=$!\n");
      script.append("\"$@\" > \"$v/main.fifo\" 2>&1 &\n");
    } else {
      script.append("\"$@\" &\n");
    }
    script.append("child=$!\n");
    script.append("trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT\n");
    script
        .append("while :; do wait \"$child\"; rc=$?; kill -0 \"$child\" 2>/dev/null || break;")
        .append(" done\n");
    if (logs) {
      // A process the command left behind may hold the pipe open: tee gets 5 s to finish.
      script
          .append("i=0; while kill -0 \"$tee_pid\" 2>/dev/null && [ \"$i\" -lt 50 ]; do")
          .append(" sleep 0.1; i=$((i+1)); done\n");
      script.append("kill \"$tee_pid\" 2>/dev/null; rm -f \"$v/main.fifo\"\n");
    }
    for (Artifact a : outputs) {
      String dir = "\"$v/outputs/\"" + quote(a.name());
      String path = quote(a.path());
      script
          .append("if [ -e ")
          .append(path)
          .append(" ] || [ -L ")
          .append(path)
          .append(" ]; then mkdir -p ")
          .append(dir)
          .append(" && cp -R ")
          .append(path)
          .append(' ')
          .append(dir)
          .append("/ || rm -rf ")
          .append(dir)
          .append("; fi\n");
    }
    script.append("echo \"$rc\" > \"$v/").append(MAIN_EXIT).append(".tmp\"\n");
    script.append("mv \"$v/").append(MAIN_EXIT).append(".tmp\" \"$v/").append(MAIN_EXIT);
    script.append("\"\n");
    script.append("exit \"$rc\"\n");
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "targo"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** {@code s} in single quotes for a POSIX shell. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
