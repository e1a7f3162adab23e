package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.PodFields;
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
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
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
 * template (or the containers of a {@code containerSet}), {@code restartPolicy: Never}, the
 * template's placement with the failed attempts' hosts excluded, the attempt's deadline, and
 * targo's labels and annotations.
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
    return build(request, namespace, settings, Map.of(), null);
  }

  /**
   * @param domains the value of the request's topology key on each failed host's node, where known
   *     ({@code nodeAntiAffinity.topologyKey})
   */
  static Pod build(
      PodRequest request,
      String namespace,
      KubernetesSettings settings,
      Map<String, String> domains,
      PodArtifactSettings artifacts)
      throws UnsupportedTemplateException {
    Template template = request.template();
    if (template.body() instanceof TemplateBody.ContainerSetBody set) {
      refuseOrdering(set);
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
                    NodeExclusion.forAttempt(request, settings.hostnameLabelKey(), domains)))
            .withTolerations(KubeObjects.convertAll(template.tolerations(), Toleration.class));
    PodFields pod = template.podFields();
    podFields(spec, pod);

    List<Container> containers = new ArrayList<>();
    Container main;
    if (template.body() instanceof TemplateBody.ContainerSetBody set) {
      // Argo's pod of a container set: its containers under their own names, the set's mounts in
      // each; `main` (else the last) stands for the pod where one container is needed.
      for (ContainerNode c : set.podContainers()) {
        containers.add(container(c.container(), c.name()));
      }
      main =
          containers.stream()
              .filter(c -> PodState.MAIN.equals(c.getName()))
              .findFirst()
              .orElse(containers.getLast());
    } else {
      main = container(template.body().container(), PodState.MAIN);
      containers.add(main);
    }
    List<Container> inits = new ArrayList<>(userContainers(pod.initContainers(), main));
    // Argo runs sidecars as plain containers and its wait container kills them once main has
    // ended. targo has no wait container: a sidecar is a Kubernetes native sidecar (an init
    // container that restarts Always), which starts before main and which the kubelet stops once
    // main has ended, so that the pod ends with main's outcome.
    for (Container sidecar : userContainers(pod.sidecars(), main)) {
      inits.add(new ContainerBuilder(sidecar).withRestartPolicy("Always").build());
    }
    List<VolumeMount> mounts = new ArrayList<>();
    containers.forEach(c -> mounts.addAll(orEmpty(c.getVolumeMounts())));
    inits.forEach(c -> mounts.addAll(orEmpty(c.getVolumeMounts())));
    spec.addAllToVolumes(volumes(pod, request.workflowName(), mounts));
    OutputParameter output = OutputParameters.fileParameter(template);
    if (output != null) {
      // The kubelet copies this file (up to 4 KiB) into the terminated state: the parameter's
      // value without a sidecar. Outputs are main's (a container set has one when it has any).
      for (int i = 0; i < containers.size(); i++) {
        if (PodState.MAIN.equals(containers.get(i).getName())) {
          containers.set(
              i,
              new ContainerBuilder(containers.get(i))
                  .withTerminationMessagePath(output.path())
                  .withTerminationMessagePolicy("File")
                  .build());
        }
      }
    }
    String scriptSource = null;
    if (template.body() instanceof TemplateBody.ScriptBody script) {
      // As Argo: the source is a file in a shared emptyDir, its path the last argument of main.
      scriptSource = script.source();
      VolumeMount staging =
          new VolumeMountBuilder().withName(STAGING_VOLUME).withMountPath(STAGING_DIR).build();
      containers.set(
          0,
          new ContainerBuilder(containers.get(0))
              .addToArgs(SCRIPT_PATH)
              .addToVolumeMounts(staging)
              .build());
      spec.addToVolumes(
          new VolumeBuilder().withName(STAGING_VOLUME).withNewEmptyDir().endEmptyDir().build());
      if (!template.hasArtifacts()) {
        spec.addToInitContainers(
            new ContainerBuilder()
                .withName(PodState.INIT)
                .withImage(settings.scriptInitImage())
                .withCommand(
                    "sh", "-c", "printf '%s' \"$" + SCRIPT_SOURCE_ENV + "\" > " + SCRIPT_PATH)
                .withEnv(new EnvVar(SCRIPT_SOURCE_ENV, script.source(), null))
                .withVolumeMounts(staging)
                .build());
      }
    }
    if (template.hasArtifacts()) {
      // One init container loads the inputs (and stages a script's source), as Argo's does.
      ArtifactPods.Parts parts =
          ArtifactPods.build(request, namespace, containers.get(0), scriptSource, artifacts);
      containers.set(0, parts.main());
      if (parts.waitContainer() != null) {
        containers.add(parts.waitContainer());
      }
      spec.addAllToVolumes(parts.volumes()).addToInitContainers(parts.init());
    }
    // Argo's addInitContainers: the template's after the executor's own.
    spec.addAllToInitContainers(inits);
    spec.addAllToContainers(containers);

    return new PodBuilder()
        .withNewMetadata()
        .withName(request.podName())
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(timeoutWins(patched(spec.build(), PodSpecPatches.patches(template)), request))
        .build();
  }

  /**
   * The pod-level fields Argo sets from the workflow and the template ({@code workflowpod.go}:
   * {@code ImagePullSecrets}, {@code addDNSConfig}, {@code addSchedulingConstraints} for the
   * priority class and host aliases, {@code setupServiceAccount} for the token, then {@code
   * PodResources} and {@code ResourceClaims}). Argo sets {@code automountServiceAccountToken} only
   * when it is false.
   */
  private static void podFields(PodSpecBuilder spec, PodFields pod) {
    spec.withImagePullSecrets(
            orNull(KubeObjects.convertAll(pod.imagePullSecrets(), LocalObjectReference.class)))
        .withDnsPolicy(pod.dnsPolicy())
        .withDnsConfig(KubeObjects.convert(pod.dnsConfig(), PodDNSConfig.class))
        .withHostAliases(orNull(KubeObjects.convertAll(pod.hostAliases(), HostAlias.class)))
        .withPriorityClassName(pod.priorityClassName())
        .withResources(KubeObjects.convert(pod.podResources(), ResourceRequirements.class))
        .withResourceClaims(
            orNull(KubeObjects.convertAll(pod.resourceClaims(), PodResourceClaim.class)));
    if (Boolean.FALSE.equals(pod.automountServiceAccountToken())) {
      spec.withAutomountServiceAccountToken(false);
    }
  }

  /**
   * The template's {@code initContainers} or {@code sidecars}, each given the main container's
   * volume mounts when it asks for them ({@code mirrorVolumeMounts}, Argo's {@code
   * addInitContainers} and {@code addSidecars}).
   */
  private static List<Container> userContainers(List<JsonNode> containers, Container main) {
    List<Container> out = new ArrayList<>();
    for (JsonNode node : containers) {
      ObjectNode copy = ((ObjectNode) node).deepCopy();
      boolean mirror = copy.path("mirrorVolumeMounts").asBoolean(false);
      copy.remove("mirrorVolumeMounts");
      Container c = KubeObjects.convert(copy, Container.class);
      if (mirror) {
        c = new ContainerBuilder(c).addAllToVolumeMounts(orEmpty(main.getVolumeMounts())).build();
      }
      out.add(c);
    }
    return out;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> List<T> orNull(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  /**
   * The volumes the main container mounts, as Argo's {@code addVolumeReferences}: the template's or
   * the workflow's volume of the mount's name, else the workflow's claim {@code <workflow>-<name>}
   * made from {@code volumeClaimTemplates}, each once. A mount of no such name is left to the API
   * server, which refuses the pod.
   */
  static List<Volume> volumes(PodFields pod, String workflowName, List<VolumeMount> mounts) {
    Map<String, Volume> out = new LinkedHashMap<>();
    for (VolumeMount mount : mounts == null ? List.<VolumeMount>of() : mounts) {
      String name = mount.getName();
      if (name == null || out.containsKey(name)) {
        continue;
      }
      Volume volume = KubeObjects.convert(pod.volume(name), Volume.class);
      if (volume == null && pod.volumeClaimTemplate(name) != null) {
        volume =
            new VolumeBuilder()
                .withName(name)
                .withNewPersistentVolumeClaim()
                .withClaimName(WorkflowObjects.claimName(workflowName, name))
                .endPersistentVolumeClaim()
                .build();
      }
      if (volume != null) {
        out.put(name, volume);
      }
    }
    return new ArrayList<>(out.values());
  }

  /**
   * Argo sets the deadline of a template's {@code timeout} after the patch, so it replaces an
   * {@code activeDeadlineSeconds} the patch set.
   */
  private static PodSpec timeoutWins(PodSpec spec, PodRequest request) {
    if (request.hasTimeout()) {
      spec.setActiveDeadlineSeconds(request.activeDeadlineSeconds());
    }
    return spec;
  }

  /**
   * Argo applies the workflow's {@code podSpecPatch} and then the template's last, as strategic
   * merge patches ({@code processPodSpecPatch}, {@code util.ApplyPodSpecPatch}).
   */
  private static PodSpec patched(PodSpec spec, List<String> patches)
      throws UnsupportedTemplateException {
    if (patches.isEmpty()) {
      return spec;
    }
    try {
      ObjectMapper json = Json.mapper();
      ObjectNode tree = (ObjectNode) json.readTree(Serialization.asJson(spec));
      for (String patch : patches) {
        tree = StrategicMergePatch.applyToPodSpec(tree, PodSpecPatches.parse(patch));
      }
      return Serialization.unmarshal(json.writeValueAsString(tree), PodSpec.class);
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

  /**
   * A container set whose containers wait for others, or retry in place, needs Argo's emissary (a
   * wrapper that runs each container's command once its dependencies have ended, and again while it
   * fails); Kubernetes starts every container of a pod at once and restarts none of a pod that
   * never restarts. targo's kubernetes executor has no such wrapper yet (docs/DESIGN.md §19): the
   * attempt ends in Error, as it does for artifacts. A set without either runs as is.
   */
  private static void refuseOrdering(TemplateBody.ContainerSetBody set)
      throws UnsupportedTemplateException {
    if (set.sequenced()) {
      throw new UnsupportedTemplateException(
          "containerSet containers with dependencies are not supported by targo's kubernetes"
              + " executor yet (Kubernetes starts a pod's containers together; ordering them needs"
              + " Argo's emissary); run this workflow on a worker with the local executor");
    }
    if (set.retryStrategy() != null) {
      throw new UnsupportedTemplateException(
          "containerSet.retryStrategy is not supported by targo's kubernetes executor yet"
              + " (running a command again in place needs Argo's emissary); run this workflow on a"
              + " worker with the local executor");
    }
  }

  private static Container container(ContainerSpec c, String name) {
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
        .withName(name)
        .withImage(c.image())
        .withCommand(c.command().isEmpty() ? null : c.command())
        .withArgs(c.args().isEmpty() ? null : c.args())
        .withEnv(env.isEmpty() ? null : env)
        .withWorkingDir(c.workingDir())
        .withResources(KubeObjects.convert(c.resources(), ResourceRequirements.class))
        .withVolumeMounts(KubeObjects.convertAll(c.volumeMounts(), VolumeMount.class))
        .withSecurityContext(KubeObjects.convert(c.securityContext(), SecurityContext.class))
        .withImagePullPolicy(c.imagePullPolicy())
        .withReadinessProbe(KubeObjects.convert(c.readinessProbe(), Probe.class))
        .build();
  }
}
