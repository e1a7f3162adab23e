package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One Argo template ({@code spec.templates[]}). String fields may still contain {@code {{…}}}
 * expressions; they are substituted per attempt by {@link dev.targo.argo.Templating}.
 *
 * @param name {@code name}
 * @param body what the template runs: {@code container}, {@code script}, {@code steps} or {@code
 *     dag}
 * @param inputs {@code inputs.parameters}
 * @param retryStrategy the effective {@code retryStrategy} (rule §7 already applied), or null
 * @param activeDeadlineSeconds {@code activeDeadlineSeconds} as written (int or {@code {{…}}}), or
 *     null
 * @param timeout {@code timeout} as written (duration string), or null; pod templates only, as in
 *     Argo
 * @param nodeSelector {@code nodeSelector}
 * @param affinity {@code affinity}, or null
 * @param tolerations {@code tolerations}, Kubernetes objects kept as JSON
 * @param metadata {@code metadata} (pod labels and annotations)
 * @param podSpecPatch {@code podSpecPatch} (JSON or YAML text), or null
 * @param serviceAccountName {@code serviceAccountName}, or null
 * @param outputs {@code outputs.parameters}
 * @param parallelism {@code parallelism}: how many children of a steps or DAG template may run at
 *     once, or null for no limit
 * @param failFast a steps template's {@code failFast}: start no more children once one failed, or
 *     null
 * @param synchronization the locks its node holds while it runs ({@code synchronization})
 * @param pod the pod-level fields of a container or script template's pod, the workflow's combined
 *     in; null when there are none (see {@link #podFields()})
 * @param inputArtifacts {@code inputs.artifacts}
 * @param outputArtifacts {@code outputs.artifacts}
 * @param archiveLogs whether the main container's log is saved as the artifact {@code main-logs}
 *     ({@code archiveLocation.archiveLogs}, else {@code spec.archiveLogs}); null for no
 * @param artifactRepositoryRef the workflow's {@code spec.artifactRepositoryRef} (pod templates),
 *     or null for the worker's default repository
 * @param memoize {@code memoize}: the cache its node's outputs are looked up in and saved to, or
 *     null
 * @param annotations the template's own {@code annotations} (not its pod's): Argo reads only
 *     {@value #DISPLAY_NAME} from them, the display name of the node that invokes it
 * @param pendingTimeout {@code pendingTimeout} as written (Argo 4.1: the longest an attempt may
 *     stay Pending, from its start), or null; pod templates only, as in Argo
 * @param daemon {@code daemon}: the pod runs on once it is ready, while the rest of its steps or
 *     DAG template runs, and is stopped when that ends; null for no. Pod templates only
 */
public record Template(
    String name,
    TemplateBody body,
    List<Parameter> inputs,
    RetryStrategySpec retryStrategy,
    String activeDeadlineSeconds,
    String timeout,
    Map<String, String> nodeSelector,
    Affinity affinity,
    List<JsonNode> tolerations,
    PodMetadata metadata,
    String podSpecPatch,
    String serviceAccountName,
    List<OutputParameter> outputs,
    // Left out of the plan's JSON when absent: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer parallelism,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean failFast,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SyncLock> synchronization,
    @JsonInclude(JsonInclude.Include.NON_NULL) PodFields pod,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Artifact> inputArtifacts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Artifact> outputArtifacts,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean archiveLogs,
    @JsonInclude(JsonInclude.Include.NON_NULL) ArtifactRepositoryRef artifactRepositoryRef,
    @JsonInclude(JsonInclude.Include.NON_NULL) Memoize memoize,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> annotations,
    @JsonInclude(JsonInclude.Include.NON_NULL) String pendingTimeout,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean daemon) {

  /** Argo's {@code TemplateAnnotationDisplayName}. */
  public static final String DISPLAY_NAME = "workflows.argoproj.io/display-name";

  public Template {
    annotations =
        annotations == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(annotations));
    pod = pod == null || pod.none() ? null : pod;
    inputArtifacts = inputArtifacts == null ? List.of() : List.copyOf(inputArtifacts);
    outputArtifacts = outputArtifacts == null ? List.of() : List.copyOf(outputArtifacts);
    synchronization = synchronization == null ? List.of() : List.copyOf(synchronization);
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    metadata = metadata == null ? PodMetadata.EMPTY : metadata;
  }

  /** A template that is not a daemon. */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs,
      Integer parallelism,
      Boolean failFast,
      List<SyncLock> synchronization,
      PodFields pod,
      List<Artifact> inputArtifacts,
      List<Artifact> outputArtifacts,
      Boolean archiveLogs,
      ArtifactRepositoryRef artifactRepositoryRef,
      Memoize memoize,
      Map<String, String> annotations,
      String pendingTimeout) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        pendingTimeout,
        null);
  }

  /**
   * Whether the template is a daemon ({@code daemon: true}). Not named as a getter: the JSON has
   * {@link #daemon} only.
   */
  public boolean daemonTemplate() {
    return Boolean.TRUE.equals(daemon);
  }

  /** A template without pod-level fields or artifacts. */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs,
      Integer parallelism,
      Boolean failFast,
      List<SyncLock> synchronization) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  /** A template as the translator reads it before {@code memoize} existed (no cache). */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs,
      Integer parallelism,
      Boolean failFast,
      List<SyncLock> synchronization,
      PodFields pod,
      List<Artifact> inputArtifacts,
      List<Artifact> outputArtifacts,
      Boolean archiveLogs,
      ArtifactRepositoryRef artifactRepositoryRef) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        null,
        Map.of());
  }

  /** A template without {@code annotations} (the shape before they were supported). */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs,
      Integer parallelism,
      Boolean failFast,
      List<SyncLock> synchronization,
      PodFields pod,
      List<Artifact> inputArtifacts,
      List<Artifact> outputArtifacts,
      Boolean archiveLogs,
      ArtifactRepositoryRef artifactRepositoryRef,
      Memoize memoize) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        Map.of());
  }

  /** A template without {@code pendingTimeout} (the shape before it was supported). */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs,
      Integer parallelism,
      Boolean failFast,
      List<SyncLock> synchronization,
      PodFields pod,
      List<Artifact> inputArtifacts,
      List<Artifact> outputArtifacts,
      Boolean archiveLogs,
      ArtifactRepositoryRef artifactRepositoryRef,
      Memoize memoize,
      Map<String, String> annotations) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        null);
  }

  /** The same template with {@code pendingTimeout} {@code next}. */
  public Template withPendingTimeout(String next) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        next);
  }

  /** The same template with {@code annotations} {@code next}. */
  public Template withAnnotations(Map<String, String> next) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        next,
        pendingTimeout,
        daemon);
  }

  /** The {@value #DISPLAY_NAME} annotation as written, or null (Argo's {@code GetDisplayName}). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public String displayName() {
    String name = annotations.get(DISPLAY_NAME);
    return name == null || name.isEmpty() ? null : name;
  }

  /**
   * The same template with another body (a pod attempt's main container's resources grown); every
   * other field kept.
   */
  public Template withBody(TemplateBody next) {
    return new Template(
        name,
        next,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** The same template with {@code memoize} {@code next}. */
  public Template withMemoize(Memoize next) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        next,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** The pod-level fields, {@link PodFields#NONE} when there are none. */
  public PodFields podFields() {
    return pod == null ? PodFields.NONE : pod;
  }

  /** This template with other pod-level fields. */
  public Template withPod(PodFields fields) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        fields,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** This template with other {@code inputs.parameters}. */
  public Template withInputs(List<Parameter> next) {
    return new Template(
        name,
        body,
        next,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** This template with other pod labels and annotations. */
  public Template withMetadata(PodMetadata next) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        next,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        inputArtifacts,
        outputArtifacts,
        archiveLogs,
        artifactRepositoryRef,
        memoize,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** The same template with {@code inputs.artifacts} {@code next}. */
  public Template withInputArtifacts(List<Artifact> next) {
    return withArtifacts(next, outputArtifacts, archiveLogs, artifactRepositoryRef);
  }

  /** The same template with {@code outputs.artifacts} {@code next}. */
  public Template withOutputs(List<Artifact> next) {
    return withArtifacts(inputArtifacts, next, archiveLogs, artifactRepositoryRef);
  }

  /** The same template, saving its main container's log when {@code on}. */
  public Template withArchiveLogs(boolean on) {
    return withArtifacts(
        inputArtifacts, outputArtifacts, on ? Boolean.TRUE : null, artifactRepositoryRef);
  }

  /** The same template, its artifacts in the repository {@code ref} names. */
  public Template withArtifactRepositoryRef(ArtifactRepositoryRef ref) {
    return withArtifacts(inputArtifacts, outputArtifacts, archiveLogs, ref);
  }

  /** The same template with these artifact fields; every other field kept. */
  private Template withArtifacts(
      List<Artifact> in, List<Artifact> out, Boolean logs, ArtifactRepositoryRef ref) {
    return new Template(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        parallelism,
        failFast,
        synchronization,
        pod,
        in,
        out,
        logs,
        ref,
        memoize,
        annotations,
        pendingTimeout,
        daemon);
  }

  /** Whether it reads or writes any artifact. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean hasArtifacts() {
    return !inputArtifacts.isEmpty()
        || !outputArtifacts.isEmpty()
        || Boolean.TRUE.equals(archiveLogs);
  }

  /** A template without {@code parallelism}, {@code failFast} and {@code synchronization}. */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName,
      List<OutputParameter> outputs) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        outputs,
        null,
        null,
        List.of());
  }

  /** A template without output parameters (the shape before outputs were supported). */
  public Template(
      String name,
      TemplateBody body,
      List<Parameter> inputs,
      RetryStrategySpec retryStrategy,
      String activeDeadlineSeconds,
      String timeout,
      Map<String, String> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      PodMetadata metadata,
      String podSpecPatch,
      String serviceAccountName) {
    this(
        name,
        body,
        inputs,
        retryStrategy,
        activeDeadlineSeconds,
        timeout,
        nodeSelector,
        affinity,
        tolerations,
        metadata,
        podSpecPatch,
        serviceAccountName,
        List.of());
  }
}
