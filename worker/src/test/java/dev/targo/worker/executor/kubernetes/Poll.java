package dev.targo.worker.executor.kubernetes;

import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, failing after 10 seconds. */
final class Poll {
  private Poll() {}

  static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
