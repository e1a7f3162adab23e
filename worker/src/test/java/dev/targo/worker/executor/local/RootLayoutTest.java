package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.worker.executor.local.RootLayout.Bind;
import dev.targo.worker.executor.local.RootLayout.HostFiles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mounts of a pod's own root, over a machine described in memory. */
class RootLayoutTest {
  /** Directories with their entries, links with their targets; everything else is a file. */
  private static final Map<String, List<String>> DIRS =
      Map.of(
          "/", List.of("bin", "dev", "etc", "mnt", "proc", "sys", "tmp", "usr"),
          "/etc", List.of("hostname"),
          "/mnt", List.of("disk"),
          "/mnt/disk", List.of(),
          "/usr", List.of("bin", "local"),
          "/usr/bin", List.of("sh"),
          "/usr/local", List.of("bin"),
          "/usr/local/bin", List.of("tool"));

  private static final Map<String, String> LINKS = Map.of("/bin", "usr/bin");

  private static final HostFiles HOST =
      new HostFiles() {
        @Override
        public boolean isDirectory(String path) {
          return DIRS.containsKey(path) || Set.of("/dev", "/proc", "/sys", "/tmp").contains(path);
        }

        @Override
        public boolean exists(String path) {
          return isDirectory(path)
              || LINKS.containsKey(path)
              || DIRS.getOrDefault(RootLayout.parent(path), List.of())
                  .contains(path.substring(path.lastIndexOf('/') + 1));
        }

        @Override
        public String symlink(String path) {
          return LINKS.get(path);
        }

        @Override
        public List<String> list(String path) {
          return DIRS.getOrDefault(path, List.of());
        }
      };

  @Test
  void theMachineIsReadOnlyInsideThePodsRootWithItsOwnTmpDevProcAndSys() {
    List<String> args =
        RootLayout.arguments(HOST, "/pods/p/root", List.of("/", "/tmp/x"), List.of());

    assertThat(args)
        .containsExactly(
            "--bind",
            "/pods/p/root",
            "/",
            "--symlink",
            "usr/bin",
            "/bin",
            "--ro-bind",
            "/etc",
            "/etc",
            "--ro-bind",
            "/mnt",
            "/mnt",
            "--ro-bind",
            "/usr",
            "/usr",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--ro-bind",
            "/sys",
            "/sys");
  }

  @Test
  void aMachineDirectoryOnTheWayToAWritePlaceIsShadowedWithItsEntriesReadOnly() {
    List<String> args =
        RootLayout.arguments(HOST, "/r", List.of("/mnt/out", "/usr/local/bin"), List.of());

    assertThat(args.subList(args.lastIndexOf("/sys") + 1, args.size()))
        .containsExactly(
            "--bind",
            "/r/mnt",
            "/mnt",
            "--ro-bind",
            "/mnt/disk",
            "/mnt/disk",
            "--bind",
            "/r/usr/local/bin",
            "/usr/local/bin",
            "--ro-bind",
            "/usr/local/bin/tool",
            "/usr/local/bin/tool");
  }

  @Test
  void volumesAndStagedFilesAreBoundAfterTheLayoutParentsFirst() {
    List<Bind> binds =
        List.of(
            new Bind("/mnt/data/deep", "/p/volumes/b", true),
            new Bind("/argo/staging/script", "/p/script", false),
            new Bind("/mnt/data", "/p/volumes/a", true));

    List<String> args = RootLayout.arguments(HOST, "/r", List.of("/"), binds);

    assertThat(args.subList(args.lastIndexOf("/sys") + 1, args.size()))
        .containsExactly(
            "--bind",
            "/r/mnt",
            "/mnt",
            "--ro-bind",
            "/mnt/disk",
            "/mnt/disk",
            "--bind",
            "/p/volumes/a",
            "/mnt/data",
            "--bind",
            "/p/volumes/b",
            "/mnt/data/deep",
            "--ro-bind",
            "/p/script",
            "/argo/staging/script");
  }

  @Test
  void nothingIsShadowedForPlacesInTmpInVolumesBehindLinksOrBehindFiles() {
    List<Bind> volume = List.of(new Bind("/data", "/p/volumes/d", true));

    assertThat(
            RootLayout.shadowed(
                HOST,
                List.of("/tmp/a/b", "/data/x", "/bin/x", "/etc/hostname/x", "/new/dir"),
                volume))
        .isEmpty();
  }

  @Test
  void theWorkersPodDirectoryIsCoveredByAnEmptyReadOnlyFileSystemAfterTheShadowsBeforeTheVolumes() {
    List<Bind> volume = List.of(new Bind("/mnt/data", "/usr/local/pods/p/volumes/d", true));

    List<String> args =
        RootLayout.arguments(
            HOST, "/usr/local/pods/p/root", List.of("/"), volume, List.of("/usr/local"));

    assertThat(args.subList(args.lastIndexOf("/sys") + 1, args.size()))
        .containsExactly(
            "--bind",
            "/usr/local/pods/p/root/mnt",
            "/mnt",
            "--ro-bind",
            "/mnt/disk",
            "/mnt/disk",
            "--tmpfs",
            "/usr/local",
            "--remount-ro",
            "/usr/local",
            "--bind",
            "/usr/local/pods/p/volumes/d",
            "/mnt/data");
  }

  @Test
  void aPodDirectoryThePodCannotSeeAnywayOrThatIsMissingIsLeftAlone() {
    List<String> plain = RootLayout.arguments(HOST, "/r", List.of("/"), List.of());

    assertThat(
            RootLayout.arguments(
                HOST,
                "/r",
                List.of("/"),
                List.of(),
                List.of("/tmp/pods", "/proc/x", "/nowhere", "/")))
        .isEqualTo(plain);
  }
}
