package dev.targo.argo.plan;

import java.util.List;

/**
 * A step's or task's exit hook: Argo's {@code hooks.exit} ({@code LifecycleHook}) or {@code
 * onExit}. Once the step's node has ended (Succeeded, Failed or Error; not Skipped), the template
 * runs as node {@code <step node>.onExit}, a child of it, and the step group or the task's
 * dependents wait for it; its own phase does not change the step's.
 *
 * @param template the template it runs
 * @param arguments {@code hooks.exit.arguments.parameters}, whose values may name the step's own
 *     outputs ({@code {{steps.NAME.outputs.parameters.x}}}); null for {@code onExit}, which Argo
 *     gives the workflow's arguments
 */
public record ExitHook(String template, List<Parameter> arguments) {
  public ExitHook {
    arguments = arguments == null ? null : List.copyOf(arguments);
  }
}
