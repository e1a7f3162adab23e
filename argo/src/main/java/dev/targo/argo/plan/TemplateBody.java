package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a template runs: the Argo template kinds targo supports. Pod templates ({@code container},
 * {@code script}) run one pod per attempt; {@code steps} and {@code dag} templates run other
 * templates.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TemplateBody.ContainerBody.class, name = "container"),
  @JsonSubTypes.Type(value = TemplateBody.ScriptBody.class, name = "script"),
  @JsonSubTypes.Type(value = TemplateBody.StepsBody.class, name = "steps"),
  @JsonSubTypes.Type(value = TemplateBody.DagBody.class, name = "dag"),
  @JsonSubTypes.Type(value = TemplateBody.SuspendBody.class, name = "suspend"),
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
  }

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
   * Argo {@code template.resource}: one action on one Kubernetes object, then (except for {@code
   * delete}) a wait until its success or failure condition holds. Like a pod template, each attempt
   * is one {@code runAttempt} activity; the Kubernetes executor carries the action out itself
   * instead of starting a pod that runs {@code kubectl} (docs/DESIGN.md §17). Every field may hold
   * {@code {{…}}}, substituted per attempt.
   *
   * @param action {@code action}: get, create, apply, delete, replace or patch
   * @param mergeStrategy {@code mergeStrategy} of a patch (strategic, merge), or null: strategic
   * @param manifest {@code manifest}: the object (or the patch) as YAML text
   * @param successCondition {@code successCondition}: Argo's label-selector syntax over JSON paths
   *     of the object, or null
   * @param failureCondition {@code failureCondition}, or null
   */
  record ResourceBody(
      String action,
      String mergeStrategy,
      String manifest,
      String successCondition,
      String failureCondition)
      implements TemplateBody {}
}
