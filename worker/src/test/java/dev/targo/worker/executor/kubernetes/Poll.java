package dev.targo.worker.executor.kubernetes;

import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true, failing after a time limit (10 s unless
 * told).
 */
final class Poll {
  private Poll() {}

  static void until(BooleanSupplier condition) throws InterruptedException {
    until(condition, 10);
  }

  static void until(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      Thread.sleep(10);
    }
  }
}
