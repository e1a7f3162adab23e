package dev.targo.worker.artifact;

import dev.targo.argo.Templating;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.ArtifactRepositoryRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A pod's artifacts, as Argo's executor handles them ({@code workflow/executor/executor.go} {@code
 * loadArtifact} and {@code saveArtifact}): inputs downloaded (or written, for {@code raw}) into a
 * scratch folder, unarchived there and only then moved to their {@code path}, so that a failed load
 * leaves nothing at the path; outputs archived ({@code tar} and gzip by default, {@code none},
 * {@code zip}) and uploaded under the repository's {@code keyFormat}. Every transfer streams
 * between a file and the store.
 */
public final class ArtifactStaging implements AutoCloseable {
  private final ArtifactRepository repository;
  private final Path secretsDir;
  private final Map<String, ObjectStore> stores;
  private final Lookup lookup;

  /** Finds the repository an {@code artifactRepositoryRef} names. */
  public interface Lookup {
    ArtifactRepository find(ArtifactRepositoryRef ref)
        throws ArtifactRepositories.InvalidRepository;
  }

  /**
   * @param repository the default repository, or null when none is configured (then only {@code
   *     raw} inputs work)
   * @param secretsDir where the {@code accessKeySecret} and {@code secretKeySecret} of an
   *     artifact's own {@code s3} are read, or null
   */
  public ArtifactStaging(ArtifactRepository repository, Path secretsDir) {
    this(
        repository,
        secretsDir,
        ref -> {
          throw ArtifactRepositories.notFound(ref);
        });
  }

  /**
   * @param lookup where a workflow's {@code artifactRepositoryRef} is resolved
   */
  public ArtifactStaging(ArtifactRepository repository, Path secretsDir, Lookup lookup) {
    this(repository, secretsDir, lookup, new ConcurrentHashMap<>());
  }

  private ArtifactStaging(
      ArtifactRepository repository,
      Path secretsDir,
      Lookup lookup,
      Map<String, ObjectStore> stores) {
    this.repository = repository;
    this.secretsDir = secretsDir;
    this.lookup = lookup;
    this.stores = stores;
  }

  /**
   * The staging of a pod whose workflow names {@code ref} (its {@code artifactRepositoryRef}),
   * sharing this one's clients; this one when {@code ref} is null.
   *
   * @throws ArtifactException Argo's message when the reference names no repository
   */
  public ArtifactStaging forRef(ArtifactRepositoryRef ref) throws ArtifactException {
    if (ref == null) {
      return this;
    }
    try {
      return new ArtifactStaging(lookup.find(ref), secretsDir, lookup, stores);
    } catch (ArtifactRepositories.InvalidRepository e) {
      throw new ArtifactException(e.getMessage());
    }
  }

  /** The default repository, or null. */
  public ArtifactRepository repository() {
    return repository;
  }

  /** Where one artifact lives: a store, a bucket and a key. */
  record Location(ObjectStore store, String bucket, String key) {}

  /** A failure with Argo's message for the attempt. */
  public static final class ArtifactException extends Exception {
    public ArtifactException(String message) {
      super(message);
    }
  }

