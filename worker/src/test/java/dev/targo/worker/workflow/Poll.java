package dev.targo.worker.workflow;

import java.util.function.BooleanSupplier;

/** Waits in real time for a condition that a running workflow will make true. */
final class Poll {
  private Poll() {}

  static void until(BooleanSupplier condition) {
    long end = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 20 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
