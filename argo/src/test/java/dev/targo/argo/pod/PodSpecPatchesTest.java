package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecPatchesTest {

  @Test
  void patchesTheMainContainerNodeSelectorAndDeadlineOfTheRequest() throws Exception {
    PodRequest patched =
        PodSpecPatches.apply(
            request(
                "containers:\n"
                    + "- name: main\n"
                    + "  args: [patched]\n"
                    + "  env: [{name: B, value: two}]\n"
                    + "nodeSelector: {zone: b}\n"
                    + "activeDeadlineSeconds: 30\n"));

    ContainerSpec main = patched.template().body().container();
    assertThat(main.command()).containsExactly("sh", "-c");
    assertThat(main.args()).containsExactly("patched");
    assertThat(main.env())
        .extracting(ContainerSpec.EnvVar::name, ContainerSpec.EnvVar::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", "one"),
            org.assertj.core.groups.Tuple.tuple("B", "two"));
    assertThat(patched.template().nodeSelector()).isEqualTo(Map.of("disk", "ssd", "zone", "b"));
    assertThat(patched.activeDeadlineSeconds()).isEqualTo(30L);
    assertThat(patched.template().podSpecPatch()).isNull();
    assertThat(patched.podName()).isEqualTo("wf-t-1");
  }

  @Test
  void theTimeoutsDeadlineWinsOverOneThePatchSetsAsArgoAppliesItLast() throws Exception {
    PodRequest r = request("activeDeadlineSeconds: 5\n");
    Instant pending = Instant.parse("2026-01-01T00:00:30Z");
    PodRequest timed =
        request("activeDeadlineSeconds: 5\n", "30s")
            .withActiveDeadlineSeconds(29L)
            .withPendingDeadline(pending);

    PodRequest patched = PodSpecPatches.apply(timed);

    assertThat(PodSpecPatches.apply(r).activeDeadlineSeconds()).isEqualTo(5L);
    assertThat(patched.activeDeadlineSeconds()).isEqualTo(29L);
    assertThat(patched.pendingDeadline()).isEqualTo(pending);
  }

  @Test
  void aPendingTimeoutAloneLeavesThePatchsDeadlineInPlace() throws Exception {
    PodRequest r = request("activeDeadlineSeconds: 5\n");
    Instant pending = Instant.parse("2026-01-01T00:00:30Z");
    PodRequest waiting =
        r.withTemplate(r.template().withPendingTimeout("30s")).withPendingDeadline(pending);

    PodRequest patched = PodSpecPatches.apply(waiting);

    // pendingTimeout bounds only the time spent Pending: it gives the pod no deadline of its own.
    assertThat(patched.activeDeadlineSeconds()).isEqualTo(5L);
    assertThat(patched.pendingDeadline()).isEqualTo(pending);
    assertThat(patched.template().pendingTimeout()).isEqualTo("30s");
  }

  @Test
  void theWorkflowsPatchAppliesFirstAndTheTemplatesOverItAsInProcessPodSpecPatch()
      throws Exception {
    PodRequest r = request("nodeSelector: {zone: template}\n");
    PodRequest both =
        r.withTemplate(
            r.template()
                .withPod(
                    new dev.targo.argo.plan.PodFields(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "nodeSelector: {zone: workflow, rack: r1}\n",
                        null,
                        null,
                        null)));

    PodRequest patched = PodSpecPatches.apply(both);

    assertThat(patched.template().nodeSelector())
        .isEqualTo(Map.of("disk", "ssd", "zone", "template", "rack", "r1"));
    assertThat(patched.template().podFields().workflowPodSpecPatch()).isNull();
  }

  @Test
  void aRequestWithoutPatchIsReturnedAsItIs() throws Exception {
    PodRequest request = request(null);

    assertThat(PodSpecPatches.apply(request)).isSameAs(request);
  }

  @Test
  void removingTheMainContainerIsRefused() {
    assertThatThrownBy(
            () -> PodSpecPatches.apply(request("containers: [{name: main, $patch: delete}]")))
        .isInstanceOf(StrategicMergePatch.PatchException.class)
        .hasMessage(
            "Error in Unmarshalling after merge the patch: the patch removed the main container");
  }

  private static PodRequest request(String patch) {
    return request(patch, null);
  }

  private static PodRequest request(String patch, String timeout) {
    ContainerSpec main =
        new ContainerSpec(
            "alpine",
            List.of("sh", "-c"),
            List.of("echo hi"),
            List.of(new ContainerSpec.EnvVar("A", "one", null)),
            null,
            null,
            List.of(),
            null,
            null);
    Template t =
        new Template(
            "t",
            new TemplateBody.ContainerBody(main),
            List.of(),
            null,
            null,
            timeout,
            Map.of("disk", "ssd"),
            null,
            List.of(),
            null,
            patch,
            null);
    return new PodRequest("wf", "default", "wf", "wf", 0, "wf-t-1", t, List.of(), 60L, null, null);
  }
}
