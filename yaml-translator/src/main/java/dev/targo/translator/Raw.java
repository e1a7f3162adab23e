package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.ContainerSpec;
import java.util.List;
import java.util.Map;

/**
 * The first layer: the workflow as written, named like Argo's fields, every scalar with its
 * position, no defaults applied and nothing rejected beyond field names and YAML types. The {@link
 * Planner} turns it into plan records. Kubernetes objects that targo passes through unread are
 * already in their plan form.
 */
final class Raw {
  private Raw() {}

  record Workflow(Str apiVersion, Str kind, Metadata metadata, Spec spec) {}

  record Metadata(
      Pos pos,
      Str name,
      Str generateName,
      Str namespace,
      Map<Str, Str> labels,
      Map<Str, Str> annotations) {}

  /** {@code spec}. Templates already have {@code templateDefaults} merged in. */
  record Spec(
      Pos pos,
      Str entrypoint,
      Str onExit,
      List<Parameter> arguments,
      RetryStrategy retryStrategy,
      List<Str> retryStrategyStrings,
      Str activeDeadlineSeconds,
      Str podGcStrategy,
      com.fasterxml.jackson.databind.JsonNode podGcLabelSelector,
      Str podGcDelay,
      Str serviceAccountName,
      List<Template> templates,
      List<dev.targo.argo.plan.SyncLock> synchronization,
      Str parallelism,
      dev.targo.argo.plan.PodFields pod,
      Map<Str, Str> podLabels,
      Map<Str, Str> podAnnotations,
      WorkflowMetadata workflowMetadata,
      List<dev.targo.argo.plan.Artifact> argumentArtifacts,
      Boolean archiveLogs,
      dev.targo.argo.plan.ArtifactRepositoryRef artifactRepositoryRef,
      Str priority,
      Boolean suspend,
      TtlStrategy ttlStrategy,
      List<WorkflowHook> hooks) {}

  /**
   * An entry of {@code spec.hooks}.
   *
   * @param arguments its {@code arguments.parameters}, or null when it has no {@code arguments}
   */
  record WorkflowHook(
      Pos pos, String name, Str template, List<Parameter> arguments, Str expression) {}

  /** {@code spec.ttlStrategy}: each field as written, or null. */
  record TtlStrategy(
      Str secondsAfterCompletion, Str secondsAfterSuccess, Str secondsAfterFailure) {}

  /**
   * {@code spec.workflowMetadata}.
   *
   * @param labelsFrom each label's {@code expression}
   */
  record WorkflowMetadata(
      Map<Str, Str> labels, Map<Str, Str> annotations, Map<Str, Str> labelsFrom) {}

  /**
   * An entry of {@code arguments.parameters} or {@code inputs.parameters}.
   *
   * @param valueFrom true when a {@code valueFrom} gives the value
   * @param configMap its {@code configMapKeyRef} (workflow arguments and inputs only), or null
   */
  record Parameter(
      Pos pos,
      Str name,
      Str value,
      Str defaultValue,
      Str description,
      List<Str> enumValues,
      boolean valueFrom,
      dev.targo.argo.plan.ConfigMapKeyRef configMap) {}

