package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A lifecycle hook of a workflow, or (without {@code exit}, which steps and tasks keep as their
 * {@link ExitHook}) of a step or task. A workflow-level hook is Argo's {@code spec.hooks.<name>}
 * ({@code LifecycleHook}, {@code workflow/controller/hooks.go}). The {@code exit} hook is the
 * workflow's exit handler when {@code spec.onExit} is not set; any other runs its template once, as
 * node {@code <workflow>.hooks.<name>} below the root node, the first time its {@code expression}
 * holds over the workflow's variables ({@code workflow.status} {@code Running} while the entrypoint
 * runs, its outcome once it has ended), and the workflow waits for it before its exit handler. A
 * step's or task's hook runs as node {@code <node>.hooks.<name>} below the step's node, the first
 * time its expression holds over {@code steps.NAME.status} (or {@code tasks.NAME.status}); the
 * step's group (or the task's dependants) waits for it.
 *
 * @param name the hook's key ({@code exit}, {@code running}, …)
 * @param template the template it runs
 * @param arguments {@code arguments.parameters}, or null when it gives none (the exit hook then
 *     gets the workflow's arguments, as Argo's {@code WithArgs})
 * @param expression {@code expression}, or null for the exit hook
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleHook(
    String name, String template, List<Parameter> arguments, String expression) {

  /** Argo's {@code ExitLifecycleEvent}. */
  public static final String EXIT = "exit";

  public LifecycleHook {
    arguments = arguments == null ? null : List.copyOf(arguments);
  }

  /** The same hook passing {@code substituted} as its arguments (unchanged when it passes none). */
  public LifecycleHook withArguments(List<Parameter> substituted) {
    return arguments == null ? this : new LifecycleHook(name, template, substituted, expression);
  }

  /** True for the exit hook. */
  public boolean exit() {
    return EXIT.equals(name);
  }
}
