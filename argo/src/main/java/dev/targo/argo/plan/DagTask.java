package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Argo {@code DAGTask}. String fields may hold {@code {{…}}} references (inputs, outputs of the
 * tasks it depends on, {@code item}); they are substituted at run time.
 *
 * @param name {@code name}, unique in its template
 * @param template {@code template}: the name of the template it runs (checked to exist)
 * @param arguments {@code arguments.parameters}: name and value of each argument
 * @param dependencies the names of every task this task waits for, whether written as {@code
 *     dependencies} or inside {@code depends}, in order of first appearance; empty for a root task
 * @param depends {@code depends} exactly as written, or null (for display)
 * @param condition when the task runs once every one of {@code dependencies} has finished: {@code
 *     depends} parsed, or {@code dependencies} joined with {@code &&}, with every bare task name
 *     already expanded the way Argo expands it; null when {@code dependencies} is empty. A false
 *     condition makes the task Omitted.
 * @param when {@code when}, or null
 * @param loop {@code withItems}, {@code withParam} or {@code withSequence}, or null
 * @param continueOn {@code continueOn}, or null (Argo allows it only with {@code dependencies}; its
 *     effect on dependants is already in their {@code condition})
 * @param artifacts {@code arguments.artifacts}
 * @param exitHook {@code hooks.exit} or {@code onExit}, or null
 * @param hooks {@code hooks} other than {@code exit}: each runs its template once, the first time
 *     its {@code expression} holds over the task's status (Argo's {@code executeTmplLifeCycleHook})
 */
public record DagTask(
    String name,
    String template,
    List<Parameter> arguments,
    List<String> dependencies,
    String depends,
    Depends condition,
    String when,
    Loop loop,
    ContinueOn continueOn,
    // Left out of the plan's JSON when absent: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Artifact> artifacts,
    @JsonInclude(JsonInclude.Include.NON_NULL) ExitHook exitHook,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LifecycleHook> hooks) {
  public DagTask {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** A task without expression hooks. */
  public DagTask(
      String name,
      String template,
      List<Parameter> arguments,
      List<String> dependencies,
      String depends,
      Depends condition,
      String when,
      Loop loop,
      ContinueOn continueOn,
      List<Artifact> artifacts,
      ExitHook exitHook) {
    this(
        name,
        template,
        arguments,
        dependencies,
        depends,
        condition,
        when,
        loop,
        continueOn,
        artifacts,
        exitHook,
        List.of());
  }

  /** A task without an exit hook. */
  public DagTask(
      String name,
      String template,
      List<Parameter> arguments,
      List<String> dependencies,
      String depends,
      Depends condition,
      String when,
      Loop loop,
      ContinueOn continueOn,
      List<Artifact> artifacts) {
    this(
        name,
        template,
        arguments,
        dependencies,
        depends,
        condition,
        when,
        loop,
        continueOn,
        artifacts,
        null);
  }

  /** A task without artifact arguments or an exit hook. */
  public DagTask(
      String name,
      String template,
      List<Parameter> arguments,
      List<String> dependencies,
      String depends,
      Depends condition,
      String when,
      Loop loop,
      ContinueOn continueOn) {
    this(
        name,
        template,
        arguments,
        dependencies,
        depends,
        condition,
        when,
        loop,
        continueOn,
        List.of(),
        null);
  }
}
