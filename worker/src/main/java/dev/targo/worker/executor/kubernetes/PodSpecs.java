package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.NodeExclusion;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.PodSpecPatches;
import dev.targo.argo.pod.PodState;
import dev.targo.argo.pod.StrategicMergePatch;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an attempt's pod from its {@link PodRequest}: one container {@code main} running the
 * template, {@code restartPolicy: Never}, the template's placement with the failed attempts' hosts
 * excluded, the attempt's deadline, and targo's labels and annotations.
 */
final class PodSpecs {
  private PodSpecs() {}

  /** Where Argo puts a script template's source ({@code common.ExecutorScriptSourcePath}). */
  static final String SCRIPT_PATH = "/argo/staging/script";

  /** Argo's staging volume for script sources ({@code addScriptStagingVolume}). */
  static final String STAGING_VOLUME = "argo-staging";

  static final String STAGING_DIR = "/argo/staging";

  /** Environment variable through which the {@code init} container receives the source. */
  static final String SCRIPT_SOURCE_ENV = "ARGO_SCRIPT_SOURCE";

  /** Thrown for a template this executor cannot turn into a pod; the attempt ends as Error. */
  static final class UnsupportedTemplateException extends Exception {
    UnsupportedTemplateException(String message) {
      super(message);
    }
  }

  static Pod build(PodRequest request, String namespace, KubernetesSettings settings)
      throws UnsupportedTemplateException {
    Template template = request.template();
    if (template.hasArtifacts()) {
      // docs/DESIGN.md §12: the in-pod artifact steps are designed, not built yet.
      throw new UnsupportedTemplateException(
          "artifacts are not supported by targo's kubernetes executor yet; run this workflow on a"
              + " worker with the local executor");
    }
    // Template metadata first, so targo's own keys always win.
    Map<String, String> labels = new LinkedHashMap<>(template.metadata().labels());
    labels.putAll(PodLabels.of(request));
    Map<String, String> annotations = new LinkedHashMap<>(template.metadata().annotations());
    annotations.putAll(PodLabels.annotations(request));

    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withActiveDeadlineSeconds(request.activeDeadlineSeconds())
            .withServiceAccountName(serviceAccount(request))
            .withNodeSelector(template.nodeSelector().isEmpty() ? null : template.nodeSelector())
            .withAffinity(
                AffinityMapper.toPod(
                    NodeExclusion.apply(
                        template.affinity(), settings.hostnameLabelKey(), request.excludedHosts())))
            .withTolerations(KubeObjects.convertAll(template.tolerations(), Toleration.class));

    Container main = mainContainer(template.body().container());
    OutputParameter output = OutputParameters.fileParameter(template);
    if (output != null) {
      // The kubelet copies this file (up to 4 KiB) into the terminated state: the parameter's
      // value without a sidecar.
      main =
          new ContainerBuilder(main)
              .withTerminationMessagePath(output.path())
              .withTerminationMessagePolicy("File")
              .build();
    }
    if (template.body() instanceof TemplateBody.ScriptBody script) {
      // As Argo: the source is a file in a shared emptyDir, its path the last argument of main.
      VolumeMount staging =
          new VolumeMountBuilder().withName(STAGING_VOLUME).withMountPath(STAGING_DIR).build();
      main = new ContainerBuilder(main).addToArgs(SCRIPT_PATH).addToVolumeMounts(staging).build();
      spec.addToVolumes(
              new VolumeBuilder().withName(STAGING_VOLUME).withNewEmptyDir().endEmptyDir().build())
          .addToInitContainers(
              new ContainerBuilder()
                  .withName(PodState.INIT)
                  .withImage(settings.scriptInitImage())
                  .withCommand(
                      "sh", "-c", "printf '%s' \"$" + SCRIPT_SOURCE_ENV + "\" > " + SCRIPT_PATH)
                  .withEnv(new EnvVar(SCRIPT_SOURCE_ENV, script.source(), null))
                  .withVolumeMounts(staging)
                  .build());
    }
    spec.addToContainers(main);

    return new PodBuilder()
        .withNewMetadata()
        .withName(request.podName())
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(timeoutWins(patched(spec.build(), template.podSpecPatch()), request))
        .build();
  }

  /**
   * Argo sets the deadline of a template's {@code timeout} after the patch, so it replaces an
   * {@code activeDeadlineSeconds} the patch set.
   */
  private static PodSpec timeoutWins(PodSpec spec, PodRequest request) {
    if (request.pendingDeadline() != null) {
      spec.setActiveDeadlineSeconds(request.activeDeadlineSeconds());
    }
    return spec;
  }

  /** Argo applies a template's {@code podSpecPatch} last, as a strategic merge patch. */
  private static PodSpec patched(PodSpec spec, String patch) throws UnsupportedTemplateException {
    if (patch == null || patch.isBlank()) {
      return spec;
    }
    try {
      ObjectMapper json = Json.mapper();
      ObjectNode tree = (ObjectNode) json.readTree(Serialization.asJson(spec));
      ObjectNode merged = StrategicMergePatch.applyToPodSpec(tree, PodSpecPatches.parse(patch));
      return Serialization.unmarshal(json.writeValueAsString(merged), PodSpec.class);
    } catch (StrategicMergePatch.PatchException | IOException | RuntimeException e) {
      throw new UnsupportedTemplateException("Error applying PodSpecPatch: " + e.getMessage());
    }
  }

  /** The template's own account wins over the workflow's, as in Argo. */
  private static String serviceAccount(PodRequest request) {
    String own = request.template().serviceAccountName();
    if (own != null && !own.isEmpty()) {
      return own;
    }
    String workflow = request.serviceAccountName();
    return workflow == null || workflow.isEmpty() ? null : workflow;
  }

  private static Container mainContainer(ContainerSpec c) {
    List<EnvVar> env = new ArrayList<>();
    for (ContainerSpec.EnvVar e : c.env()) {
      env.add(
          new EnvVarBuilder()
              .withName(e.name())
              .withValue(e.value())
              .withValueFrom(KubeObjects.convert(e.valueFrom(), EnvVarSource.class))
              .build());
    }
    return new ContainerBuilder()
        .withName(PodState.MAIN)
        .withImage(c.image())
        .withCommand(c.command().isEmpty() ? null : c.command())
        .withArgs(c.args().isEmpty() ? null : c.args())
        .withEnv(env.isEmpty() ? null : env)
        .withWorkingDir(c.workingDir())
        .withResources(KubeObjects.convert(c.resources(), ResourceRequirements.class))
        .withVolumeMounts(KubeObjects.convertAll(c.volumeMounts(), VolumeMount.class))
        .withSecurityContext(KubeObjects.convert(c.securityContext(), SecurityContext.class))
        .withImagePullPolicy(c.imagePullPolicy())
        .build();
  }
}
