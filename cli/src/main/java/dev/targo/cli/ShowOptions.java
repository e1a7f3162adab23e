package dev.targo.cli;

import dev.targo.cli.client.RunRecords;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How a command that starts a run of a workflow ({@code submit}, {@code resubmit}, {@code retry})
 * shows it: {@code --watch} or {@code --wait} until it ends, else at once, printed as {@code -o}
 * says.
 */
final class ShowOptions {
  @ArgGroup(exclusive = true)
  Until until;

  static final class Until {
    @Option(names = "--watch", description = "Redraw the node tree until the workflow ends.")
    boolean watch;

    @Option(names = "--wait", description = "Wait until the workflow ends, then print it.")
    boolean waitForEnd;
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "name, json, yaml or wide (default: the argo get tree).")
  String output;

  @Option(names = "--no-utf8", description = "ASCII tree and phase words instead of icons.")
  boolean noUtf8;

  /** The output format, checked before anything starts. */
  Output format() {
    return new Output(output, !noUtf8);
  }

  /** Shows workflow {@code name} as asked; the command's exit code. */
  int show(Console console, RunRecords reader, String name, Output out)
      throws InterruptedException {
    if (until != null) {
      return Follow.follow(console, reader, name, out, until.watch);
    }
    console.out().print(out.render(reader.read(name)));
    return ExitCodes.OK;
  }
}
