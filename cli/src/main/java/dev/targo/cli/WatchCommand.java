package dev.targo.cli;

import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code targo watch NAME}: follows a workflow until it ends, like {@code argo watch}. */
@Command(name = "watch", description = "Follow a workflow's node tree until it ends.")
final class WatchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Option(names = "--no-utf8", description = "ASCII tree and phase words instead of icons.")
  boolean noUtf8;

  @Mixin ConnectionOptions connection;

  private final Console console;

  WatchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      return Follow.follow(
          console, new RunRecords(temporal.client()), name, new Output(null, !noUtf8), true);
    }
  }
}