  /**
   * A template, {@code templateDefaults} merged in.
   *
   * @param body the container or script, or null when the template has none that targo runs
   * @param strings every string read in the template outside its steps, tasks and outputs, for
   *     {@code {{…}}} reference checks
   * @param steps the step groups of a steps template, or null
   * @param dag the dag of a dag template, or null
   * @param outputs {@code outputs.parameters}
   * @param outputStrings the strings of {@code outputs}, checked in their own scope
   * @param inputArtifacts {@code inputs.artifacts}, already checked
   * @param outputArtifacts {@code outputs.artifacts}, already checked
   * @param foreignInputs the input artifacts in a store targo does not read yet (reported)
   * @param archiveLogs {@code archiveLocation.archiveLogs}, or null
   * @param templateAnnotations the template's own {@code annotations} (its pod's are {@code
   *     annotations})
   * @param pendingTimeout {@code pendingTimeout} (Argo 4.1), or null
   * @param daemon {@code daemon}, or null
   * @param daemonPos where {@code daemon} is written, or null
   */
  record Template(
      Pos pos,
      Str name,
      Body body,
      List<Parameter> inputs,
      RetryStrategy retryStrategy,
      Str activeDeadlineSeconds,
      Str timeout,
      Map<Str, Str> nodeSelector,
      Affinity affinity,
      List<JsonNode> tolerations,
      Map<Str, Str> labels,
      Map<Str, Str> annotations,
      Str podSpecPatch,
      Str serviceAccountName,
      List<Str> strings,
      List<List<Step>> steps,
      Dag dag,
      List<Output> outputs,
      List<Str> outputStrings,
      Str parallelism,
      Boolean failFast,
      Pos failFastPos,
      List<dev.targo.argo.plan.SyncLock> synchronization,
      Suspend suspend,
      Resource resource,
      dev.targo.argo.plan.PodFields pod,
      List<dev.targo.argo.plan.Artifact> inputArtifacts,
      List<dev.targo.argo.plan.Artifact> outputArtifacts,
      java.util.Set<String> foreignInputs,
      Boolean archiveLogs,
      Http http,
      Memoize memoize,
      Map<Str, Str> templateAnnotations,
      Str pendingTimeout,
      Boolean daemon,
      Pos daemonPos) {

    boolean isPod() {
      return body != null;
    }

    boolean isDaemon() {
      return Boolean.TRUE.equals(daemon);
    }
  }

  /**
   * A step of a steps template.
   *
   * @param strings every string of the step, checked in the step's own scope
   */
  record Step(
      Pos pos,
      Str name,
      Str template,
      List<Parameter> arguments,
      Str when,
      Loop loop,
      ContinueOn continueOn,
      List<Str> strings,
      List<dev.targo.argo.plan.Artifact> artifacts,
      Hook exitHook,
      List<StepHook> hooks) {}

  /**
   * A step's or task's lifecycle hook other than {@code exit}.
   *
   * @param pos where its key is written
   * @param name its key
   * @param template the template it runs, or null when missing
   * @param arguments {@code arguments.parameters}, or null without {@code arguments}
   * @param expression {@code expression}, or null when missing
   * @param strings its strings, checked with the step's own outputs in scope
   */
  record StepHook(
      Pos pos,
      String name,
      Str template,
      List<Parameter> arguments,
      Str expression,
      List<Str> strings) {}

  /**
   * A step's or task's exit hook.
   *
   * @param pos where it is written
   * @param template the template it runs
   * @param arguments {@code hooks.exit.arguments.parameters}, or null for {@code onExit}
   * @param strings its strings, checked with the step's own outputs in scope
   */
  record Hook(Pos pos, Str template, List<Parameter> arguments, List<Str> strings) {}

  /** {@code dag}. */
  record Dag(Pos pos, List<Task> tasks, Str target, Boolean failFast) {}

  /**
   * A task of a dag.
   *
   * @param dependencies {@code dependencies}, or null when absent
   * @param strings every string of the task, checked in the task's own scope
   */
  record Task(
      Pos pos,
      Str name,
      Str template,
      List<Parameter> arguments,
      List<Str> dependencies,
      Pos dependenciesPos,
      Str depends,
      Str when,
      Loop loop,
      ContinueOn continueOn,
      List<Str> strings,
      List<dev.targo.argo.plan.Artifact> artifacts,
      Hook exitHook,
      List<StepHook> hooks) {}

  /**
   * {@code withItems}, {@code withParam} or {@code withSequence} (the first written, when several
   * are: that is a problem).
   */
  record Loop(Pos pos, List<JsonNode> items, Str param, Sequence sequence) {}

  record Sequence(Pos pos, Str count, Str start, Str end, Str format) {}

  record ContinueOn(Pos pos, boolean failed, boolean error) {}

  /**
   * An entry of {@code outputs.parameters}.
   *
   * @param otherSource true when {@code valueFrom} names a source targo does not support
   * @param expression {@code valueFrom.expression}, or null
   */
  record Output(
      Pos pos,
      Str name,
      Str value,
      Pos valueFrom,
      Str path,
      Str parameter,
      Str defaultValue,
      boolean otherSource,
      Str description,
      Str expression,
      Pos supplied,
      Str jsonPath,
      Str globalName) {}

  /**
   * {@code container}, {@code script} or {@code containerSet}.
   *
   * @param container the container or script's container, null for a container set
   * @param source {@code script.source}, null for a container
   * @param containerSet the container set, or null
   */
  record Body(boolean script, ContainerSpec container, Str source, ContainerSet containerSet) {
    Body(boolean script, ContainerSpec container, Str source) {
      this(script, container, source, null);
    }
  }

