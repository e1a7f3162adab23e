package dev.targo.worker.artifact;

/**
 * The default artifact repository, as Argo's {@code artifactRepository.s3}: where output artifacts
 * go and where input keys are read. The credentials are resolved when the worker starts ({@link
 * ArtifactRepositories}) and stay in its memory: they are never written to Temporal history, memos
 * or logs ({@link #toString()} leaves them out).
 *
 * @param endpoint {@code host:port}
 * @param bucket the bucket
 * @param region the region ({@code us-east-1} when unset)
 * @param insecure plain HTTP instead of HTTPS
 * @param keyFormat Argo's {@code keyFormat}: the key prefix of output artifacts, with {@code
 *     {{workflow.name}}}, {@code {{workflow.namespace}}} and {@code {{pod.name}}}
 * @param accessKey the access key
 * @param secretKey the secret key
 */
public record ArtifactRepository(
    String endpoint,
    String bucket,
    String region,
    boolean insecure,
    String keyFormat,
    String accessKey,
    String secretKey) {

  /** Argo's default {@code keyFormat}. */
  public static final String DEFAULT_KEY_FORMAT = "{{workflow.name}}/{{pod.name}}";

  public ArtifactRepository {
    region = region == null || region.isEmpty() ? "us-east-1" : region;
    keyFormat = keyFormat == null || keyFormat.isEmpty() ? DEFAULT_KEY_FORMAT : keyFormat;
  }

  @Override
  public String toString() {
    return "s3 "
        + (insecure ? "http://" : "https://")
        + endpoint
        + " bucket "
        + bucket
        + " region "
        + region;
  }
}
