package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

/**
 * A {@code containerSet}'s pod on Kubernetes: its containers under their own names with the set's
 * mounts (Argo's {@code GetContainers}); a set that orders or retries its containers needs Argo's
 * emissary, which targo's kubernetes executor does not have yet, and is refused.
 */
class ContainerSetPodTest {

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: parallel
        templates:
        - name: parallel
          volumes:
          - {name: workspace, emptyDir: {}}
          containerSet:
            volumeMounts:
            - {name: workspace, mountPath: /workspace}
            containers:
            - {name: a, image: busybox, command: [echo, a]}
            - name: main
              image: busybox
              command: [sh, -c, "echo hi > /workspace/out"]
              volumeMounts:
              - {name: workspace, mountPath: /own}
          outputs:
            parameters:
            - name: out
              valueFrom: {path: /workspace/out}
        - name: ordered
          containerSet:
            containers:
            - {name: a, image: busybox, command: [echo, a]}
            - {name: b, image: busybox, command: [echo, b], dependencies: [a]}
        - name: retried
          containerSet:
            retryStrategy: {retries: 2}
            containers:
            - {name: a, image: busybox, command: [echo, a]}
      """;

  private static Pod build(String templateName) throws Exception {
    Translation t = Translator.translate("set.yaml", YAML);
    assertThat(t.all()).isEmpty();
    Template template = ((Translation.Ok) t).plan().template(templateName);
    return PodSpecs.build(
        PodRequest.of("wf", "test", "wf", 0, template), "test", MockCluster.settings());
  }

  @Test
  void aSetWithoutOrderRunsItsContainersUnderTheirNamesWithTheSetsMounts() throws Exception {
    Pod pod = build("parallel");

    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("a", "main");
    Container main = pod.getSpec().getContainers().get(1);
    assertThat(main.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly("/own", "/workspace");
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly("/workspace");
    // main's output parameter travels in its termination message, as for other pods.
    assertThat(main.getTerminationMessagePath()).isEqualTo("/workspace/out");
    assertThat(pod.getSpec().getContainers().get(0).getTerminationMessagePath()).isNull();
    assertThat(pod.getSpec().getVolumes()).hasSize(1);
  }

  @Test
  void aSetWhoseContainersWaitForOthersOrRetryIsRefused() {
    assertThatThrownBy(() -> build("ordered"))
        .isInstanceOf(PodSpecs.UnsupportedTemplateException.class)
        .hasMessageStartingWith(
            "containerSet containers with dependencies are not supported by targo's kubernetes"
                + " executor yet");
    assertThatThrownBy(() -> build("retried"))
        .isInstanceOf(PodSpecs.UnsupportedTemplateException.class)
        .hasMessageStartingWith("containerSet.retryStrategy is not supported");
  }
}
