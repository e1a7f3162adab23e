package dev.targo.worker.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's artifact repository, as Argo's artifact-repositories ConfigMap entry writes it. */
class ArtifactRepositoriesTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("repo.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsArgosS3BlockWithSecretsFromTheSecretsDirectory() throws Exception {
    Path secrets = dir.resolve("secrets");
    Files.createDirectories(secrets.resolve("minio-cred"));
    Files.writeString(secrets.resolve("minio-cred/accesskey"), "AKIA\n");
    Files.writeString(secrets.resolve("minio-cred/secretkey"), "s3cr3t\n");
    Path f =
        file(
            """
            s3:
              bucket: my-bucket
              endpoint: minio:9000
              insecure: true
              keyFormat: "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}"
              accessKeySecret: {name: minio-cred, key: accesskey}
              secretKeySecret: {name: minio-cred, key: secretkey}
            """);

    ArtifactRepository repo = ArtifactRepositories.load(f, secrets, Map.of());

    assertThat(repo)
        .isEqualTo(
            new ArtifactRepository(
                "minio:9000",
                "my-bucket",
                "us-east-1",
                true,
                "{{workflow.namespace}}/{{workflow.name}}/{{pod.name}}",
                "AKIA",
                "s3cr3t"));
    assertThat(repo.toString())
        .isEqualTo("s3 http://minio:9000 bucket my-bucket region us-east-1")
        .doesNotContain("s3cr3t");
  }

  @Test
  void withoutSecretReferencesTheEnvironmentsKeysAreUsedAndTheDefaultKeyFormat() throws Exception {
    Path f = file("s3: {bucket: b, endpoint: s3.example.com}\n");

    ArtifactRepository repo =
        ArtifactRepositories.load(
            f, null, Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s"));

    assertThat(repo.insecure()).isFalse();
    assertThat(repo.keyFormat()).isEqualTo("{{workflow.name}}/{{pod.name}}");
    assertThat(repo.accessKey()).isEqualTo("a");
  }

  private static io.fabric8.kubernetes.api.model.ConfigMap configMap(
      String name, String defaultKey, Map<String, String> data) {
    return new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(
            defaultKey == null
                ? Map.of()
                : Map.of("workflows.argoproj.io/default-artifact-repository", defaultKey))
        .endMetadata()
        .withData(data)
        .build();
  }

  @Test
  void anArtifactRepositoryRefNamesAKeyOfAConfigMapOrItsAnnotatedDefault() throws Exception {
    var repos =
        configMap(
            "artifact-repositories",
            "main",
            Map.of(
                "main", "s3: {bucket: a, endpoint: e:9000}\n",
                "other", "s3: {bucket: b, endpoint: e:9000}\n"));
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s");

    var byKey =
        ArtifactRepositories.find(
            new dev.targo.argo.plan.ArtifactRepositoryRef(null, "other"),
            java.util.List.of(repos),
            null,
            env);
    var byDefault =
        ArtifactRepositories.find(
            new dev.targo.argo.plan.ArtifactRepositoryRef("artifact-repositories", null),
            java.util.List.of(repos),
            null,
            env);

    assertThat(byKey.bucket()).isEqualTo("b");
    assertThat(byDefault.bucket()).isEqualTo("a");
    assertThatThrownBy(
            () ->
                ArtifactRepositories.find(
                    new dev.targo.argo.plan.ArtifactRepositoryRef("elsewhere", "k"),
                    java.util.List.of(repos),
                    null,
                    env))
        .hasMessage(
            "error in getting artifact repository: configmaps \"elsewhere\" not found (give it"
                + " to the worker with --config-map FILE)");
    assertThatThrownBy(
            () ->
                ArtifactRepositories.find(
                    new dev.targo.argo.plan.ArtifactRepositoryRef(null, "nope"),
                    java.util.List.of(repos),
                    null,
                    env))
        .hasMessage(
            "error in getting artifact repository: config map missing key nope in"
                + " artifact-repositories");
  }

  @Test
  void aRepositoryWithoutCredentialsOrBucketIsRefusedWithItsReason() throws Exception {
    assertThatThrownBy(
            () -> ArtifactRepositories.load(file("s3: {bucket: b, endpoint: e}\n"), null, Map.of()))
        .isInstanceOf(ArtifactRepositories.InvalidRepository.class)
        .hasMessageEndingWith(
            ": no credentials: give `accessKeySecret` and `secretKeySecret` (read from the secrets"
                + " directory) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    assertThatThrownBy(() -> ArtifactRepositories.load(file("s3: {endpoint: e}\n"), null, Map.of()))
        .hasMessageEndingWith(": `s3` needs an `endpoint` and a `bucket`");
    assertThatThrownBy(() -> ArtifactRepositories.load(file("gcs: {bucket: b}\n"), null, Map.of()))
        .hasMessageEndingWith(
            ": the artifact repository needs an `s3` block (other kinds are not supported)");
  }
}
