package dev.targo.worker.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resources a test opened, closed together in reverse order of opening; every one is closed even
 * when another fails, and the first failure is thrown with the others suppressed.
 */
public final class CloseAll implements AutoCloseable {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** Closes {@code resource} with the others, before those opened earlier. */
  public <T extends AutoCloseable> T add(T resource) {
    open.push(resource);
    return resource;
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
