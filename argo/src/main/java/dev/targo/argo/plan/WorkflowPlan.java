package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A validated Argo {@code Workflow}: {@code metadata} and the parts of {@code spec} targo runs.
 * Templates are keyed by name in declaration order; each template already carries its effective
 * retry strategy ({@code spec.templateDefaults} merged, {@code spec.retryStrategy} applied, Argo
 * rule §7), so the worker never looks at workflow-level defaults again.
 *
 * @param name {@code metadata.name}, or null when only {@code generateName} is given
 * @param generateName {@code metadata.generateName}, or null
 * @param namespace {@code metadata.namespace}, or null for the worker's default
 * @param labels {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param entrypoint {@code spec.entrypoint}
 * @param arguments {@code spec.arguments.parameters}
 * @param templates {@code spec.templates} by name, in declaration order
 * @param activeDeadlineSeconds {@code spec.activeDeadlineSeconds}, or null
 * @param podGc {@code spec.podGC}, or null for the default (delete each pod once its result is
 *     read)
 * @param serviceAccountName {@code spec.serviceAccountName}, or null
 * @param onExit {@code spec.onExit}: the exit handler template, run after the entrypoint whatever
 *     its outcome, or null
 * @param synchronization {@code spec.synchronization}: the locks the whole workflow holds while it
 *     runs
 * @param parallelism {@code spec.parallelism}: how many pods of the workflow may be active at once,
 *     or null for no limit
 * @param priority {@code spec.priority}, or null: {@code {{workflow.priority}}} (Argo orders its
 *     controller's queue by it; targo starts every submitted workflow at once, so nothing waits to
 *     be ordered)
 */
public record WorkflowPlan(
    String name,
    String generateName,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    String entrypoint,
    List<Parameter> arguments,
    Map<String, Template> templates,
    Long activeDeadlineSeconds,
    PodGc podGc,
    String serviceAccountName,
    String onExit,
    // Left out of the plan's JSON when empty: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SyncLock> synchronization,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer parallelism,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer priority,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean suspend,
    @JsonInclude(JsonInclude.Include.NON_NULL) TtlStrategy ttlStrategy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LifecycleHook> hooks) {

  public WorkflowPlan {
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    synchronization = synchronization == null ? List.of() : List.copyOf(synchronization);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    templates =
        templates == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(templates));
  }

  /** A plan without {@code priority}, {@code suspend}, {@code ttlStrategy} and {@code hooks}. */
  public WorkflowPlan(
      String name,
      String generateName,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      String entrypoint,
      List<Parameter> arguments,
      Map<String, Template> templates,
      Long activeDeadlineSeconds,
      PodGc podGc,
      String serviceAccountName,
      String onExit,
      List<SyncLock> synchronization,
      Integer parallelism) {
    this(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        entrypoint,
        arguments,
        templates,
        activeDeadlineSeconds,
        podGc,
        serviceAccountName,
        onExit,
        synchronization,
        parallelism,
        null,
        null,
        null,
        List.of());
  }

  /** A plan without {@code synchronization}. */
  public WorkflowPlan(
      String name,
      String generateName,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      String entrypoint,
      List<Parameter> arguments,
      Map<String, Template> templates,
      Long activeDeadlineSeconds,
      PodGc podGc,
      String serviceAccountName,
      String onExit) {
    this(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        entrypoint,
        arguments,
        templates,
        activeDeadlineSeconds,
        podGc,
        serviceAccountName,
        onExit,
        List.of(),
        null);
  }

  /** A plan without an exit handler (the shape before {@code onExit} was supported). */
  public WorkflowPlan(
      String name,
      String generateName,
      String namespace,
      Map<String, String> labels,
      Map<String, String> annotations,
      String entrypoint,
      List<Parameter> arguments,
      Map<String, Template> templates,
      Long activeDeadlineSeconds,
      PodGc podGc,
      String serviceAccountName) {
    this(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        entrypoint,
        arguments,
        templates,
        activeDeadlineSeconds,
        podGc,
        serviceAccountName,
        null);
  }

  /** This plan with other arguments and templates. */
  public WorkflowPlan withArgumentsAndTemplates(
      List<Parameter> nextArguments, Map<String, Template> nextTemplates) {
    return new WorkflowPlan(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        entrypoint,
        nextArguments,
        nextTemplates,
        activeDeadlineSeconds,
        podGc,
        serviceAccountName,
        onExit,
        synchronization,
        parallelism,
        priority,
        suspend,
        ttlStrategy,
        hooks);
  }

  /** This plan with annotation {@code key} set to {@code value} (a cron run's scheduled time). */
  public WorkflowPlan withAnnotation(String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(annotations);
    more.put(key, value);
    return new WorkflowPlan(
        name,
        generateName,
        namespace,
        labels,
        more,
        entrypoint,
        arguments,
        templates,
        activeDeadlineSeconds,
        podGc,
        serviceAccountName,
        onExit,
        synchronization,
        parallelism,
        priority,
        suspend,
        ttlStrategy,
        hooks);
  }

  /**
   * The exit handler, Argo's {@code GetExitHook}: {@code spec.onExit} with the workflow's
   * arguments, else {@code spec.hooks.exit}; null without one.
   */
  public LifecycleHook exitHook() {
    if (onExit != null && !onExit.isEmpty()) {
      return new LifecycleHook(LifecycleHook.EXIT, onExit, null, null);
    }
    return hooks.stream().filter(LifecycleHook::exit).findFirst().orElse(null);
  }

  /** The hooks run when their expression holds: every hook but the exit hook. */
  public List<LifecycleHook> expressionHooks() {
    return hooks.stream().filter(h -> !h.exit()).toList();
  }

  /** True when the workflow is submitted suspended ({@code spec.suspend: true}). */
  public boolean submittedSuspended() {
    return Boolean.TRUE.equals(suspend);
  }

  /** The template named {@code name}, or null. */
  public Template template(String name) {
    return templates.get(name);
  }
}
