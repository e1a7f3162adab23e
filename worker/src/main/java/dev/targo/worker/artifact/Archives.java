package dev.targo.worker.artifact;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Argo's artifact archives ({@code workflow/executor} and {@code util/archive}): a file or a
 * directory as a gzipped tar whose entries are named from the path's base name (as {@code tar -C
 * parent base}), or as a zip; and back, refusing entries that would land outside the destination.
 * Streams only: a 1 GiB artifact never sits in memory.
 */
public final class Archives {
  private Archives() {}

  /** Writes {@code source} (file or directory) as a gzipped tar to {@code target}. */
  public static void tarGz(Path source, Path target, Integer level) throws IOException {
    int l = level == null ? Deflater.DEFAULT_COMPRESSION : level;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
        GZIPOutputStream gz =
            new GZIPOutputStream(file, 64 * 1024) {
              {
                def.setLevel(l);
              }
            };
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      add(tar, source, source.getFileName().toString());
    }
  }

  private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
    boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    TarArchiveEntry entry =
        new TarArchiveEntry(p, dir ? name + "/" : name, LinkOption.NOFOLLOW_LINKS);
    tar.putArchiveEntry(entry);
    if (!dir && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(p, tar);
    }
    tar.closeArchiveEntry();
    if (dir) {
      List<Path> children;
      try (var s = Files.list(p)) {
        children = s.sorted().toList();
      }
      for (Path c : children) {
        add(tar, c, name + "/" + c.getFileName());
      }
    }
  }

  /** Writes {@code source} (file or directory) as a zip to {@code target}. */
  public static void zip(Path source, Path target) throws IOException {
    try (ZipOutputStream zip =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
      List<Path> files;
      try (var walk = Files.walk(source)) {
        files = walk.sorted().toList();
      }
      Path base = source.getParent() == null ? source : source.getParent();
      for (Path f : files) {
        String name = base.relativize(f).toString().replace('\\', '/');
        boolean dir = Files.isDirectory(f);
        zip.putNextEntry(new ZipEntry(dir ? name + "/" : name));
        if (!dir) {
          Files.copy(f, zip);
        }
        zip.closeEntry();
      }
    }
  }

  /** Whether {@code file} is a gzipped tar (Argo's {@code isTarball}). */
  public static boolean isTarGz(Path file) {
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      return tar.getNextEntry() != null;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Extracts a gzipped tar to {@code dest}: a tar of one file becomes the file {@code dest}, a tar
   * of a directory the directory {@code dest} (Argo's {@code untar}, which strips the first path
   * component).
   */
  public static void untarGz(Path archive, Path dest) throws IOException {
    try (InputStream in =
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 64 * 1024);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path target = strippedTarget(dest, e.getName());
        if (target == null) {
          continue;
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Path link = Path.of(e.getLinkName());
          if (!target.getParent().resolve(link).normalize().startsWith(dest)) {
            throw new IOException("illegal symlink target: " + e.getName() + " -> " + link);
          }
          Files.createSymbolicLink(target, link);
        } else if (e.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
          setMode(target, e.getMode());
        }
      }
    }
  }

  /** Extracts a zip to {@code dest} (a directory), as Argo's {@code unzip}. */
  public static void unzip(Path archive, Path dest) throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      ZipEntry e;
      Files.createDirectories(dest);
      while ((e = zip.getNextEntry()) != null) {
        Path target = dest.resolve(e.getName()).normalize();
        if (!target.startsWith(dest)) {
          throw new IOException(e.getName() + ": Illegal file path");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target);
        }
      }
    }
  }

  /** Where entry {@code name} lands once its first component becomes {@code dest}; null: none. */
  private static Path strippedTarget(Path dest, String name) throws IOException {
    String n = name.startsWith("./") ? name.substring(2) : name;
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    int slash = n.indexOf('/');
    Path target = slash < 0 ? dest : dest.resolve(n.substring(slash + 1)).normalize();
    if (!target.startsWith(dest)) {
      throw new IOException("illegal file path: " + name);
    }
    return n.isEmpty() ? null : target;
  }

  /** Applies a Unix mode's permission bits, where the file system has them. */
  public static void setMode(Path p, int mode) throws IOException {
    if (!Files.getFileStore(p).supportsFileAttributeView("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        perms.add(order[i]);
      }
    }
    Files.setPosixFilePermissions(p, perms);
  }
}
