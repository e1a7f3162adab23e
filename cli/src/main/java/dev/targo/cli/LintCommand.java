package dev.targo.cli;

import dev.targo.translator.Problem;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code targo lint FILE…}: every problem and warning of every file, exit code 2 when there is a
 * problem (warnings alone exit 0). A file that cannot be read is a problem, and the others are
 * still linted.
 */
@Command(
    name = "lint",
    description = "Check Argo workflow files and print every problem as file:line:column.")
final class LintCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Workflow files ('-' = stdin).")
  List<String> files;

  private final Console console;

  LintCommand(Console console) {
    this.console = console;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  @Override
  public Integer call() {
    int problems = 0;
    int warnings = 0;
    for (String file : files) {
      String text;
      try {
        text = InputFiles.read(file, console.stdin());
      } catch (UserError unreadable) {
        // A file that cannot be read is one problem among the others: the rest are still linted.
        console.out().println(unreadable.getMessage());
        problems++;
        continue;
      }
      Translation result = Translator.translate(InputFiles.displayName(file), text);
      for (Problem p : result.all()) {
        console.out().println(p);
      }
      if (result instanceof Translation.Failed failed) {
        problems += failed.problems().size();
      }
      warnings += result.warnings().size();
    }
    console.out().flush();
    String warned = warnings == 0 ? "" : ", " + count(warnings, "warning");
    if (problems > 0) {
      console.err().println(count(problems, "problem") + " found" + warned);
      return ExitCodes.BAD_INPUT;
    }
    console.err().println("no problems found" + warned);
    return ExitCodes.OK;
  }
}
