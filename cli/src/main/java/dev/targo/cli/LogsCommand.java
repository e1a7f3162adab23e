package dev.targo.cli;

import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.logs.LogSourceOptions;
import dev.targo.cli.logs.PodLogPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo logs NAME [POD]}: the logs of a workflow's pods, each line prefixed by its pod name
 * as {@code argo logs} does. The pods are those of the workflow's status; their logs are read where
 * the executor keeps them (see {@link PodLogPrinter}): the {@code local} executor's state directory
 * (shared by a worker and a client on the same machine), or the Kubernetes pod log API.
 */
@Command(name = "logs", description = "Print the logs of a workflow's pods.")
final class LogsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "POD",
      description = "Only this pod (pod name or node name, e.g. wf(1)).")
  String pod;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing logs as pods run and end, until the workflow ends.")
  boolean follow;

  @Mixin LogSourceOptions source;

  @Mixin ConnectionOptions connection;

  private final Console console;

  LogsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    try (TemporalConnection temporal = TemporalConnection.open(connection);
        PodLogPrinter printer =
            new PodLogPrinter(console, source.sources(temporal.client()), pod, follow)) {
      RunRecords reader = new RunRecords(temporal.client());
      String notice = null;
      while (true) {
        RunRecord record = reader.read(name);
        notice = Follow.notice(console, record, notice);
        printer.update(record);
        if (!follow || !record.running()) {
          return ExitCodes.OK;
        }
        Thread.sleep(Follow.INTERVAL.toMillis());
      }
    }
  }
}
