package dev.targo.worker.executor.local;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.TemplateBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a pod's main container as a local process, the way a container runtime would start it:
 * command and args with {@code $(VAR)} expanded, the script of a {@code script} template staged as
 * a file whose path is appended to the args (as Argo does with {@code /argo/staging/script}), the
 * working directory created when absent (runc does), the executable looked up on the container's
 * own {@code PATH}. A container that cannot start raises {@link StartException} with the runtime's
 * wording, which the pod reports as {@code terminated: StartError, exit code 128}.
 *
 * <p>Where a machine is not a container: the environment starts from a few of the worker's
 * variables ({@code PATH}, {@code HOME}, locale, {@code TMPDIR}, {@code USER}; nothing else, so the
 * worker's credentials do not leak into steps), then {@code HOSTNAME} (the pod name) and the
 * container's {@code env}. Where its files lie is the {@link PodRoot}'s business: in a root of its
 * own with bubblewrap, on this machine's file system otherwise (an absolute {@code workingDir} is
 * then that directory of this machine; a relative one, or none, lies in the pod's own directory).
 * An empty {@code command} cannot fall back to the image's entrypoint, since images are not run:
 * that is a start error saying so.
 */
public final class ContainerLaunch {
  private ContainerLaunch() {}

  /** How containerd/runc prefix an error that prevented a container process from starting. */
  static final String RUNTIME_PREFIX =
      "failed to create containerd task: failed to create shim task: OCI runtime create failed:"
          + " runc create failed: unable to start container process: ";

  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Worker variables a command needs to behave as in a container; nothing else leaks in. */
  private static final List<String> INHERITED =
      List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER");

  /**
   * The entrypoints of images the local executor knows, for containers that give no {@code
   * command}: {@code argoproj/argosay:v2}, the image of Argo's examples and e2e tests, whose
   * entrypoint is a small POSIX shell program ({@code argosay [echo [TEXT [FILE]] | cat FILE |
   * sleep D | exit [N] | assert_contains FILE TEXT | sh FILE]}, {@code hello argo} without
   * arguments), written again here from what it does. Its arguments follow, as a container's {@code
   * args} follow its image's entrypoint.
   */
  static final Map<String, List<String>> KNOWN_ENTRYPOINTS =
      Map.of(
          "argoproj/argosay:v2",
          List.of(
              "sh",
              "-c",
              String.join(
                  "\n",
                  "set -eu",
                  "case \"${1:-}\" in",
                  "'') echo 'hello argo' ;;",
                  "echo)",
                  "  if [ $# -eq 1 ]; then echo 'hello argo';",
                  "  elif [ $# -eq 2 ]; then printf '%s\\n' \"$2\";",
                  "  elif [ $# -eq 3 ]; then mkdir -p \"$(dirname \"$3\")\";"
                      + " printf '%s\\n' \"$2\" > \"$3\"; fi ;;",
                  "cat) cat \"$2\" ;;",
                  "sleep) sleep \"$2\" ;;",
                  "exit) exit \"${2:-0}\" ;;",
                  "assert_contains) grep -F -- \"$3\" \"$2\" ;;",
                  "sh) sh \"${2:-0}\" ;;",
                  "*) exit 1 ;;",
                  "esac"),
              "argosay"));

  /** True when a container of {@code image} runs without a {@code command} here. */
  public static boolean knowsEntrypoint(String image) {
    return image != null && KNOWN_ENTRYPOINTS.containsKey(image);
  }

  /** The container's process could not be started; the message is the runtime's. */
  public static final class StartException extends Exception {
    StartException(String message) {
      super(message);
    }
  }

  /**
   * Starts the container's process.
   *
   * @param body the template body (container or script)
   * @param containerEnv the container's resolved {@code env}, in order
   * @param podName the pod name (the container's {@code HOSTNAME})
   * @param podDir the pod's own directory: staged script
   * @param root where the container lives ({@link PodRoot})
   * @param memory the memory cgroup the process runs in ({@link MemoryCgroups}), or null
   * @param placement the record its detached supervisor writes ({@link PodSupervisor}): the process
   *     started is that supervisor, its output goes to files of {@code podDir}
   */
  static Process start(
      TemplateBody body,
      Map<String, String> containerEnv,
      String podName,
      Path podDir,
      PodRoot root,
      MemoryCgroups.Cgroup memory,
      PodSupervisor.Record placement)
      throws StartException, IOException {
    ContainerSpec container = body.container();
    List<String> args = new ArrayList<>(container.args());
    if (isStaged(body)) {
      Path file = podDir.resolve("script");
      Files.writeString(file, ((TemplateBody.ScriptBody) body).source());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      args.add(root.scriptPath(file));
    }
    return start(container, args, containerEnv, podName, root, memory, podDir, placement);
  }

  /**
   * Starts one container of a {@code containerSet} pod: its command and args, in its own root.
   *
   * @param container the container, the set's volume mounts included
   * @param containerEnv its resolved {@code env}, in order
   * @param podName the pod name (every container's {@code HOSTNAME})
   * @param root where the container lives: the pod's root, with this container's mounts
   */
  static Process start(
      ContainerSpec container, Map<String, String> containerEnv, String podName, PodRoot root)
      throws StartException, IOException {
    return start(
        container,
        new ArrayList<>(container.args()),
        containerEnv,
        podName,
        root,
        null,
        null,
        null);
  }

  /** True when the body is a script whose source is staged as a file. */
  static boolean isStaged(TemplateBody body) {
    return body instanceof TemplateBody.ScriptBody script
        && script.source() != null
        && !script.source().isEmpty();
  }

  /**
   * Starts a container's process with {@code args} in place of the container's own: the entry point
   * of the node agent, which runs the containers of real pods.
   *
   * @param container the container: image (for the message when it has no command), command and
   *     working directory
   * @param args the arguments, already complete
   * @param containerEnv the container's resolved {@code env}, in order
   * @param podName the pod name (the container's {@code HOSTNAME})
   * @param podDir the pod's own directory: the default working directory lies in it
   */
  public static Process start(
      ContainerSpec container,
      List<String> args,
      Map<String, String> containerEnv,
      String podName,
      Path podDir)
      throws StartException, IOException {
    return start(container, args, containerEnv, podName, podDir, null);
  }

  /**
   * As {@link #start(ContainerSpec, List, Map, String, Path)}, inside {@code memory} if not null.
   */
  public static Process start(
      ContainerSpec container,
      List<String> args,
      Map<String, String> containerEnv,
      String podName,
      Path podDir,
      MemoryCgroups.Cgroup memory)
      throws StartException, IOException {
    return start(
        container,
        args,
        containerEnv,
        podName,
        PodRoot.plain(podDir, container),
        memory,
        null,
        null);
  }

  private static Process start(
      ContainerSpec container,
      List<String> args,
      Map<String, String> containerEnv,
      String podName,
      PodRoot root,
      MemoryCgroups.Cgroup memory,
      Path podDir,
      PodSupervisor.Record placement)
      throws StartException, IOException {
    List<String> commandLine = new ArrayList<>();
    if (!container.command().isEmpty()) {
      container.command().forEach(c -> commandLine.add(EnvExpansion.expand(c, containerEnv)));
    } else if (knowsEntrypoint(container.image())) {
      commandLine.addAll(KNOWN_ENTRYPOINTS.get(container.image()));
    } else {
      throw new StartException(
          "the local executor does not run image \""
              + container.image()
              + "\", so it cannot use the image's entrypoint: give the container a command");
    }
    args.forEach(a -> commandLine.add(EnvExpansion.expand(a, containerEnv)));

    Map<String, String> env = new LinkedHashMap<>();
    INHERITED.forEach(
        name -> {
          String value = System.getenv(name);
          if (value != null) {
            env.put(name, value);
          }
        });
    if (root.sandboxed()) {
      // The worker's temporary directory is not the pod's: the pod has its own /tmp.
      env.remove("TMPDIR");
    }
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.put("HOSTNAME", podName);
    env.putAll(containerEnv);

    Path workingDir = workingDir(root);
    String executable = Executables.find(commandLine.get(0), env.get("PATH"), workingDir);
    if (!root.sandboxed() || !commandLine.get(0).contains("/")) {
      // A path is left as written: in the pod's root, it is found from the pod's working directory.
      commandLine.set(0, executable);
    }
    List<String> launched = root.command(commandLine);
    if (memory != null) {
      launched = memory.wrap(launched);
    }
    if (placement != null) {
      launched =
          PodSupervisor.wrap(
              launched, podDir, placement, memory == null ? null : memory.eventsFile());
    }
    ProcessBuilder builder =
        new ProcessBuilder(launched)
            .directory((root.sandboxed() ? root.root() : workingDir).toFile());
    if (placement != null) {
      // Files, not pipes: the supervisor and its container outlive this worker.
      builder
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new StartException(
          RUNTIME_PREFIX
              + "exec: \""
              + container.command().get(0)
              + "\": "
              + e.getMessage()
              + ": unknown");
    }
  }

  private static Path workingDir(PodRoot root) throws StartException {
    Path dir = root.hostPath(root.workingDir());
    try {
      root.prepare();
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StartException(
          RUNTIME_PREFIX
              + "error during container init: mkdir "
              + root.workingDir()
              + ": "
              + reason(e)
              + ": unknown");
    }
    return dir;
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.AccessDeniedException
        ? "permission denied"
        : e instanceof java.nio.file.FileAlreadyExistsException ? "not a directory" : e.toString();
  }
}
