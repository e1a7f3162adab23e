package dev.targo.worker.artifact;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3-compatible store (an endpoint and its credentials), with the AWS SDK v2: files are
 * streamed to and from it, never held in memory. Path-style addressing, as MinIO, s3proxy and
 * SeaweedFS need; checksums only where S3 requires them, as the stores that do not speak the newer
 * trailing checksums need.
 */
public final class ObjectStore implements AutoCloseable {
  /** A key (or key prefix) that is not in the bucket: Argo's {@code CodeNotFound}. */
  public static final class NotFound extends IOException {
    public NotFound(String message) {
      super(message);
    }
  }

  private final S3Client client;

  public ObjectStore(
      String endpoint, boolean insecure, String region, String access, String secret) {
    this.client =
        S3Client.builder()
            .endpointOverride(URI.create((insecure ? "http://" : "https://") + endpoint))
            .region(Region.of(region == null ? "us-east-1" : region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret)))
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** The store of {@code repository}. */
  public static ObjectStore of(ArtifactRepository repository) {
    return new ObjectStore(
        repository.endpoint(),
        repository.insecure(),
        repository.region(),
        repository.accessKey(),
        repository.secretKey());
  }

  /** Creates {@code bucket} unless it exists. */
  public void ensureBucket(String bucket) throws IOException {
    try {
      client.headBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw failure(e);
      }
      try {
        client.createBucket(b -> b.bucket(bucket));
      } catch (SdkException created) {
        throw failure(created);
      }
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  /** Uploads {@code file} as {@code key}, streaming it. */
  public void put(String bucket, String key, Path file) throws IOException {
    try {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
    } catch (SdkException e) {
      IOException failure = failure(e);
      if (spoken(e)) {
        throw failure;
      }
      throw new IOException(failure.getMessage() + diagnosis(bucket, key), e);
    }
  }

  /**
   * Why the store may have cut an upload short: a store that refuses a request (wrong secret,
   * unknown key id, missing bucket) may answer before it has read the body and close the
   * connection, and the client then sees only that it could not write. A small listing, which has
   * no body, brings the store's own words; empty when the listing succeeds or cannot reach it.
   */
  private String diagnosis(String bucket, String key) {
    try {
      client.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1));
      return "";
    } catch (S3Exception e) {
      return "; the store answers: " + failure(e).getMessage();
    } catch (SdkException e) {
      return "";
    }
  }

  /** Uploads every file under {@code dir} below {@code key/} (Argo's S3 {@code PutDirectory}). */
  public void putDirectory(String bucket, String key, Path dir) throws IOException {
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      put(bucket, key + "/" + rel, f);
    }
  }

  /** Downloads {@code key} into {@code file} (which must not exist), streaming it. */
  public void get(String bucket, String key, Path file) throws IOException {
    try {
      client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(file));
    } catch (NoSuchKeyException e) {
      throw new NotFound("The specified key does not exist.");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new NotFound("The specified key does not exist.");
      }
      throw failure(e);
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  /**
   * The keys below {@code prefix/}, for an artifact saved as a directory; empty when there are
   * none.
   */
  public List<String> list(String bucket, String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object o :
          client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
        // Stores on file systems list their folders too, as keys ending in a slash.
        if (!o.key().endsWith("/")) {
          keys.add(o.key());
        }
      }
    } catch (SdkException e) {
      throw failure(e);
    }
    return keys;
  }

  /** The size of {@code key} in bytes. */
  public long size(String bucket, String key) throws IOException {
    try {
      return client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  /** Deletes {@code key}; a missing key is no error. */
  public void delete(String bucket, String key) throws IOException {
    try {
      client.deleteObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  /** An SDK failure as an I/O error with the store's own words (never the credentials). */
  private static IOException failure(SdkException e) {
    String message =
        spoken(e)
            ? ((S3Exception) e).awsErrorDetails().errorMessage()
                + " ("
                + ((S3Exception) e).awsErrorDetails().errorCode()
                + ")"
            : e.getMessage();
    return new IOException(message, e);
  }

  /** Whether the store answered {@code e} with an error code of its own. */
  private static boolean spoken(SdkException e) {
    return e instanceof S3Exception s3
        && s3.awsErrorDetails() != null
        && s3.awsErrorDetails().errorCode() != null;
  }

  @Override
  public void close() {
    client.close();
  }
}
