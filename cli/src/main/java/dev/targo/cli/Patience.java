package dev.targo.cli;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A long-lived process's first connection to Temporal: a server that is restarting, or whose
 * database is still coming up, is tried again for a while rather than ending the process at once (a
 * worker started by the same rolling restart as its server would otherwise stay down where nothing
 * restarts it). Any other error, and the last unreachable one once the wait is over, is thrown as
 * it came.
 */
final class Patience {
  private Patience() {}

  /**
   * {@code open}'s connection, tried again every {@code every} while it throws an {@link
   * ExitCodes#UNREACHABLE} error and {@code wait} has not passed; {@code say} gets one line when
   * the first try fails.
   */
  static <T> T open(Supplier<T> open, Duration wait, Duration every, Consumer<String> say) {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean said = false;
    while (true) {
      try {
        return open.get();
      } catch (UserError e) {
        if (e.exitCode() != ExitCodes.UNREACHABLE || System.nanoTime() - deadline >= 0) {
          throw e;
        }
        if (!said) {
          say.accept(e.getMessage() + "; trying again for up to " + wait.toSeconds() + " s");
          said = true;
        }
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError(ExitCodes.UNREACHABLE, "interrupted while waiting for Temporal");
      }
    }
  }
}
