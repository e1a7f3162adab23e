package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import org.junit.jupiter.api.Test;

class LocalPodFieldsTest {

  private static WorkflowPlan plan(String volumes, String mounts) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: wf}
        spec:
          entrypoint: main
          volumeClaimTemplates:
          - metadata: {name: claimed}
          volumes:
        %s
          templates:
          - name: main
            container:
              image: busybox
              volumeMounts:
        %s
        """
            .formatted(volumes, mounts);
    Translation t = Translator.translate("wf.yaml", yaml);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    return ((Translation.Ok) t).plan();
  }

  @Test
  void aResourceTemplateIsRefusedForTheClusterItNeeds() {
    Translation t =
        Translator.translate(
            "wf.yaml",
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: wf}
            spec:
              entrypoint: make
              templates:
              - name: make
                resource:
                  action: create
                  manifest: "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}"
            """);

    assertThat(LocalPodFields.refusals(((Translation.Ok) t).plan()))
        .containsExactly(
            "template `make` is a `resource` template: it acts on a Kubernetes cluster, which the"
                + " local executor has none of; run it on a worker with --executor kubernetes"
                + " (docs/DESIGN.md §21)");
  }

  @Test
  void emptyDirVolumesAndUndeclaredMountsRun() {
    WorkflowPlan plan =
        plan(
            "  - {name: scratch, emptyDir: {}}",
            "        - {name: scratch, mountPath: /s}\n        - {name: other, mountPath: /o}");

    assertThat(LocalPodFields.refusals(plan)).isEmpty();
  }

  @Test
  void aMountedVolumeClaimTemplateIsRefused() {
    WorkflowPlan plan =
        plan("  - {name: scratch, emptyDir: {}}", "        - {name: claimed, mountPath: /c}");

    assertThat(LocalPodFields.refusals(plan))
        .containsExactly(
            "template `main` mounts volume `claimed` (volumeClaimTemplates): the local executor"
                + " runs emptyDir volumes only; run it on the kubernetes executor");
  }

  @Test
  void aMountedConfigMapIsRefusedWithTheTemplateAndVolumeNamed() {
    WorkflowPlan plan =
        plan(
            "  - {name: conf, configMap: {name: c}}\n  - {name: unused, secret: {secretName: s}}",
            "        - {name: conf, mountPath: /conf}");

    assertThat(LocalPodFields.refusals(plan))
        .containsExactly(
            "template `main` mounts volume `conf` (configMap): the local executor runs emptyDir"
                + " volumes only; run it on the kubernetes executor");
  }

  /** A workflow of one container template, {@code spec} and {@code template} added to them. */
  private static WorkflowPlan withFields(String spec, String template) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: wf}
        spec:
          entrypoint: main
        %s
          templates:
          - name: main
        %s
            container:
              image: busybox
        """
            .formatted(spec, template);
    return ((Translation.Ok) Translator.translate("wf.yaml", yaml)).plan();
  }

  @Test
  void namesTheFieldsWhoseEffectALocalPodWouldMiss() {
    WorkflowPlan plan =
        withFields(
            "  dnsConfig: {nameservers: [1.2.3.4]}",
            "    hostAliases:\n    - {ip: 10.0.0.1, hostnames: [db]}");

    assertThat(LocalPodFields.ignored(plan))
        .containsExactly(
            "template `main`: hostAliases, dnsConfig/dnsPolicy have no effect on the local"
                + " executor");
  }

  @Test
  void sidecarsAreRefused() {
    WorkflowPlan plan = withFields("", "    sidecars:\n    - {name: nginx, image: nginx}");

    assertThat(LocalPodFields.refusals(plan))
        .containsExactly(
            "template `main` has sidecars: the local executor runs the main container only;"
                + " run it on the kubernetes executor");
  }

  @Test
  void initContainersAreRefused() {
    WorkflowPlan plan =
        withFields("", "    initContainers:\n    - {name: hello, image: alpine, command: [echo]}");

    assertThat(LocalPodFields.refusals(plan))
        .containsExactly(
            "template `main` has initContainers: the local executor runs the main container only;"
                + " run it on the kubernetes executor");
  }
}
