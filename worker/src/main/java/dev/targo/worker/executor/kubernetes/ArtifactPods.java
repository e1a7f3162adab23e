package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.PodState;
import dev.targo.worker.artifact.ArtifactRepositories;
import dev.targo.worker.artifact.PodArtifacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a pod with artifacts (docs/DESIGN.md §16), in Argo's emissary layout with targo's
 * own image: a shared {@code emptyDir} at {@link PodArtifacts#VAR_DIR}; the {@code init} container
 * ({@code targo artifacts load}) that loads the inputs into it (and stages a script's source, as
 * Argo's init container does); each input mounted into main at its path from the volume ({@code
 * subPath inputs/NAME}, as Argo's {@code input-artifacts} volume); with outputs or {@code
 * archiveLogs}, main's command wrapped ({@link PodArtifacts#wrap}) and the {@code wait} container
 * ({@code targo artifacts save}) that uploads them. The secrets holding the store's credentials are
 * mounted into {@code init} and {@code wait} only.
 */
final class ArtifactPods {
  private ArtifactPods() {}

  /** The kubelet's default termination message path, where init and wait report. */
  static final String TERMINATION_LOG = "/dev/termination-log";

  /** The shared volume. */
  static final String VOLUME = "targo-var";

  /** A pod's artifact parts, ready to be added to its spec. */
  record Parts(Container main, Container init, Container waitContainer, List<Volume> volumes) {}

  /**
   * The parts for {@code main} of {@code request}'s pod.
   *
   * @param scriptSource the source a script template stages at {@link PodSpecs#SCRIPT_PATH}, or
   *     null
   * @throws PodSpecs.UnsupportedTemplateException what this executor cannot do, with why
   */
  static Parts build(
      PodRequest request,
      String namespace,
      Container main,
      String scriptSource,
      PodArtifactSettings settings)
      throws PodSpecs.UnsupportedTemplateException {
    Template template = request.template();
    if (template.body() instanceof TemplateBody.ContainerSetBody) {
      throw new PodSpecs.UnsupportedTemplateException(
          "artifacts of a containerSet are not supported by targo's kubernetes executor yet; run"
              + " this workflow on a worker with the local executor");
    }
    if (settings == null) {
      throw new PodSpecs.UnsupportedTemplateException(
          "this worker's kubernetes executor is not set up for artifacts");
    }
    List<Artifact> outputs = template.outputArtifacts();
    boolean logs = Boolean.TRUE.equals(template.archiveLogs());
    boolean collects = !outputs.isEmpty() || logs;
    if (collects && (main.getCommand() == null || main.getCommand().isEmpty())) {
      // Argo's emissary looks the image's entrypoint up in its registry; targo does not.
      throw new PodSpecs.UnsupportedTemplateException(
          "a template with output artifacts or archiveLogs needs a `command` on targo's kubernetes"
              + " executor (its command is wrapped to collect them; the image's entrypoint is not"
              + " known)");
    }
    ObjectNode repository;
    try {
      repository = settings.repositories().s3(template.artifactRepositoryRef());
    } catch (ArtifactRepositories.InvalidRepository e) {
      throw new PodSpecs.UnsupportedTemplateException(e.getMessage());
    }
    if (repository != null && !PodArtifacts.namesCredentials(repository)) {
      throw new PodSpecs.UnsupportedTemplateException(
          "the artifact repository must name its credentials with accessKeySecret and"
              + " secretKeySecret on targo's kubernetes executor: the pod reads them from those"
              + " Kubernetes secrets");
    }
    PodArtifacts spec =
        new PodArtifacts(
            repository,
            template.inputArtifacts(),
            outputs,
            Map.of(
                "workflow.name", request.workflowName(),
                "workflow.namespace", namespace,
                "pod.name", request.podName()),
            logs);

    VolumeMount var =
        new VolumeMountBuilder().withName(VOLUME).withMountPath(PodArtifacts.VAR_DIR).build();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName(VOLUME).withNewEmptyDir().endEmptyDir().build());
    List<VolumeMount> secretMounts = new ArrayList<>();
    int i = 0;
    for (String secret : spec.secretNames()) {
      String name = "targo-secret-" + i++;
      volumes.add(
          new VolumeBuilder()
              .withName(name)
              .withNewSecret()
              .withSecretName(secret)
              .endSecret()
              .build());
      secretMounts.add(
          new VolumeMountBuilder()
              .withName(name)
              .withMountPath(PodArtifacts.SECRETS_DIR + "/" + secret)
              .withReadOnly(true)
              .build());
    }
    List<VolumeMount> own = new ArrayList<>(List.of(var));
    own.addAll(secretMounts);
    EnvVar env = new EnvVar(PodArtifacts.ENV, spec.json(), null);

    List<String> load =
        new ArrayList<>(
            List.of(
                "targo",
                "artifacts",
                "load",
                "--dir",
                PodArtifacts.VAR_DIR,
                "--secrets",
                PodArtifacts.SECRETS_DIR,
                "--message-file",
                TERMINATION_LOG));
    ContainerBuilder init =
        new ContainerBuilder()
            .withName(PodState.INIT)
            .withImage(settings.image())
            .withCommand(load)
            .withEnv(env)
            .withVolumeMounts(own);
    if (scriptSource != null) {
      load.addAll(List.of("--script", PodSpecs.SCRIPT_PATH));
      init.withCommand(load)
          .addToEnv(new EnvVar(PodSpecs.SCRIPT_SOURCE_ENV, scriptSource, null))
          .addToVolumeMounts(
              new VolumeMountBuilder()
                  .withName(PodSpecs.STAGING_VOLUME)
                  .withMountPath(PodSpecs.STAGING_DIR)
                  .build());
    }

    ContainerBuilder wrapped = new ContainerBuilder(main);
    for (Artifact a : template.inputArtifacts()) {
      wrapped.addToVolumeMounts(
          new VolumeMountBuilder()
              .withName(VOLUME)
              .withMountPath(a.path())
              .withSubPath(PodArtifacts.inputSubPath(a.name()))
              .build());
    }
    Container waitContainer = null;
    if (collects) {
      List<String> command = new ArrayList<>(main.getCommand());
      if (main.getArgs() != null) {
        command.addAll(main.getArgs());
      }
      List<String> wrapper = PodArtifacts.wrap(command, outputs, logs);
      wrapped
          .withCommand(wrapper.subList(0, 4))
          .withArgs(wrapper.subList(4, wrapper.size()))
          .addToVolumeMounts(var);
      waitContainer =
          new ContainerBuilder()
              .withName(PodState.WAIT)
              .withImage(settings.image())
              .withCommand(
                  "targo",
                  "artifacts",
                  "save",
                  "--dir",
                  PodArtifacts.VAR_DIR,
                  "--secrets",
                  PodArtifacts.SECRETS_DIR,
                  "--message-file",
                  TERMINATION_LOG)
              .withEnv(env)
              .withVolumeMounts(own)
              .build();
    }
    return new Parts(wrapped.build(), init.build(), waitContainer, volumes);
  }
}
