package dev.targo.cli;

import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.translator.Document;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code targo lint FILE…}: every problem and warning of every document of every file, exit code 2
 * when there is a problem (warnings alone exit 0). Files are split into documents as Argo's lint
 * splits them, and {@code kind} decides how each is checked; kinds that are not Argo's are skipped
 * as Argo skips them. References to templates resolve against the templates given on the same
 * command line, then the template store when Temporal is reachable. A file that cannot be read is a
 * problem, and the others are still linted.
 */
@Command(
    name = "lint",
    description = "Check Argo workflow files and print every problem as file:line:column.")
final class LintCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Workflow files ('-' = stdin).")
  List<String> files;

  @Mixin ConnectionOptions connection;

  private final Console console;
  private final Predicate<Document> linted;

  LintCommand(Console console) {
    this(console, d -> true);
  }

  /** A lint of the documents {@code linted} selects ({@code targo template lint}). */
  LintCommand(Console console, Predicate<Document> linted) {
    this.console = console;
    this.linted = linted;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  @Override
  public Integer call() {
    List<Manifests.FileDocuments> read = Manifests.read(files, console.stdin());
    int problems = 0;
    int warnings = 0;
    int checked = 0;
    try (StoreLookup store = new StoreLookup(connection)) {
      TemplateLookup lookup = TemplateLookup.of(Manifests.all(read)).orElse(store);
      for (Manifests.FileDocuments file : read) {
        // A file that cannot be read is one problem among the others: the rest are still linted.
        for (String problem : file.problems()) {
          console.out().println(problem);
          problems++;
        }
        for (Document document : file.documents()) {
          if (!document.isLinted() || !linted.test(document)) {
            continue;
          }
          checked++;
          Translation result = Translator.lint(document, lookup);
          for (Problem p : result.all()) {
            console.out().println(p);
          }
          if (result instanceof Translation.Failed failed) {
            problems += failed.problems().size();
          }
          warnings += result.warnings().size();
        }
      }
    }
    console.out().flush();
    String warned = warnings == 0 ? "" : ", " + count(warnings, "warning");
    if (problems > 0) {
      console.err().println(count(problems, "problem") + " found" + warned);
      return ExitCodes.BAD_INPUT;
    }
    if (checked == 0) {
      console.err().println("found nothing to lint in the files given");
      return ExitCodes.BAD_INPUT;
    }
    console.err().println("no problems found" + warned);
    return ExitCodes.OK;
  }
}
