package dev.targo.worker.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.targo.argo.plan.ArtifactRepositoryRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the worker's artifact repository: the YAML Argo keeps under a key of its {@code
 * artifact-repositories} ConfigMap (or in {@code workflow-controller-configmap}'s {@code
 * artifactRepository}), an {@code s3:} block with {@code endpoint}, {@code bucket}, {@code region},
 * {@code insecure}, {@code keyFormat}, {@code accessKeySecret} and {@code secretKeySecret}. A
 * secret reference {@code {name: N, key: K}} is read from the file {@code N/K} under the secrets
 * directory (where Kubernetes mounts a secret's keys); without references the environment's {@code
 * AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are used.
 */
public final class ArtifactRepositories {
  private ArtifactRepositories() {}

  /** A repository file that cannot be used; its message says why. */
  public static final class InvalidRepository extends Exception {
    public InvalidRepository(String message) {
      super(message);
    }
  }

  /**
   * @param file the repository YAML
   * @param secretsDir where secret references are read, or null
   * @param env the environment
   */
  public static ArtifactRepository load(Path file, Path secretsDir, Map<String, String> env)
      throws InvalidRepository {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidRepository(
          file + ": cannot read the artifact repository: " + e.getMessage());
    }
    return parse(text, file.toString(), secretsDir, env);
  }

  /**
   * The repository {@code ref} names among {@code configMaps} (Argo's {@code
   * artifactRepositoryRef}: key {@code key} of ConfigMap {@code configMap}, or the key its {@code
   * workflows.argoproj.io/default-artifact-repository} annotation names).
   */
  public static ArtifactRepository find(
      ArtifactRepositoryRef ref,
      List<ConfigMap> configMaps,
      Path secretsDir,
      Map<String, String> env)
      throws InvalidRepository {
    return of(s3Block(ref, configMaps), "configmap " + ref.configMap(), secretsDir, env);
  }

  /** Argo's message for a ConfigMap that is not there. */
  public static InvalidRepository notFound(ArtifactRepositoryRef ref) {
    return new InvalidRepository(
        "error in getting artifact repository: configmaps \""
            + ref.configMap()
            + "\" not found (give it to the worker with --config-map FILE)");
  }

  /** The repository the YAML {@code text} (read from {@code file}) describes. */
  public static ArtifactRepository parse(
      String text, String file, Path secretsDir, Map<String, String> env) throws InvalidRepository {
    return of(s3Block(text, file), file, secretsDir, env);
  }

  /**
   * The repository of an {@code s3} block already read (from {@code file}), its secret references
   * resolved under {@code secretsDir}, else from {@code env}.
   */
  public static ArtifactRepository of(
      JsonNode s3, String file, Path secretsDir, Map<String, String> env) throws InvalidRepository {
    String endpoint = text(s3, "endpoint");
    String bucket = text(s3, "bucket");
    if (endpoint == null || bucket == null) {
      throw new InvalidRepository(file + ": `s3` needs an `endpoint` and a `bucket`");
    }
    String accessKey = secret(file, s3.get("accessKeySecret"), secretsDir);
    String secretKey = secret(file, s3.get("secretKeySecret"), secretsDir);
    if (accessKey == null) {
      accessKey = env.get("AWS_ACCESS_KEY_ID");
    }
    if (secretKey == null) {
      secretKey = env.get("AWS_SECRET_ACCESS_KEY");
    }
    if (accessKey == null || secretKey == null) {
      throw new InvalidRepository(
          file
              + ": no credentials: give `accessKeySecret` and `secretKeySecret` (read from the"
              + " secrets directory) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    return new ArtifactRepository(
        endpoint,
        bucket,
        text(s3, "region"),
        s3.path("insecure").asBoolean(false),
        text(s3, "keyFormat"),
        accessKey,
        secretKey);
  }

  /**
   * The {@code s3} block of the repository YAML {@code text} (read from {@code file}): what a pod
   * is given of it, since it names its credentials' secrets and holds no credential.
   */
  public static ObjectNode s3Block(String text, String file) throws InvalidRepository {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      throw new InvalidRepository(
          file + ": cannot read the artifact repository: " + e.getMessage());
    }
    JsonNode s3 = root == null ? null : root.get("s3");
    if (s3 == null && root != null && root.has("artifactRepository")) {
      s3 = root.get("artifactRepository").get("s3");
    }
    if (s3 == null || !s3.isObject()) {
      throw new InvalidRepository(
          file + ": the artifact repository needs an `s3` block (other kinds are not supported)");
    }
    return (ObjectNode) s3;
  }

  /**
   * The {@code s3} block of the repository a workflow's {@code ref} names among {@code configMaps},
   * as {@link #find} reads it.
   */
  public static ObjectNode s3Block(ArtifactRepositoryRef ref, List<ConfigMap> configMaps)
      throws InvalidRepository {
    ConfigMap cm =
        configMaps.stream()
            .filter(
                c -> c.getMetadata() != null && ref.configMap().equals(c.getMetadata().getName()))
            .findFirst()
            .orElseThrow(() -> notFound(ref));
    String key = ref.key();
    if (key == null && cm.getMetadata().getAnnotations() != null) {
      key = cm.getMetadata().getAnnotations().get(ArtifactRepositoryRef.DEFAULT_KEY_ANNOTATION);
    }
    String text = key == null || cm.getData() == null ? null : cm.getData().get(key);
    if (text == null) {
      throw new InvalidRepository(
          "error in getting artifact repository: config map missing key "
              + (key == null ? "(no default-artifact-repository annotation)" : key)
              + " in "
              + ref.configMap());
    }
    return s3Block(text, "configmap " + ref.configMap() + " key " + key);
  }

  /** A secret's value: the file {@code name/key} under {@code secretsDir}, trimmed. */
  static String secret(String file, JsonNode ref, Path secretsDir) throws InvalidRepository {
    if (ref == null || ref.isNull()) {
      return null;
    }
    String name = text(ref, "name");
    String key = text(ref, "key");
    if (name == null || key == null || name.contains("/") || key.contains("/")) {
      throw new InvalidRepository(file + ": a secret reference needs a plain `name` and `key`");
    }
    if (secretsDir == null) {
      throw new InvalidRepository(
          file + ": secret " + name + " is referenced but the worker has no --secrets-dir");
    }
    return readSecret(secretsDir, name, key);
  }

  /** The value of key {@code key} of secret {@code name}, or an error naming the file. */
  static String readSecret(Path secretsDir, String name, String key) throws InvalidRepository {
    Path value = secretsDir.resolve(name).resolve(key);
    try {
      return Files.readString(value, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InvalidRepository("secret " + name + " has no key " + key + " (" + value + ")");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
