package dev.targo.cli;

import dev.targo.translator.Problem;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code targo lint FILE…}: every problem of every file, exit code 2 when there is one. */
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

  @Override
  public Integer call() {
    int problems = 0;
    for (String file : files) {
      String text = InputFiles.read(file, console.stdin());
      Translation result = Translator.translate(InputFiles.displayName(file), text);
      if (result instanceof Translation.Failed failed) {
        for (Problem p : failed.problems()) {
          console.out().println(p);
        }
        problems += failed.problems().size();
      }
    }
    console.out().flush();
    if (problems > 0) {
      console.err().println(problems + (problems == 1 ? " problem" : " problems") + " found");
      return ExitCodes.BAD_INPUT;
    }
    console.err().println("no problems found");
    return ExitCodes.OK;
  }
}