  /**
   * {@code containerSet}.
   *
   * @param pos where {@code containerSet} is
   * @param containers {@code containers}, those that are mappings
   * @param containersPos where {@code containers} is (or the set, when absent)
   * @param volumeMounts {@code volumeMounts}
   * @param mountPaths each volume mount's {@code mountPath}, in order (those that are strings)
   * @param retry {@code retryStrategy}, or null
   */
  record ContainerSet(
      Pos pos,
      List<SetContainer> containers,
      Pos containersPos,
      List<JsonNode> volumeMounts,
      List<Str> mountPaths,
      SetRetry retry) {}

  /**
   * One container of a {@code containerSet}.
   *
   * @param name {@code name}, or null when absent
   * @param dependencies {@code dependencies}
   */
  record SetContainer(Pos pos, Str name, ContainerSpec container, List<Str> dependencies) {}

  /** {@code containerSet.retryStrategy}: {@code retries} (int or string) and {@code duration}. */
  record SetRetry(Pos pos, Str retries, Str duration) {}

  /**
   * {@code suspend}.
   *
   * @param pos where {@code suspend} is
   * @param duration {@code suspend.duration}, or null
   */
  record Suspend(Pos pos, Str duration) {}

  /** {@code http}: its fields as written (headers in order), or null. */
  record Http(
      Pos pos,
      Str method,
      Str url,
      List<Str[]> headers,
      Str body,
      Str timeoutSeconds,
      Str successCondition,
      Boolean insecureSkipVerify) {}

  /**
   * {@code memoize}, its fields as written (problems of missing ones already reported).
   *
   * @param pos where the {@code memoize} key is
   * @param cache {@code cache.configMap.name}
   */
  record Memoize(Pos pos, Str key, Str maxAge, Str cache) {}

  /**
   * {@code resource}.
   *
   * @param pos where {@code resource} is
   * @param action {@code action}, or null
   * @param mergeStrategy {@code mergeStrategy}, or null
   * @param manifest {@code manifest}, or null
   * @param successCondition {@code successCondition}, or null
   * @param failureCondition {@code failureCondition}, or null
   * @param flags {@code flags}
   */
  record Resource(
      Pos pos,
      Str action,
      Str mergeStrategy,
      Str manifest,
      Str successCondition,
      Str failureCondition,
      List<Str> flags,
      boolean setOwnerReference) {}

  /**
   * {@code retryStrategy}.
   *
   * @param nodeAntiAffinity where {@code affinity.nodeAntiAffinity} is, or null when absent
   * @param nodeAntiAffinityType {@code affinity.nodeAntiAffinity.type} (targo extension), or null
   * @param topologyKey {@code affinity.nodeAntiAffinity.topologyKey} (targo extension), or null
   * @param onOOMKilled {@code onOOMKilled} (targo extension), or null
   * @param maxExcluded {@code affinity.nodeAntiAffinity.maxExcluded} (targo extension), or null
   * @param exclusionExpression {@code affinity.nodeAntiAffinity.expression} (targo extension), or
   *     null
   * @param relaxAfter {@code affinity.nodeAntiAffinity.relaxAfter} (targo extension), or null
   */
  record RetryStrategy(
      Pos pos,
      Str limit,
      Str retryPolicy,
      Backoff backoff,
      Pos affinity,
      Pos nodeAntiAffinity,
      Str expression,
      Str nodeAntiAffinityType,
      Str topologyKey,
      OnOOMKilled onOOMKilled,
      Str maxExcluded,
      Str exclusionExpression,
      Str relaxAfter) {}

  /**
   * {@code retryStrategy.onOOMKilled} (targo extension).
   *
   * @param pos where its key is
   * @param memory where {@code memory} is, or null when absent
   * @param factor {@code memory.factor}, or null
   * @param max {@code memory.max}, or null
   */
  record OnOOMKilled(Pos pos, Pos memory, Str factor, Str max) {}

  /**
   * {@code retryStrategy.backoff}.
   *
   * @param jitter {@code jitter} (targo extension), or null
   */
  record Backoff(Pos pos, Str duration, Str factor, Str cap, Str maxDuration, Str jitter) {}
}
