package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a template runs: the Argo template kinds targo supports. Pod templates ({@code container},
 * {@code script}, {@code containerSet}) run one pod per attempt; {@code steps} and {@code dag}
 * templates run other templates.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TemplateBody.ContainerBody.class, name = "container"),
  @JsonSubTypes.Type(value = TemplateBody.ScriptBody.class, name = "script"),
  @JsonSubTypes.Type(value = TemplateBody.StepsBody.class, name = "steps"),
  @JsonSubTypes.Type(value = TemplateBody.DagBody.class, name = "dag"),
  @JsonSubTypes.Type(value = TemplateBody.SuspendBody.class, name = "suspend"),
  @JsonSubTypes.Type(value = TemplateBody.HttpBody.class, name = "http"),
  @JsonSubTypes.Type(value = TemplateBody.ContainerSetBody.class, name = "containerSet"),
  @JsonSubTypes.Type(value = TemplateBody.ResourceBody.class, name = "resource")
})
public sealed interface TemplateBody {

  /**
   * The main container of a pod template. Pod executors only ever see pod templates, so they may
   * call this on any body they are given; it is an error to call it on a steps or dag template,
   * which runs no container of its own (use {@link PodBody} to say so in types).
   *
   * @throws IllegalStateException for a steps, dag or suspend template
   */
  default ContainerSpec container() {
    throw new IllegalStateException(
        getClass().getSimpleName() + " runs other templates, not a container of its own");
  }

  /** A template that runs a pod: its main container. */
  sealed interface PodBody extends TemplateBody {
    /** The main container of the pod. */
    @Override
    ContainerSpec container();

    /**
     * The names of the pod's containers that run the template (Argo's {@code
     * GetMainContainerNames}): {@code main}, or every container of a {@code containerSet}.
     */
    default List<String> mainContainerNames() {
      return List.of(MAIN);
    }
  }

  /** The name Argo gives the container that runs a template, and looks for in a container set. */
  String MAIN = "main";

  /**
   * Argo {@code template.container}.
   *
   * @param container the container
   */
  record ContainerBody(ContainerSpec container) implements PodBody {}

  /**
   * Argo {@code template.script}: a container whose {@code source} is run by its command.
   *
   * @param container the container fields of {@code script}
   * @param source {@code script.source}
   */
  record ScriptBody(ContainerSpec container, String source) implements PodBody {}

  /**
   * Argo {@code template.steps}: groups run one after the other; the steps of one group run in
   * parallel.
   *
   * @param groups the outer list of {@code steps}, in order
   */
  record StepsBody(List<StepGroup> groups) implements TemplateBody {
    public StepsBody {
      groups = groups == null ? List.of() : List.copyOf(groups);
    }
  }

  /**
   * Argo {@code template.dag}.
   *
   * @param tasks {@code dag.tasks}, in declaration order
   * @param target {@code dag.target} as written (space-separated task names, may hold {@code
   *     {{…}}}), or null: every task runs
   * @param failFast {@code dag.failFast}; Argo's default when absent is true: once a task has
   *     failed, no new task is started
   */
  record DagBody(List<DagTask> tasks, String target, boolean failFast) implements TemplateBody {
    public DagBody {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
  }

  /**
   * Argo {@code template.suspend}: the node waits, Running, until {@code targo resume} (or {@code
   * targo node set --phase}) ends it, or until {@code duration} has passed since it started.
   *
   * @param duration {@code suspend.duration} as written (seconds, or a Go duration such as {@code
   *     2m}; may hold {@code {{…}}}), or null: it waits until resumed
   */
  record SuspendBody(String duration) implements TemplateBody {}

  /**
   * An {@code http} template: one HTTP request per attempt, sent by the worker as Argo's agent
   * sends it; its node is of type HTTP, its {@code outputs.result} the response's body.
   */
  record HttpBody(HttpSpec http) implements TemplateBody {}

