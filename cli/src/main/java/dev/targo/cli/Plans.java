package dev.targo.cli;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.translator.Problem;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.Map;

/** Translates a workflow file for the commands that start one; problems end the command. */
final class Plans {
  private Plans() {}

  /**
   * The plan of {@code text}, or a {@link UserError} (exit 2) after printing every problem to
   * standard error: nothing is started from a file with problems. Warnings are printed too, and the
   * workflow runs.
   */
  static WorkflowPlan translate(
      Console console, String file, String text, Map<String, String> parameters) {
    Translation translation = Translator.translate(InputFiles.displayName(file), text, parameters);
    for (Problem p : translation.all()) {
      console.err().println(p);
    }
    if (translation instanceof Translation.Failed failed) {
      throw new UserError(
          ExitCodes.BAD_INPUT, failed.problems().size() + " problem(s) found, nothing was started");
    }
    return ((Translation.Ok) translation).plan();
  }
}
