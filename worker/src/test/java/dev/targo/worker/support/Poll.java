package dev.targo.worker.support;

import java.util.function.BooleanSupplier;

/** Waits in real time for a condition that another thread or a running workflow makes true. */
public final class Poll {
  private Poll() {}

  /** Waits up to 20 s. */
  public static void until(BooleanSupplier condition) {
    until(condition, 20);
  }

  /** Waits up to {@code seconds}, then fails the test. */
  public static void until(BooleanSupplier condition, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
