package dev.targo.cli;

import dev.targo.cli.client.Retries;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo retry NAME}: Argo's {@code argo retry} ({@code FormulateRetryWorkflow}): the same
 * workflow runs again, keeping its Succeeded nodes with their outputs and running its failed ones
 * (and, with {@code --restart-successful}, the nodes {@code --node-field-selector} selects) again
 * ({@link Retries}, docs/DESIGN.md §22). A refusal starts nothing.
 */
@Command(
    name = "retry",
    description =
        "Run a failed workflow again, keeping its succeeded nodes and running its failed ones"
            + " (argo retry).")
final class RetryCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "The workflow to retry.")
  String name;

  @Option(
      names = {"-p", "--parameter"},
      paramLabel = "NAME=VALUE",
      description = "A workflow parameter to override, repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--restart-successful",
      description = "Also run again the succeeded nodes --node-field-selector selects.")
  boolean restartSuccessful;

  @Option(
      names = "--node-field-selector",
      paramLabel = "SELECTOR",
      description = "The nodes to restart, e.g. displayName=b or inputs.parameters.p.value=x.")
  String nodeFieldSelector;

  @Mixin ShowOptions show;

  @Mixin ConnectionOptions connection;

  private final Console console;

  RetryCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    Output out = show.format();
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      RunRecords reader = new RunRecords(temporal.client());
      Retries.retry(
          temporal.client(),
          temporal.taskQueue(),
          reader.read(name),
          new Retries.Request(name, restartSuccessful, nodeFieldSelector, parameters));
      return show.show(console, reader, name, out);
    }
  }
}
