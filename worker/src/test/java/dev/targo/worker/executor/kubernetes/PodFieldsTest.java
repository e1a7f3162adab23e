package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Templating;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pod-level fields of Argo's {@code workflowpod.go}, from YAML to the pod the executor creates:
 * the workflow's and the template's combined as Argo combines them.
 */
class PodFieldsTest {

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: own
        arguments:
          parameters:
          - {name: mem, value: 64Mi}
        podMetadata:
          labels: {team: a, tier: workflow}
          annotations: {note: from-workflow}
        imagePullSecrets:
        - name: registry
        dnsPolicy: None
        dnsConfig:
          nameservers: [1.2.3.4]
          options:
          - {name: ndots, value: "2"}
        hostAliases:
        - {ip: 10.0.0.1, hostnames: [db]}
        podPriorityClassName: low
        podResources:
          limits: {cpu: "1"}
        resourceClaims:
        - {name: gpu, resourceClaimTemplateName: gpu-template}
        podSpecPatch: |
          containers:
          - name: main
            resources:
              limits:
                memory: "{{workflow.parameters.mem}}"
        volumes:
        - name: shared
          emptyDir: {}
        - name: config
          configMap: {name: workflow-config}
        - name: unused
          secret: {secretName: s}
        volumeClaimTemplates:
        - metadata: {name: work}
          spec:
            accessModes: [ReadWriteOnce]
            resources: {requests: {storage: 1Gi}}
        templates:
        - name: own
          metadata:
            labels: {tier: template}
          priorityClassName: high
          automountServiceAccountToken: false
          hostAliases:
          - {ip: 10.0.0.2, hostnames: [cache]}
          podResources:
            limits: {cpu: "2"}
          resourceClaims:
          - {name: gpu, resourceClaimTemplateName: big-gpu}
          podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"cpu":"500m"}}}]}'
          volumes:
          - name: config
            secret: {secretName: template-secret}
          initContainers:
          - name: hello
            image: alpine:3.23
            command: [echo, "{{workflow.parameters.mem}}"]
            mirrorVolumeMounts: true
          - name: reader
            image: alpine:3.23
            volumeMounts:
            - {name: unused, mountPath: /s}
          sidecars:
          - name: nginx
            image: nginx:1.13
            mirrorVolumeMounts: true
          container:
            image: busybox
            volumeMounts:
            - {name: config, mountPath: /config}
            - {name: shared, mountPath: /shared}
            - {name: work, mountPath: /work}
        - name: inherited
          script:
            image: busybox
            source: echo hi
      """;

  @Test
  void podMetadataIsUnderTheTemplatesMetadataAsInAddMetadata() throws Exception {
    Pod pod = build("own");

    assertThat(pod.getMetadata().getLabels())
        .containsEntry("team", "a")
        .containsEntry("tier", "template")
        .containsEntry("app.kubernetes.io/managed-by", "targo");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("note", "from-workflow");
  }

  @Test
  void workflowOnlyFieldsReachEveryPod() throws Exception {
    Pod pod = build("inherited");

    assertThat(pod.getSpec().getImagePullSecrets())
        .containsExactly(new LocalObjectReference("registry"));
    assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("None");
    assertThat(pod.getSpec().getDnsConfig().getNameservers()).containsExactly("1.2.3.4");
    assertThat(pod.getSpec().getDnsConfig().getOptions().get(0).getValue()).isEqualTo("2");
  }

  @Test
  void templateValuesWinOverTheWorkflowsAsInAddSchedulingConstraints() throws Exception {
    Pod own = build("own");
    Pod inherited = build("inherited");

    assertThat(own.getSpec().getPriorityClassName()).isEqualTo("high");
    assertThat(inherited.getSpec().getPriorityClassName()).isEqualTo("low");
    assertThat(own.getSpec().getResources().getLimits()).containsEntry("cpu", new Quantity("2"));
    assertThat(inherited.getSpec().getResources().getLimits())
        .containsEntry("cpu", new Quantity("1"));
    assertThat(own.getSpec().getResourceClaims())
        .extracting(PodResourceClaim::getResourceClaimTemplateName)
        .containsExactly("big-gpu");
    assertThat(inherited.getSpec().getResourceClaims())
        .extracting(PodResourceClaim::getResourceClaimTemplateName)
        .containsExactly("gpu-template");
  }

  @Test
  void hostAliasesAreTheWorkflowsThenTheTemplates() throws Exception {
    assertThat(build("own").getSpec().getHostAliases())
        .extracting(HostAlias::getIp)
        .containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(build("inherited").getSpec().getHostAliases())
        .extracting(HostAlias::getIp)
        .containsExactly("10.0.0.1");
  }

  @Test
  void tokenMountIsSetOnlyWhenFalseAsInSetupServiceAccount() throws Exception {
    assertThat(build("own").getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(build("inherited").getSpec().getAutomountServiceAccountToken()).isNull();
  }

  @Test
  void workflowPatchAppliesBeforeTheTemplatesAsInProcessPodSpecPatch() throws Exception {
    var limits = build("own").getSpec().getContainers().get(0).getResources().getLimits();

    assertThat(limits)
        .containsEntry("memory", new Quantity("64Mi"))
        .containsEntry("cpu", new Quantity("500m"));
    assertThat(build("inherited").getSpec().getContainers().get(0).getResources().getLimits())
        .containsOnly(Map.entry("memory", new Quantity("64Mi")));
  }

  @Test
  void onlyMountedVolumesAreAddedTheTemplatesFirstAsInAddVolumeReferences() throws Exception {
    var volumes = build("own").getSpec().getVolumes();

    assertThat(volumes)
        .extracting(Volume::getName)
        .containsExactly("config", "shared", "work", "unused");
    assertThat(volumes.get(0).getSecret().getSecretName()).isEqualTo("template-secret");
    assertThat(volumes.get(1).getEmptyDir()).isNotNull();
    assertThat(volumes.get(2).getPersistentVolumeClaim().getClaimName()).isEqualTo("wf-work");
  }

  @Test
  void initContainersThenSidecarsAsNativeSidecarsMirroringMainsMountsWhenAsked() throws Exception {
    var inits = build("own").getSpec().getInitContainers();

    assertThat(inits).extracting(c -> c.getName()).containsExactly("hello", "reader", "nginx");
    assertThat(inits).extracting(c -> c.getRestartPolicy()).containsExactly(null, null, "Always");
    assertThat(inits.get(2).getVolumeMounts()).hasSize(3);
    assertThat(inits.get(0).getCommand()).containsExactly("echo", "64Mi");
    assertThat(inits.get(0).getVolumeMounts())
        .extracting(m -> m.getName())
        .containsExactly("config", "shared", "work");
    assertThat(inits.get(1).getVolumeMounts())
        .extracting(m -> m.getName())
        .containsExactly("unused");
    assertThat(build("inherited").getSpec().getInitContainers())
        .extracting(c -> c.getName())
        .containsExactly("init");
  }

  private static Pod build(String templateName) throws Exception {
    Translation t = Translator.translate("pod.yaml", YAML);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    WorkflowPlan plan = ((Translation.Ok) t).plan();
    Template template =
        Templating.substitute(
            plan.template(templateName), Map.of("workflow.parameters.mem", "64Mi"));
    return PodSpecs.build(
        PodRequest.of("wf", "test", "wf", 0, template), "test", MockCluster.settings());
  }
}
