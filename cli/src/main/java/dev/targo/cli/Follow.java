package dev.targo.cli;

import dev.targo.argo.status.NodePhase;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.logs.PodLogPrinter;
import dev.targo.cli.render.EventLog;
import java.time.Duration;

/**
 * Follows a workflow until it ends, as {@code argo watch} does: on a terminal the tree is redrawn
 * in place; elsewhere (CI logs, pipes) one line per change goes to standard error. The final state
 * is printed once, in the chosen output format.
 */
final class Follow {
  private Follow() {}

  /** How often the status is read; the {@code status} query is cheap. */
  static final Duration INTERVAL = Duration.ofMillis(500);

  /**
   * Follows {@code name} to its end; exit code 0 when it Succeeded, 1 otherwise. Without {@code
   * progress} ({@code --wait}) only the final state is printed.
   */
  static int follow(
      Console console, RunRecords reader, String name, Output output, boolean progress)
      throws InterruptedException {
    return follow(console, reader, name, output, progress, null);
  }

  /**
   * The same, handing every state read to {@code logs} first (for {@code submit --log}): the pod
   * logs then go to standard output as they come, so the tree is never redrawn over them.
   */
  static int follow(
      Console console,
      RunRecords reader,
      String name,
      Output output,
      boolean progress,
      PodLogPrinter logs)
      throws InterruptedException {
    boolean redraw = progress && logs == null && console.terminal() && output.tree();
    EventLog events =
        new EventLog(
            progress ? console.err() : new java.io.PrintWriter(java.io.Writer.nullWriter()));
    RunRecord record = reader.read(name);
    String notice = null;
    while (record.running()) {
      notice = notice(console, record, notice);
      if (logs != null) {
        logs.update(record);
      }
      if (redraw) {
        console.out().print("\033[H\033[2J");
        console.out().print(output.render(record));
        console.out().flush();
      } else {
        events.update(record.status());
      }
      Thread.sleep(INTERVAL.toMillis());
      record = reader.read(name);
    }
    if (logs != null) {
      logs.update(record);
    }
    if (!redraw) {
      events.update(record.status());
    } else {
      console.out().print("\033[H\033[2J");
    }
    console.out().print(output.render(record));
    console.out().flush();
    return exitCode(record);
  }

  /**
   * Prints the record's notice (no worker answered) when it is new, and returns it: a watch says
   * once that its statuses are rebuilt from the history, not every half second.
   */
  static String notice(Console console, RunRecord record, String last) {
    if (record.notice() != null && !record.notice().equals(last)) {
      console.err().println("targo: " + record.notice());
      console.err().flush();
    }
    return record.notice();
  }

  /** Exit code of a finished workflow: 0 Succeeded, 1 Failed or Error. */
  static int exitCode(RunRecord record) {
    return record.status().phase() == NodePhase.Succeeded
        ? ExitCodes.OK
        : ExitCodes.WORKFLOW_FAILED;
  }
}
