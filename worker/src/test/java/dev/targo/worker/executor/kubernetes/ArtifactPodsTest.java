package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.worker.artifact.PodArtifacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod of a template with artifacts: init, the wrapped main, wait, volumes, secrets. */
class ArtifactPodsTest {
  private static Artifact artifact(String name, String path, String raw) {
    return new Artifact(
        name, path, null, null, null, null, raw, null, null, null, null, null, null);
  }

  /** A template named t of {@code body}, with nothing else. */
  private static Template template(TemplateBody body) {
    return new Template("t", body, null, null, null, null, null, null, null, null, null, null);
  }

  private static ObjectNode repository(boolean secrets) {
    ObjectNode s3 = Json.mapper().createObjectNode();
    s3.put("endpoint", "minio:9000").put("bucket", "b").put("insecure", true);
    if (secrets) {
      s3.putObject("accessKeySecret").put("name", "minio-cred").put("key", "accesskey");
      s3.putObject("secretKeySecret").put("name", "minio-cred").put("key", "secretkey");
    }
    return s3;
  }

  private static Pod build(Template t, ObjectNode repository)
      throws PodSpecs.UnsupportedTemplateException {
    return PodSpecs.build(
        Requests.attempt("wf", t, 0),
        Requests.NAMESPACE,
        MockCluster.settings(),
        Map.of(),
        new PodArtifactSettings("targo:test", ref -> repository));
  }

  private static Container named(List<Container> cs, String name) {
    return cs.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  private static String env(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  @Test
  void inputsAndOutputsMakeArgosLayoutWithTheSecretsInInitAndWaitOnly() throws Exception {
    Template t =
        Requests.container("t", List.of("cat /tmp/message > /tmp/out.txt"))
            .withInputArtifacts(List.of(artifact("message", "/tmp/message", "hi")))
            .withOutputs(List.of(artifact("out", "/tmp/out.txt", null)));
    Pod pod = build(t, repository(true));

    Container init = named(pod.getSpec().getInitContainers(), "init");
    assertThat(init.getImage()).isEqualTo("targo:test");
    assertThat(init.getCommand()).startsWith("targo", "artifacts", "load");
    PodArtifacts spec = PodArtifacts.parse(env(init, PodArtifacts.ENV));
    assertThat(spec.inputs()).extracting(Artifact::raw).containsExactly("hi");
    assertThat(spec.keyVars()).containsEntry("pod.name", pod.getMetadata().getName());
    // No credential in the pod: the repository names its secret, mounted into init and wait.
    assertThat(env(init, PodArtifacts.ENV)).doesNotContain("secretkey\":\"");
    assertThat(init.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly("/var/run/targo", "/var/run/targo/secrets/minio-cred");

    Container main = named(pod.getSpec().getContainers(), "main");
    assertThat(main.getCommand()).startsWith("/bin/sh", "-c");
    assertThat(main.getArgs()).containsExactly("sh", "-c", "cat /tmp/message > /tmp/out.txt");
    assertThat(main.getVolumeMounts())
        .extracting(m -> m.getMountPath() + "<-" + m.getSubPath())
        .containsExactly("/tmp/message<-inputs/message", "/var/run/targo<-null");
    assertThat(main.getVolumeMounts()).noneMatch(m -> m.getMountPath().contains("secrets"));

    Container wait = named(pod.getSpec().getContainers(), "wait");
    assertThat(wait.getCommand()).startsWith("targo", "artifacts", "save");
    assertThat(pod.getSpec().getVolumes())
        .extracting(Volume::getName)
        .containsExactly("targo-var", "targo-secret-0");
    assertThat(pod.getSpec().getVolumes().get(1).getSecret().getSecretName())
        .isEqualTo("minio-cred");
  }

  @Test
  void inputsAloneNeedNoWrapperAndNoWaitContainer() throws Exception {
    Template t =
        Requests.container("t", List.of("cat /tmp/message"))
            .withInputArtifacts(List.of(artifact("message", "/tmp/message", "hi")));
    Pod pod = build(t, null);
    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("main");
    assertThat(pod.getSpec().getContainers().get(0).getCommand()).containsExactly("sh", "-c");
  }

  @Test
  void aScriptsSourceIsStagedByTheSameInitContainer() throws Exception {
    Template t =
        template(
                new TemplateBody.ScriptBody(
                    new ContainerSpec(
                        "python:3", List.of("python"), null, null, null, null, null, null, null),
                    "print(open('/tmp/m').read())"))
            .withInputArtifacts(List.of(artifact("m", "/tmp/m", "hi")));
    Pod pod = build(t, null);
    assertThat(pod.getSpec().getInitContainers()).hasSize(1);
    Container init = pod.getSpec().getInitContainers().get(0);
    assertThat(init.getCommand()).contains("--script", PodSpecs.SCRIPT_PATH);
    assertThat(env(init, PodSpecs.SCRIPT_SOURCE_ENV)).isEqualTo("print(open('/tmp/m').read())");
  }

  @Test
  void archiveLogsAloneWrapsMainAndAddsTheWaitContainer() throws Exception {
    Template t = Requests.container("t", List.of("echo hi")).withArchiveLogs(true);
    Pod pod = build(t, repository(true));
    Container wait = named(pod.getSpec().getContainers(), "wait");
    assertThat(PodArtifacts.parse(env(wait, PodArtifacts.ENV)).archiveLogs()).isTrue();
    Container main = named(pod.getSpec().getContainers(), "main");
    assertThat(main.getCommand()).startsWith("/bin/sh", "-c");
    assertThat(main.getCommand().get(2)).contains("mkfifo", "tee");
  }

  @Test
  void whatThisExecutorCannotDoIsRefusedWithWhy() {
    Template outputs =
        Requests.container("t", List.of("true"))
            .withOutputs(List.of(artifact("out", "/tmp/out.txt", null)));
    assertThatThrownBy(() -> build(outputs, repository(false)))
        .hasMessageContaining("must name its credentials with accessKeySecret");
    Template noCommand =
        template(
                new TemplateBody.ContainerBody(
                    new ContainerSpec("alpine", null, null, null, null, null, null, null, null)))
            .withOutputs(List.of(artifact("out", "/tmp/out.txt", null)));
    assertThatThrownBy(() -> build(noCommand, repository(true)))
        .hasMessageContaining("needs a `command`");
  }
}
