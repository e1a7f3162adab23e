package dev.targo.worker.executor.kubernetes;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an executor call on its own daemon thread, as an activity thread would; a call left frozen
 * by a "dead worker" heartbeat never holds up the JVM.
 */
final class Background {
  private Background() {}

  static <T> CompletableFuture<T> run(Callable<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(call.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "attempt");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
