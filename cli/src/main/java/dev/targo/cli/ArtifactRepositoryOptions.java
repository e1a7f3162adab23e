package dev.targo.cli;

import dev.targo.worker.artifact.ArtifactRepositories;
import dev.targo.worker.artifact.ArtifactRepository;
import dev.targo.worker.artifact.ArtifactStaging;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --artifact-repository} and {@code --secrets-dir}, shared by {@code targo worker} and
 * {@code targo artifacts get}, which must read the same store with the same credentials.
 */
final class ArtifactRepositoryOptions {
  @Option(
      names = "--artifact-repository",
      paramLabel = "FILE",
      defaultValue = "${env:TARGO_ARTIFACT_REPOSITORY}",
      description =
          "The default artifact repository: YAML with an `s3:` block as in Argo's"
              + " artifact-repositories ConfigMap (endpoint, bucket, region, insecure, keyFormat,"
              + " accessKeySecret, secretKeySecret); env TARGO_ARTIFACT_REPOSITORY.")
  Path file;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      defaultValue = "${env:TARGO_SECRETS_DIR}",
      description =
          "Where secret references are read: key K of secret N is the file N/K, as Kubernetes"
              + " mounts secrets (env TARGO_SECRETS_DIR).")
  Path secretsDir;

  /** The repository, or null when none is given; a file that cannot be used is bad input. */
  ArtifactRepository repository() {
    if (file == null) {
      return null;
    }
    try {
      return ArtifactRepositories.load(file, secretsDir, System.getenv());
    } catch (ArtifactRepositories.InvalidRepository e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }
  }

  /** The staging of the repository (without one, only raw, http and git inputs work). */
  ArtifactStaging staging() {
    return staging(java.util.List.of());
  }

  /**
   * The staging of the repository, a workflow's {@code artifactRepositoryRef} resolved among {@code
   * configMaps} (the worker's {@code --config-map} files).
   */
  ArtifactStaging staging(java.util.List<io.fabric8.kubernetes.api.model.ConfigMap> configMaps) {
    return new ArtifactStaging(
        repository(),
        secretsDir,
        ref -> ArtifactRepositories.find(ref, configMaps, secretsDir, System.getenv()));
  }
}
