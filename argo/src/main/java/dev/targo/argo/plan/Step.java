package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Argo {@code WorkflowStep} of a steps template. String fields may hold {@code {{…}}}
 * references (inputs, earlier steps' outputs, {@code item}); they are substituted at run time.
 *
 * @param name {@code name}, unique in its template
 * @param template {@code template}: the name of the template it runs (checked to exist)
 * @param arguments {@code arguments.parameters}: name and value of each argument ({@code
 *     defaultValue} and {@code description} are null)
 * @param when {@code when}, a govaluate condition evaluated after substitution (see {@link
 *     dev.targo.argo.when.When}), or null
 * @param loop {@code withItems}, {@code withParam} or {@code withSequence}, or null
 * @param continueOn {@code continueOn}, or null
 * @param exitHook {@code hooks.exit} or {@code onExit}, or null
 * @param artifacts {@code arguments.artifacts}
 * @param hooks {@code hooks} other than {@code exit}: each runs its template once, the first time
 *     its {@code expression} holds over the step's status (Argo's {@code executeTmplLifeCycleHook})
 */
public record Step(
    String name,
    String template,
    List<Parameter> arguments,
    String when,
    Loop loop,
    ContinueOn continueOn,
    // Left out of the plan's JSON when absent: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Artifact> artifacts,
    @JsonInclude(JsonInclude.Include.NON_NULL) ExitHook exitHook,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LifecycleHook> hooks) {
  public Step {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** A step without expression hooks. */
  public Step(
      String name,
      String template,
      List<Parameter> arguments,
      String when,
      Loop loop,
      ContinueOn continueOn,
      List<Artifact> artifacts,
      ExitHook exitHook) {
    this(name, template, arguments, when, loop, continueOn, artifacts, exitHook, List.of());
  }

  /** A step without an exit hook. */
  public Step(
      String name,
      String template,
      List<Parameter> arguments,
      String when,
      Loop loop,
      ContinueOn continueOn,
      List<Artifact> artifacts) {
    this(name, template, arguments, when, loop, continueOn, artifacts, null);
  }

  /** A step without artifact arguments or an exit hook. */
  public Step(
      String name,
      String template,
      List<Parameter> arguments,
      String when,
      Loop loop,
      ContinueOn continueOn) {
    this(name, template, arguments, when, loop, continueOn, List.of(), null);
  }
}
