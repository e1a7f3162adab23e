package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.PodRequest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecsTest {

  private static final ContainerSpec MAIN =
      new ContainerSpec(
          "python:3.12",
          List.of("python"),
          List.of("-u"),
          List.of(
              new ContainerSpec.EnvVar("MODE", "fast", null),
              new ContainerSpec.EnvVar(
                  "NODE", null, json("{\"fieldRef\":{\"fieldPath\":\"spec.nodeName\"}}"))),
          "/work",
          json("{\"limits\":{\"memory\":\"64Mi\"}}"),
          List.of(json("{\"name\":\"data\",\"mountPath\":\"/data\"}")),
          json("{\"runAsUser\":1000}"),
          "IfNotPresent");

  @Test
  void labelsAndAnnotationsIdentifyTheAttemptAndTemplateMetadataIsKept() throws Exception {
    Pod pod =
        build(
            request(
                template(null, new PodMetadata(Map.of("team", "ml"), Map.of("note", "x"))),
                List.of()));

    assertThat(pod.getMetadata().getName()).isEqualTo("wf-train-1577357318");
    assertThat(pod.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "team", "ml",
                "workflows.argoproj.io/workflow", "wf",
                "targo.dev/node", dev.targo.argo.PodNames.fnv32a("wf"),
                "targo.dev/attempt", "2",
                "app.kubernetes.io/managed-by", "targo"));
    assertThat(pod.getMetadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "note", "x",
                "workflows.argoproj.io/node-name", "wf(2)",
                "targo.dev/node-id", "wf-1577357318"));
  }

  @Test
  void mainContainerCarriesTheTemplatesContainerFields() throws Exception {
    Container main =
        build(request(template(null, null), List.of())).getSpec().getContainers().get(0);

    assertThat(main.getName()).isEqualTo("main");
    assertThat(main.getImage()).isEqualTo("python:3.12");
    assertThat(main.getCommand()).containsExactly("python");
    assertThat(main.getArgs()).containsExactly("-u");
    assertThat(main.getEnv().get(0).getValue()).isEqualTo("fast");
    assertThat(main.getEnv().get(1).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("spec.nodeName");
    assertThat(main.getWorkingDir()).isEqualTo("/work");
    assertThat(main.getResources().getLimits()).containsEntry("memory", new Quantity("64Mi"));
    assertThat(main.getVolumeMounts().get(0).getMountPath()).isEqualTo("/data");
    assertThat(main.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
    assertThat(main.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void podNeverRestartsAndHasTheAttemptsDeadlineAndTolerations() throws Exception {
    Pod pod = build(request(template(null, null), List.of()));

    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(42L);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("runner");
    assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("pool", "gpu"));
    assertThat(pod.getSpec().getTolerations().get(0).getKey()).isEqualTo("gpu");
  }

  @Test
  void excludedHostsGoIntoEveryRequiredTerm() throws Exception {
    Affinity twoTerms =
        new Affinity(
            new Affinity.NodeAffinity(
                new Affinity.NodeSelector(
                    List.of(
                        new NodeSelectorTerm(
                            List.of(new NodeSelectorRequirement("zone", "In", List.of("a"))), null),
                        new NodeSelectorTerm(
                            List.of(new NodeSelectorRequirement("zone", "In", List.of("b"))),
                            null))),
                null),
            null,
            null);

    Pod pod = build(request(template(twoTerms, null), List.of("host-b", "host-a")));

    var notIn =
        new NodeSelectorRequirementBuilder()
            .withKey("kubernetes.io/hostname")
            .withOperator("NotIn")
            .withValues("host-a", "host-b")
            .build();
    assertThat(
            pod.getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms())
        .containsExactly(
            new NodeSelectorTermBuilder()
                .addNewMatchExpression()
                .withKey("zone")
                .withOperator("In")
                .withValues("a")
                .endMatchExpression()
                .addToMatchExpressions(notIn)
                .build(),
            new NodeSelectorTermBuilder()
                .addNewMatchExpression()
                .withKey("zone")
                .withOperator("In")
                .withValues("b")
                .endMatchExpression()
                .addToMatchExpressions(notIn)
                .build());
  }

  @Test
  void avoidedHostsBecomeOnePreferredTermOfWeightHundred() throws Exception {
    Pod pod =
        build(
            request(template(null, null), List.of()).withAvoidedHosts(List.of("host-b", "host-a")));

    var nodeAffinity = pod.getSpec().getAffinity().getNodeAffinity();
    assertThat(nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()).isNull();
    assertThat(nodeAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())
        .containsExactly(
            new io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder()
                .withWeight(100)
                .withNewPreference()
                .addNewMatchExpression()
                .withKey("kubernetes.io/hostname")
                .withOperator("NotIn")
                .withValues("host-a", "host-b")
                .endMatchExpression()
                .endPreference()
                .build());
  }

  @Test
  void scriptSourceIsStagedForMainAsArgoDoes() throws Exception {
    Template script =
        new Template(
            "train",
            new TemplateBody.ScriptBody(MAIN, "print('hi')\n"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    Pod pod = build(request(script, List.of()));

    Container main = pod.getSpec().getContainers().get(0);
    Container init = pod.getSpec().getInitContainers().get(0);
    assertThat(main.getArgs()).containsExactly("-u", "/argo/staging/script");
    assertThat(main.getVolumeMounts()).extracting(v -> v.getMountPath()).contains("/argo/staging");
    assertThat(init.getName()).isEqualTo("init");
    assertThat(init.getCommand())
        .containsExactly("sh", "-c", "printf '%s' \"$ARGO_SCRIPT_SOURCE\" > /argo/staging/script");
    assertThat(init.getEnv().get(0).getValue()).isEqualTo("print('hi')\n");
    assertThat(pod.getSpec().getVolumes().get(0).getEmptyDir()).isNotNull();
  }

  @Test
  void podSpecPatchIsMergedIntoThePodAsArgoDoes() throws Exception {
    Pod pod =
        build(
            request(
                patched(
                    "containers:\n"
                        + "- name: main\n"
                        + "  resources: {limits: {memory: 1Gi}}\n"
                        + "  env: [{name: EXTRA, value: \"1\"}]\n"
                        + "priorityClassName: high\n"),
                List.of()));

    Container main = pod.getSpec().getContainers().get(0);
    assertThat(pod.getSpec().getContainers()).hasSize(1);
    assertThat(main.getName()).isEqualTo("main");
    assertThat(main.getImage()).isEqualTo(MAIN.image());
    assertThat(main.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    assertThat(main.getEnv()).extracting(e -> e.getName()).contains("EXTRA");
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("high");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
  }

  @Test
  void theTimeoutsDeadlineWinsOverOneThePatchSetsAsArgoAppliesItLast() throws Exception {
    PodRequest plain = request(patched("activeDeadlineSeconds: 5\n"), List.of());
    PodRequest timed =
        request(patched("activeDeadlineSeconds: 5\n", "30s"), List.of())
            .withActiveDeadlineSeconds(29L)
            .withPendingDeadline(Instant.parse("2026-01-01T00:00:30Z"));
    // pendingTimeout alone bounds the time spent Pending only: the patch's deadline stands.
    PodRequest pendingOnly =
        request(patched("activeDeadlineSeconds: 5\n").withPendingTimeout("30s"), List.of())
            .withPendingDeadline(Instant.parse("2026-01-01T00:00:30Z"));

    assertThat(build(plain).getSpec().getActiveDeadlineSeconds()).isEqualTo(5L);
    assertThat(build(timed).getSpec().getActiveDeadlineSeconds()).isEqualTo(29L);
    assertThat(build(pendingOnly).getSpec().getActiveDeadlineSeconds()).isEqualTo(5L);
  }

  @Test
  void anUnreadablePodSpecPatchEndsTheAttemptWithArgosReason() {
    assertThatThrownBy(() -> build(request(patched("containers: [oops"), List.of())))
        .isInstanceOf(PodSpecs.UnsupportedTemplateException.class)
        .hasMessageStartingWith(
            "Error applying PodSpecPatch: Failed to convert the PodSpecPatch yaml to json");
  }

  private static Template patched(String patch) {
    return patched(patch, null);
  }

  private static Template patched(String patch, String timeout) {
    return new Template(
        "train",
        new TemplateBody.ContainerBody(MAIN),
        null,
        null,
        null,
        timeout,
        null,
        null,
        null,
        null,
        patch,
        null);
  }

  private static Template template(Affinity affinity, PodMetadata metadata) {
    return new Template(
        "train",
        new TemplateBody.ContainerBody(MAIN),
        null,
        null,
        null,
        null,
        Map.of("pool", "gpu"),
        affinity,
        List.of(json("{\"key\":\"gpu\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}")),
        metadata,
        null,
        "runner");
  }

  private static PodRequest request(Template template, List<String> excluded) {
    return new PodRequest(
        "wf",
        "test",
        "wf-1577357318",
        "wf(2)",
        2,
        "wf-train-1577357318",
        template,
        excluded,
        42L,
        null,
        null);
  }

  private static Pod build(PodRequest request) throws PodSpecs.UnsupportedTemplateException {
    return PodSpecs.build(request, "test", MockCluster.settings());
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
