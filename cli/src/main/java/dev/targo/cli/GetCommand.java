package dev.targo.cli;

import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code targo get NAME}: the workflow as {@code argo get} shows it, or as an Argo object. */
@Command(name = "get", description = "Show a workflow: the argo get tree, or -o json|yaml|wide.")
final class GetCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "json, yaml or wide (default: the argo get tree).")
  String output;

  @Option(names = "--no-utf8", description = "ASCII tree and phase words instead of icons.")
  boolean noUtf8;

  @Mixin ConnectionOptions connection;

  private final Console console;

  GetCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Output out = new Output(output, !noUtf8).only("json", "yaml", "wide");
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      RunRecord record = new RunRecords(temporal.client()).read(name);
      if (record.notice() != null) {
        console.err().println("targo: " + record.notice());
      }
      console.out().print(out.render(record));
      return ExitCodes.OK;
    }
  }
}
