package dev.targo.worker.executor.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.worker.executor.local.RootLayout.Bind;
import dev.targo.worker.executor.local.RootLayout.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a local pod's container lives. With bubblewrap ({@link Bubblewrap}) the pod has its own
 * root, a directory of the pod ({@code root/} in its directory) laid out by {@link RootLayout}: it
 * sees this machine's programs read-only and writes only into its own root, its own {@code /tmp},
 * working directory and volumes, under its own hostname (its node's) and PID namespace, with a
 * script staged at {@code /argo/staging/script} as in Argo. Without bubblewrap it is today's plain
 * process: absolute paths are this machine's, and the working directory, when none is declared, is
 * {@code work/} in the pod's directory.
 */
final class PodRoot {
  /** Where Argo stages a script template's source in the main container. */
  static final String SCRIPT_PATH = "/argo/staging/script";

  private final Path podDir;
  private final Path rootDir;
  private final String bwrap;
  private final String hostname;
  private final String workingDir;
  private final List<Bind> binds;
  private final Set<String> shadowed;
  private final List<String> mounts;
  private final List<String> writePlaces;
  private final HostFiles host;

  private PodRoot(
      Path podDir,
      Path rootDir,
      String bwrap,
      String hostname,
      String workingDir,
      List<Bind> binds,
      List<String> writePlaces,
      HostFiles host) {
    this.podDir = podDir;
    this.rootDir = rootDir;
    this.bwrap = bwrap;
    this.hostname = hostname;
    this.workingDir = workingDir;
    this.binds = binds;
    this.writePlaces = writePlaces;
    this.host = host;
    this.shadowed = bwrap == null ? Set.of() : RootLayout.shadowed(host, writePlaces, binds);
    this.mounts =
        bwrap == null
            ? List.of()
            : RootLayout.arguments(
                host, root().toString(), writePlaces, binds, List.of(podsDirectory(podDir)));
  }

  /**
   * The directory of every pod of this worker (the pod's directory's parent), as this machine
   * resolves it: hidden from the pod, which must not read another pod's root, logs or outputs.
   */
  private static String podsDirectory(Path podDir) {
    Path pods = podDir.toAbsolutePath().getParent();
    try {
      return pods.toRealPath().toString();
    } catch (IOException e) {
      return pods.normalize().toString();
    }
  }

  /** The pod's own root when bubblewrap is available here, a plain process otherwise. */
  static PodRoot of(
      Path podDir,
      String hostname,
      ContainerSpec container,
      List<OutputParameter> outputs,
      boolean staged) {
    return of(podDir, hostname, container, outputs, List.of(), staged);
  }

  /**
   * The pod's own root, where its artifacts' {@code paths} are writable too (inputs are placed
   * there before the container starts, outputs read after it ends).
   */
  static PodRoot of(
      Path podDir,
      String hostname,
      ContainerSpec container,
      List<OutputParameter> outputs,
      List<String> artifactPaths,
      boolean staged) {
    return Bubblewrap.path()
        .map(
            bwrap ->
                sandboxed(bwrap, podDir, hostname, container, outputs, artifactPaths, staged, HOST))
        .orElseGet(() -> plain(podDir, container));
  }

  /** Today's plain process: the node agent's containers, and pods where bubblewrap is missing. */
  static PodRoot plain(Path podDir, ContainerSpec container) {
    String declared = container.workingDir();
    Path work = podDir.resolve("work");
    Path dir = declared == null || declared.isEmpty() ? work : work.resolve(declared);
    return new PodRoot(
        podDir, podDir.resolve("root"), null, null, dir.toString(), List.of(), List.of(), HOST);
  }

  static PodRoot sandboxed(
      String bwrap,
      Path podDir,
      String hostname,
      ContainerSpec container,
      List<OutputParameter> outputs,
      boolean staged,
      HostFiles host) {
    return sandboxed(bwrap, podDir, hostname, container, outputs, List.of(), staged, host);
  }

  static PodRoot sandboxed(
      String bwrap,
      Path podDir,
      String hostname,
      ContainerSpec container,
      List<OutputParameter> outputs,
      List<String> artifactPaths,
      boolean staged,
      HostFiles host) {
    String declared = container.workingDir();
    // Without a workingDir the image's WORKDIR would apply, which most images leave at /.
    String workingDir =
        declared == null || declared.isEmpty()
            ? "/"
            : RootLayout.normalize(declared.startsWith("/") ? declared : "/" + declared);
    List<Bind> binds = new ArrayList<>();
    if (staged) {
      binds.add(new Bind(SCRIPT_PATH, podDir.resolve("script").toString(), false));
    }
    for (JsonNode mount : container.volumeMounts()) {
      String name = mount.path("name").asText("");
      String target = mount.path("mountPath").asText("");
      if (!name.isEmpty() && target.startsWith("/")) {
        // An emptyDir volume: one directory of the pod, seen by each container that mounts it.
        Path source = podDir.resolve("volumes").resolve(name);
        binds.add(
            new Bind(
                RootLayout.normalize(target),
                source.toString(),
                !mount.path("readOnly").asBoolean(false)));
      }
    }
    List<String> writePlaces = new ArrayList<>();
    writePlaces.add(workingDir);
    for (OutputParameter p : outputs) {
      if (p.path() != null && !p.path().isEmpty()) {
        writePlaces.add(RootLayout.parent(absolute(workingDir, p.path())));
      }
    }
    for (String path : artifactPaths) {
      writePlaces.add(RootLayout.parent(absolute(workingDir, path)));
    }
    return new PodRoot(
        podDir, podDir.resolve("root"), bwrap, hostname, workingDir, binds, writePlaces, host);
  }

  boolean sandboxed() {
    return bwrap != null;
  }

  /** The pod's own root on this machine. */
  Path root() {
    return rootDir;
  }

  /**
   * The same container in a root of its own at {@code dir} (a container of a {@code containerSet}
   * other than the pod's {@code main}: each container of a Kubernetes pod has its own file system,
   * and only the pod's volumes are shared).
   */
  PodRoot inRootAt(Path dir) {
    return new PodRoot(podDir, dir, bwrap, hostname, workingDir, binds, writePlaces, host);
  }

  /** The working directory as the container's process sees it. */
  String workingDir() {
    return workingDir;
  }

  /** Where the staged script at {@code file} of this machine lies for the container. */
  String scriptPath(Path file) {
    return sandboxed() ? SCRIPT_PATH : file.toString();
  }

  /** Creates what the pod's root needs before its container starts. */
  void prepare() throws IOException {
    if (!sandboxed()) {
      return;
    }
    Files.createDirectories(root().resolve("tmp"));
    // bubblewrap refuses to make a symlink where one is already: a command run again in this root
    // (a container set's retry) finds those of its first run.
    for (int i = 0; i + 2 < mounts.size(); i++) {
      if (mounts.get(i).equals("--symlink")) {
        Path link = inRoot(mounts.get(i + 2));
        if (Files.isSymbolicLink(link)) {
          Files.delete(link);
        }
      }
    }
    for (Bind b : binds) {
      if (b.writable()) {
        Files.createDirectories(Path.of(b.source()));
      }
    }
    for (String dir : shadowed) {
      Files.createDirectories(hostPath(dir));
    }
  }

  /** The command line that starts {@code commandLine} in the pod's root. */
  List<String> command(List<String> commandLine) {
    if (!sandboxed()) {
      return commandLine;
    }
    List<String> out = new ArrayList<>();
    out.add(bwrap);
    out.addAll(mounts);
    out.addAll(
        List.of(
            "--unshare-pid",
            "--unshare-uts",
            "--hostname",
            hostname,
            "--die-with-parent",
            "--chdir",
            workingDir,
            "--"));
    out.addAll(commandLine);
    return out;
  }

  /**
   * Where the file the container knows as {@code path} (absolute, or relative to its working
   * directory) lies on this machine: in a volume, in the pod's root, or this machine's own file the
   * pod sees read-only.
   */
  Path hostPath(String path) {
    if (!sandboxed()) {
      return Path.of(workingDir).resolve(path);
    }
    String p = absolute(workingDir, path);
    for (Bind b : binds.stream().sorted(byDepthDescending()).toList()) {
      if (RootLayout.isUnder(p, b.target())) {
        return Path.of(b.source() + p.substring(b.target().length()));
      }
    }
    if (RootLayout.isUnder(p, "/tmp")) {
      return inRoot(p);
    }
    String dir =
        shadowed.stream()
            .filter(s -> RootLayout.isUnder(p, s))
            .max(Comparator.comparingInt(String::length))
            .orElse("/");
    if (p.equals(dir)) {
      return inRoot(p);
    }
    String rest = p.substring(dir.equals("/") ? 1 : dir.length() + 1);
    int slash = rest.indexOf('/');
    String child =
        (dir.equals("/") ? "" : dir) + "/" + (slash < 0 ? rest : rest.substring(0, slash));
    return host.exists(child) ? Path.of(p) : inRoot(p);
  }

  private Path inRoot(String absolute) {
    return absolute.equals("/") ? root() : root().resolve(absolute.substring(1));
  }

  private static Comparator<Bind> byDepthDescending() {
    return Comparator.comparingInt((Bind b) -> b.target().length()).reversed();
  }

  private static String absolute(String workingDir, String path) {
    return RootLayout.normalize(path.startsWith("/") ? path : workingDir + "/" + path);
  }

  /** This machine's files. */
  static final HostFiles HOST =
      new HostFiles() {
        @Override
        public boolean isDirectory(String path) {
          return Files.isDirectory(Path.of(path), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public boolean exists(String path) {
          return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public String symlink(String path) {
          try {
            Path p = Path.of(path);
            return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
          } catch (IOException e) {
            return null;
          }
        }

        @Override
        public List<String> list(String path) {
          try (Stream<Path> s = Files.list(Path.of(path))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
          } catch (IOException e) {
            return List.of();
          }
        }
      };
}