  /**
   * Argo {@code template.containerSet}: several containers in one pod, each starting when the
   * containers it depends on have ended successfully (independent ones at once). Outputs (result,
   * parameters, artifacts) come from the container named {@code main}.
   *
   * @param containers {@code containerSet.containers}, in declaration order
   * @param volumeMounts {@code containerSet.volumeMounts}: mounted into every container of the set
   * @param retryStrategy {@code containerSet.retryStrategy}: a failing container's command is run
   *     again in place, or null
   */
  record ContainerSetBody(
      List<ContainerNode> containers, List<JsonNode> volumeMounts, ContainerSetRetry retryStrategy)
      implements PodBody {
    public ContainerSetBody {
      containers = containers == null ? List.of() : List.copyOf(containers);
      volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
    }

    /**
     * The container named {@code main} (else the last one, as Argo's {@code workflowpod.go} picks
     * the container that stands for the pod), with the set's volume mounts.
     */
    @Override
    @JsonIgnore
    public ContainerSpec container() {
      List<ContainerNode> all = podContainers();
      return all.stream()
          .filter(c -> MAIN.equals(c.name()))
          .findFirst()
          .orElse(all.getLast())
          .container();
    }

    /**
     * The containers as they run in the pod: each with the set's {@code volumeMounts} after its own
     * (Argo's {@code GetContainers}).
     */
    public List<ContainerNode> podContainers() {
      return containers.stream()
          .map(
              c -> {
                List<JsonNode> mounts = new ArrayList<>(c.container().volumeMounts());
                mounts.addAll(volumeMounts);
                ContainerSpec s = c.container();
                return c.withContainer(
                    new ContainerSpec(
                        s.image(),
                        s.command(),
                        s.args(),
                        s.env(),
                        s.workingDir(),
                        s.resources(),
                        mounts,
                        s.securityContext(),
                        s.imagePullPolicy(),
                        s.readinessProbe()));
              })
          .toList();
    }

    /** Every container of the set runs the template (Argo's {@code GetMainContainerNames}). */
    @Override
    public List<String> mainContainerNames() {
      return containers.stream().map(ContainerNode::name).toList();
    }

    /** True when it has a container named {@code main}, whose outputs are the template's. */
    public boolean hasMain() {
      return containers.stream().anyMatch(c -> MAIN.equals(c.name()));
    }

    /** True when a container waits for others (Argo's {@code HasSequencedContainers}). */
    public boolean sequenced() {
      return containers.stream().anyMatch(c -> !c.dependencies().isEmpty());
    }

    /**
     * The containers no other container of the set depends on, in declaration order: the last to
     * run, below which Argo hangs the nodes that follow the pod ({@code getOutboundNodes}).
     */
    public List<String> leaves() {
      Set<String> depended = new HashSet<>();
      containers.forEach(c -> depended.addAll(c.dependencies()));
      return containers.stream()
          .map(ContainerNode::name)
          .filter(n -> !depended.contains(n))
          .toList();
    }
  }

  /**
   * Argo {@code template.resource}: one action on one Kubernetes object, then (except for {@code
   * delete}) a wait until its success or failure condition holds. Like a pod template, each attempt
   * is one {@code runAttempt} activity; the Kubernetes executor carries the action out itself
   * instead of starting a pod that runs {@code kubectl} (docs/DESIGN.md §21). Every field may hold
   * {@code {{…}}}, substituted per attempt.
   *
   * @param action {@code action}: get, create, apply, delete, replace or patch
   * @param mergeStrategy {@code mergeStrategy} of a patch (strategic, merge), or null: strategic
   * @param manifest {@code manifest}: the object (or the patch) as YAML text
   * @param successCondition {@code successCondition}: Argo's label-selector syntax over JSON paths
   *     of the object, or null
   * @param failureCondition {@code failureCondition}, or null
   * @param setOwnerReference {@code setOwnerReference}: the object gets the workflow's owner anchor
   *     as its controller, so that Kubernetes deletes it once the workflow is deleted
   */
  record ResourceBody(
      String action,
      String mergeStrategy,
      String manifest,
      String successCondition,
      String failureCondition,
      // Left out when false, so that the plans and payloads of every other resource stay as they
      // were before the field.
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean setOwnerReference)
      implements TemplateBody {
    /** A body without {@code setOwnerReference}. */
    public ResourceBody(
        String action,
        String mergeStrategy,
        String manifest,
        String successCondition,
        String failureCondition) {
      this(action, mergeStrategy, manifest, successCondition, failureCondition, false);
    }
  }
}
