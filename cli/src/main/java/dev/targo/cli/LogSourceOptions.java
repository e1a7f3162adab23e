package dev.targo.cli;

import dev.targo.cli.run.PodLogs;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code targo logs} and {@code targo submit --log} read pod logs from. */
final class LogSourceOptions {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "State directory of the local executor (default: TARGO_STATE_DIR, else"
              + " $XDG_STATE_HOME/targo/pods).")
  Path stateDir;

  PodLogs localLogs() {
    return new PodLogs(stateDir != null ? stateDir : PodLogs.defaultStateDir());
  }
}
