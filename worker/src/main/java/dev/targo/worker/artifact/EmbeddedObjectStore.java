package dev.targo.worker.artifact;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;

/**
 * The object store {@code targo run} starts so that artifacts need no set-up: s3proxy (Apache-2.0)
 * in this process, on a free loopback port, keeping its objects as files in a folder (jclouds'
 * filesystem blob store). The credentials are made up at start and live only in this process.
 */
public final class EmbeddedObjectStore implements AutoCloseable {
  /** The bucket output artifacts go to. */
  public static final String BUCKET = "targo-artifacts";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final ArtifactRepository repository;

  private EmbeddedObjectStore(S3Proxy proxy, BlobStoreContext context, ArtifactRepository repo) {
    this.proxy = proxy;
    this.context = context;
    this.repository = repo;
  }

  /** Starts a store on {@code dir} (created if needed) with the {@link #BUCKET} bucket. */
  public static EmbeddedObjectStore start(Path dir) throws IOException {
    Files.createDirectories(dir);
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
    String access = "targo-" + random(6);
    String secret = random(20);
    BlobStoreContext context =
        ContextBuilder.newBuilder(new FilesystemApiMetadata())
            .credentials(access, secret)
            .overrides(properties)
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
            .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the embedded object store did not start: " + proxy.getState());
        }
        Thread.sleep(5);
      }
    } catch (IOException e) {
      context.close();
      throw e;
    } catch (Exception e) {
      context.close();
      throw new IOException("the embedded object store did not start: " + e, e);
    }
    ArtifactRepository repo =
        new ArtifactRepository(
            "127.0.0.1:" + proxy.getPort(), BUCKET, null, true, null, access, secret);
    try (ObjectStore store = ObjectStore.of(repo)) {
      store.ensureBucket(BUCKET);
    }
    return new EmbeddedObjectStore(proxy, context, repo);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The repository to give workers: this store, its bucket and credentials. */
  public ArtifactRepository repository() {
    return repository;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // Stopping a server that is going away with its process.
    }
    context.close();
  }
}
