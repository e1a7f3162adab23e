package dev.targo.worker.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When {@code targo worker} should stop: on SIGTERM/SIGINT (a JVM shutdown hook, installed only
 * once the worker runs, which then holds the JVM until the worker has stopped), or when a test says
 * so.
 */
public final class ShutdownSignal {
  /** The longest the JVM waits for a stopping worker after SIGTERM. */
  public static final long MAX_STOP_SECONDS = 120;

  private final boolean jvmHook;
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ShutdownSignal(boolean jvmHook) {
    this.jvmHook = jvmHook;
  }

  /** Stopped by SIGTERM or SIGINT. */
  public static ShutdownSignal onSigterm() {
    return new ShutdownSignal(true);
  }

  /** Stopped by {@link #request()} only. */
  public static ShutdownSignal manual() {
    return new ShutdownSignal(false);
  }

  /** Asks the worker to stop. */
  public void request() {
    requested.countDown();
  }

  /** Blocks until the worker has stopped (or {@code seconds} passed); true if it has. */
  public boolean awaitStopped(long seconds) throws InterruptedException {
    return stopped.await(seconds, TimeUnit.SECONDS);
  }

  /** The worker is running: install the hook, if any. */
  public void arm() {
    if (jvmHook) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    request();
                    try {
                      awaitStopped(MAX_STOP_SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "targo-worker-shutdown"));
    }
  }

  public void awaitRequest() throws InterruptedException {
    requested.await();
  }

  /** The worker has stopped. */
  public void stopped() {
    stopped.countDown();
  }
}