  /**
   * Places every input at its path: {@code hostPath} says where a path of the container lies on
   * this machine, {@code scratch} is a folder of the pod's on the same file system.
   *
   * @throws ArtifactException Argo's message; nothing is left at the failed input's path
   */
  public void load(List<Artifact> inputs, Function<String, Path> hostPath, Path scratch)
      throws ArtifactException {
    for (Artifact a : inputs) {
      if (!a.hasLocation()) {
        if (a.mayBeMissing()) {
          continue;
        }
        throw new ArtifactException("required artifact '" + a.name() + "' not supplied");
      }
      Path staged = scratch.resolve("in-" + a.name());
      Path downloaded = scratch.resolve("in-" + a.name() + ".download");
      try {
        Files.createDirectories(scratch);
        deleteRecursively(staged);
        deleteRecursively(downloaded);
        fetch(a, downloaded, staged);
        if (Files.exists(downloaded)) {
          unarchive(a, downloaded, staged);
        }
        Path chosen = staged;
        if (a.subPath() != null && !a.subPath().isEmpty()) {
          chosen = staged.resolve(a.subPath()).normalize();
          if (!chosen.startsWith(staged) || !Files.exists(chosen, LinkOption.NOFOLLOW_LINKS)) {
            throw new ObjectStore.NotFound("subPath " + a.subPath() + " does not exist");
          }
        }
        if (a.mode() != null) {
          Archives.setMode(chosen, a.mode());
        }
        Path target = hostPath.apply(a.path());
        Files.createDirectories(target.getParent());
        deleteRecursively(target);
        Files.move(chosen, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (ObjectStore.NotFound e) {
        if (a.mayBeMissing()) {
          continue;
        }
        throw new ArtifactException("artifact " + a.name() + " failed to load: " + e.getMessage());
      } catch (IOException e) {
        throw new ArtifactException("artifact " + a.name() + " failed to load: " + e.getMessage());
      } finally {
        try {
          deleteRecursively(staged);
          deleteRecursively(downloaded);
        } catch (IOException ignored) {
          // The scratch folder goes with the pod's directory.
        }
      }
    }
  }

  /**
   * Gets the artifact's bytes: a file at {@code file} (to unarchive), or a folder at {@code dir} (a
   * git clone, or a directory saved with {@code archive: none}).
   */
  private void fetch(Artifact a, Path file, Path dir) throws IOException {
    if (a.raw() != null) {
      Files.writeString(file, a.raw(), StandardCharsets.UTF_8);
    } else if (a.http() != null) {
      HttpDownloads.get(a.http(), file);
    } else if (a.git() != null) {
      GitClones.clone(a.git(), dir);
    } else {
      download(a, file, dir);
    }
  }

  /**
   * Downloads a saved artifact as it is stored (a tarball stays a tarball) to {@code target}: a
   * file, or a folder for a directory saved with {@code archive: none}.
   */
  public void download(Artifact a, Path target) throws IOException {
    if (a.s3() == null || a.s3().key() == null) {
      throw new IOException("artifact " + a.name() + " has no key in a store");
    }
    download(a, target, target);
  }

  /** Downloads the key into {@code file}, or a saved directory into {@code dir}. */
  private void download(Artifact a, Path file, Path dir) throws IOException {
    Location at = locate(a, a.s3().key());
    try {
      at.store().get(at.bucket(), at.key(), file);
    } catch (ObjectStore.NotFound notFound) {
      Files.deleteIfExists(file);
      // Saved with `archive: none` from a directory: the keys below it (Argo's GetDirectory).
      List<String> keys = at.store().list(at.bucket(), at.key());
      if (keys.isEmpty()) {
        throw notFound;
      }
      for (String key : keys) {
        Path f = dir.resolve(key.substring(at.key().length() + 1)).normalize();
        if (!f.startsWith(dir)) {
          throw new IOException(key + ": Illegal file path");
        }
        Files.createDirectories(f.getParent());
        at.store().get(at.bucket(), key, f);
      }
    }
  }

  /** Argo's {@code unarchiveArtifact}: by the input's {@code archive}, else a tarball is found. */
  private static void unarchive(Artifact a, Path downloaded, Path staged) throws IOException {
    boolean tar;
    boolean zip = false;
    if (a.archive() == null) {
      tar = Archives.isTarGz(downloaded);
    } else {
      tar = a.archive().equals(Artifact.ARCHIVE_TAR);
      zip = a.archive().equals(Artifact.ARCHIVE_ZIP);
    }
    if (tar) {
      Archives.untarGz(downloaded, staged);
      Files.delete(downloaded);
    } else if (zip) {
      Archives.unzip(downloaded, staged);
      Files.delete(downloaded);
    } else {
      Files.move(downloaded, staged);
    }
  }

  /**
   * Saves every output that exists; a missing {@code optional} one is left out.
   *
   * @param keyVars {@code workflow.name}, {@code workflow.namespace} and {@code pod.name} for the
   *     repository's {@code keyFormat}
   * @return the saved artifacts with their location, and Argo's message when one failed (then the
   *     others are still saved)
   */
  public Saved save(
      List<Artifact> outputs,
      Function<String, Path> hostPath,
      Path scratch,
      Map<String, String> keyVars) {
    List<Artifact> saved = new ArrayList<>();
    StringBuilder errors = new StringBuilder();
    for (Artifact a : outputs) {
      Path source = hostPath.apply(a.path());
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        if (!a.mayBeMissing()) {
          errors.append(a.path()).append(" no such file or directory; ");
        }
        continue;
      }
      try {
        saved.add(save(a, source, scratch, keyVars));
      } catch (IOException | ArtifactException e) {
        errors.append("failed to save artifact ").append(a.name()).append(": ");
        errors.append(e.getMessage()).append("; ");
      }
    }
    return new Saved(saved, errors.isEmpty() ? null : errors.toString().strip());
  }

  /** Argo's name of the main container's log artifact ({@code archiveLogs}). */
  public static final String LOGS = "main-logs";

  /**
   * Saves the main container's log {@code log} as Argo's {@code archiveLogs} does: the artifact
   * {@code main-logs}, not archived, under {@code keyFormat/main.log}, recorded with its key only.
   */
  public Saved saveLog(Path log, Path scratch, Map<String, String> keyVars) {
    Artifact logs =
        new Artifact(
            LOGS,
            "/main.log",
            null,
            null,
            null,
            Artifact.ARCHIVE_NONE,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Saved saved = save(List.of(logs), p -> log, scratch, keyVars);
    List<Artifact> recorded = saved.artifacts().stream().map(a -> logAt(a.s3().key())).toList();
    return new Saved(recorded, saved.error());
  }

  /** The {@code main-logs} artifact as it is recorded once saved under {@code key}. */
  public static Artifact logAt(String key) {
    return new Artifact(
        LOGS,
        null,
        null,
        null,
        null,
        null,
        null,
        Artifact.S3.ofKey(key),
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * @param artifacts the saved outputs, each with its {@code s3} location
   * @param error the failures, or null
   */
  public record Saved(List<Artifact> artifacts, String error) {}

  private Artifact save(Artifact a, Path source, Path scratch, Map<String, String> keyVars)
      throws IOException, ArtifactException {
    Files.createDirectories(scratch);
    String archive = a.archiveOrDefault();
    String fileName;
    Path upload;
    boolean directory = false;
    switch (archive) {
      case Artifact.ARCHIVE_NONE -> {
        fileName = source.getFileName().toString();
        upload = source;
        directory = Files.isDirectory(source);
      }
      case Artifact.ARCHIVE_ZIP -> {
        fileName = a.name() + ".zip";
        upload = scratch.resolve("out-" + fileName);
        Archives.zip(source, upload);
      }
      default -> {
        fileName = a.name() + ".tgz";
        upload = scratch.resolve("out-" + fileName);
        Archives.tarGz(source, upload, a.compressionLevel());
      }
    }
    String key =
        a.s3() != null && a.s3().key() != null && !a.s3().key().isEmpty()
            ? a.s3().key()
            : defaultKey(keyVars) + "/" + fileName;
    Location at = locate(a, key);
    try {
      if (directory) {
        at.store().putDirectory(at.bucket(), key, upload);
      } else {
        at.store().put(at.bucket(), key, upload);
      }
    } finally {
      if (upload != source) {
        Files.deleteIfExists(upload);
      }
    }
    return savedAt(a, key);
  }

  /** Output {@code a} as it is recorded once saved under {@code key}. */
  public static Artifact savedAt(Artifact a, String key) {
    Artifact.S3 location = a.s3() == null ? Artifact.S3.ofKey(key) : a.s3().withKey(key);
    return new Artifact(
        a.name(),
        a.path(),
        a.mode(),
        null,
        a.optional(),
        a.archive(),
        null,
        location,
        null,
        null,
        null,
        null,
        null);
  }

  private String defaultKey(Map<String, String> keyVars) throws ArtifactException {
    if (repository == null) {
      throw new ArtifactException(noRepository());
    }
    return Templating.substitute(repository.keyFormat(), keyVars);
  }

  private static String noRepository() {
    return "no artifact repository is configured: give the worker --artifact-repository FILE"
        + " (targo run starts its own)";
  }

  /** The store and bucket of an artifact: its own {@code s3} fields, else the repository's. */
  Location locate(Artifact a, String key) throws IOException {
    Artifact.S3 s3 = a.s3();
    String endpoint = s3 != null && s3.endpoint() != null ? s3.endpoint() : null;
    String bucket = s3 != null && s3.bucket() != null ? s3.bucket() : null;
    if (repository == null && (endpoint == null || bucket == null)) {
      throw new IOException(noRepository());
    }
    String ep = endpoint != null ? endpoint : repository.endpoint();
    boolean insecure =
        s3 != null && s3.insecure() != null
            ? s3.insecure()
            : repository != null && repository.insecure();
    String region =
        s3 != null && s3.region() != null
            ? s3.region()
            : repository == null ? null : repository.region();
    String access = repository == null ? null : repository.accessKey();
    String secret = repository == null ? null : repository.secretKey();
    try {
      if (s3 != null && s3.accessKeySecret() != null) {
        access = secret(s3.accessKeySecret());
      }
      if (s3 != null && s3.secretKeySecret() != null) {
        secret = secret(s3.secretKeySecret());
      }
    } catch (ArtifactRepositories.InvalidRepository e) {
      throw new IOException(e.getMessage());
    }
    if (access == null || secret == null) {
      throw new IOException("no credentials for the artifact store " + ep);
    }
    String id = ep + "|" + insecure + "|" + region + "|" + access + "|" + secret.hashCode();
    String finalAccess = access;
    String finalSecret = secret;
    ObjectStore store =
        stores.computeIfAbsent(
            id, k -> new ObjectStore(ep, insecure, region, finalAccess, finalSecret));
    return new Location(store, bucket != null ? bucket : repository.bucket(), key);
  }

  private String secret(Artifact.SecretRef ref) throws ArtifactRepositories.InvalidRepository {
    if (secretsDir == null) {
      throw new ArtifactRepositories.InvalidRepository(
          "secret " + ref.name() + " is referenced but the worker has no --secrets-dir");
    }
    return ArtifactRepositories.readSecret(secretsDir, ref.name(), ref.key());
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(p)) {
        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    } else {
      Files.delete(p);
    }
  }

  @Override
  public void close() {
    stores.values().forEach(ObjectStore::close);
  }
}
