package dev.targo.worker.executor.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mounts that give a pod its own root, as bubblewrap arguments: the pod's own directory is
 * {@code /}, each top-level entry of this machine is bound read-only into it (except {@code /proc},
 * {@code /dev}, {@code /sys}, which are the sandbox's own, and {@code /tmp}, which is the pod's),
 * so the pod sees this machine's programs but writes only into its own root. A directory where the
 * pod must be able to create files but which this machine already has ({@code /mnt} for {@code
 * /mnt/out/x}, a {@code workingDir} such as {@code /usr/src/app}) is <i>shadowed</i>: a directory
 * of the pod's root takes its place, with this machine's entries bound read-only inside it. Volumes
 * are the pod's own directories bound read-write at their mount paths. Pure: the machine's files
 * are seen through {@link HostFiles}.
 */
final class RootLayout {
  private RootLayout() {}

  /** Directories of this machine that a sandbox replaces with its own. */
  private static final Set<String> OWN = Set.of("/proc", "/dev", "/sys", "/tmp");

  /** What the layout needs to know about this machine's files. */
  interface HostFiles {
    /** True for a directory that is not a symbolic link. */
    boolean isDirectory(String path);

    /** True when anything exists at {@code path} (a dangling link too). */
    boolean exists(String path);

    /** The target of the symbolic link at {@code path}, or null when it is none. */
    String symlink(String path);

    /** The names in directory {@code path}, sorted. */
    List<String> list(String path);
  }

  /**
   * A place of the pod's root that is not this machine's.
   *
   * @param target the absolute path inside the pod
   * @param source the directory or file of this machine bound there
   * @param writable read-write (a volume) or read-only (a staged script)
   */
  record Bind(String target, String source, boolean writable) {}

  /**
   * The mount arguments, in the order bubblewrap must apply them.
   *
   * @param root the pod's own root directory on this machine
   * @param writePlaces absolute directories the pod must be able to create files in (its working
   *     directory, the folders of its output files)
   * @param binds volumes and staged files
   */
  static List<String> arguments(
      HostFiles host, String root, List<String> writePlaces, List<Bind> binds) {
    return arguments(host, root, writePlaces, binds, List.of());
  }

  /**
   * The mount arguments, with {@code hidden} directories of this machine covered by an empty
   * read-only file system: the worker's pod directory, so that no pod reads another's root, logs or
   * outputs through the read-only view of this machine (a Kubernetes pod cannot see another's
   * either). A hidden directory the pod could not see anyway (under {@code /tmp}, {@code /proc},
   * {@code /dev}, {@code /sys}) or that this machine does not have is left alone.
   */
  static List<String> arguments(
      HostFiles host,
      String root,
      List<String> writePlaces,
      List<Bind> binds,
      List<String> hidden) {
    Set<String> shadowed = shadowed(host, writePlaces, binds);
    List<String> args = new ArrayList<>(List.of("--bind", root, "/"));
    for (String name : host.list("/")) {
      String path = "/" + name;
      if (!OWN.contains(path)) {
        mountFromHost(host, path, shadowed, args);
      }
    }
    args.addAll(List.of("--dev", "/dev", "--proc", "/proc"));
    if (host.isDirectory("/sys")) {
      args.addAll(List.of("--ro-bind", "/sys", "/sys"));
    }
    for (String dir : shadowed) {
      args.addAll(List.of("--bind", root + dir, dir));
      for (String name : host.list(dir)) {
        mountFromHost(host, dir + "/" + name, shadowed, args);
      }
    }
    for (String dir : hidden) {
      String path = normalize(dir);
      if (!path.equals("/") && !OWN.contains(firstStep(path)) && host.isDirectory(path)) {
        args.addAll(List.of("--tmpfs", path, "--remount-ro", path));
      }
    }
    List<Bind> ordered = new ArrayList<>(binds);
    ordered.sort(Comparator.comparingInt(b -> depth(b.target())));
    for (Bind b : ordered) {
      args.addAll(List.of(b.writable() ? "--bind" : "--ro-bind", b.source(), b.target()));
    }
    return args;
  }

  /** The entry of this machine at {@code path}, read-only, unless a shadow will take its place. */
  private static void mountFromHost(
      HostFiles host, String path, Set<String> shadowed, List<String> args) {
    if (shadowed.contains(path)) {
      return;
    }
    String link = host.symlink(path);
    if (link != null) {
      args.addAll(List.of("--symlink", link, path));
    } else {
      args.addAll(List.of("--ro-bind", path, path));
    }
  }

  /**
   * The directories of this machine to shadow, parents first: for each place the pod writes in or a
   * bind lands on, the deepest directory of this machine on its way (when that is not {@code /},
   * which is the pod's already, nor a place of a bind or {@code /tmp}).
   */
  static Set<String> shadowed(HostFiles host, List<String> writePlaces, List<Bind> binds) {
    Set<String> places = new LinkedHashSet<>();
    writePlaces.forEach(p -> places.add(normalize(p)));
    binds.forEach(b -> places.add(parent(normalize(b.target()))));
    Set<String> out =
        new TreeSet<>(Comparator.comparingInt(RootLayout::depth).thenComparing(s -> s));
    for (String place : places) {
      if (coveredByOwnPlace(place, binds)) {
        continue;
      }
      String deepest = "/";
      for (String step : steps(place)) {
        if (host.symlink(step) != null) {
          break; // A link stays as this machine has it.
        }
        if (host.isDirectory(step)) {
          deepest = step;
          continue;
        }
        if (host.exists(step)) {
          deepest = "/"; // A file stands in the way: the pod cannot write there.
        }
        break; // What is missing is created in the pod's own root.
      }
      if (!deepest.equals("/") && !OWN.contains(firstStep(deepest))) {
        out.add(deepest);
      }
    }
    return out;
  }

  /** True when {@code place} lies in {@code /tmp} or in a bind, which are the pod's own already. */
  private static boolean coveredByOwnPlace(String place, List<Bind> binds) {
    if (isUnder(place, "/tmp")) {
      return true;
    }
    return binds.stream().anyMatch(b -> b.writable() && isUnder(place, normalize(b.target())));
  }

  static boolean isUnder(String path, String dir) {
    return path.equals(dir) || dir.equals("/") || path.startsWith(dir + "/");
  }

  /** {@code /a}, {@code /a/b}, {@code /a/b/c} for {@code /a/b/c}. */
  private static List<String> steps(String path) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while ((i = path.indexOf('/', i + 1)) > 0) {
      out.add(path.substring(0, i));
    }
    if (!path.equals("/")) {
      out.add(path);
    }
    return out;
  }

  private static String firstStep(String path) {
    int i = path.indexOf('/', 1);
    return i < 0 ? path : path.substring(0, i);
  }

  static String normalize(String path) {
    String p = java.nio.file.Path.of(path).normalize().toString();
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }

  private static int depth(String path) {
    return path.equals("/") ? 0 : (int) path.chars().filter(c -> c == '/').count();
  }
}
