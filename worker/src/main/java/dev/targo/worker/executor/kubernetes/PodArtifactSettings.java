package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.plan.ArtifactRepositoryRef;
import dev.targo.worker.artifact.ArtifactRepositories;

/**
 * What the kubernetes executor needs for pods with artifacts (docs/DESIGN.md §16).
 *
 * @param image the image of the {@code init} and {@code wait} containers: the one targo's {@code
 *     Dockerfile} builds, which has {@code targo} on its {@code PATH}
 * @param repositories the {@code s3} block of the repository a workflow uses
 */
public record PodArtifactSettings(String image, Repositories repositories) {

  /** The image name the project's {@code Dockerfile} is built as in its documentation. */
  public static final String DEFAULT_IMAGE = "targo:0.1.0";

  /** Finds a repository's {@code s3} block. */
  public interface Repositories {
    /**
     * @param ref the workflow's {@code artifactRepositoryRef}, or null for the default repository
     * @return the block, or null when no default repository is configured
     */
    ObjectNode s3(ArtifactRepositoryRef ref) throws ArtifactRepositories.InvalidRepository;
  }

  public PodArtifactSettings {
    if (image == null || image.isEmpty()) {
      image = DEFAULT_IMAGE;
    }
  }
}
