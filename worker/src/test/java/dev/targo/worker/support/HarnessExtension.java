package dev.targo.worker.support;

import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link Harness}es for a test and closes them after it, so that workflow tests hold no
 * set-up or tear-down of their own (as Temporal's {@code TestWorkflowExtension} does, with targo's
 * worker wiring). Register it as a field: {@code @RegisterExtension final HarnessExtension
 * harnesses = new HarnessExtension();}.
 */
public final class HarnessExtension implements AfterEachCallback {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** A harness running {@code executor} with the default worker settings. */
  public Harness start(ScriptedExecutor executor) {
    return closeAfter(new Harness(executor));
  }

  /** A harness running {@code executor} with {@code settings}. */
  public Harness start(ScriptedExecutor executor, WorkerSettings settings) {
    return closeAfter(new Harness(executor, settings));
  }

  /** A harness whose executor is made for its environment (to share its clock, for instance). */
  public Harness start(
      Function<TestWorkflowEnvironment, PodExecutor> executorFor, WorkerSettings settings) {
    return closeAfter(new Harness(executorFor, settings));
  }

  /** Closes {@code resource} after the test as well, before what was opened earlier. */
  public <T extends AutoCloseable> T closeAfter(T resource) {
    open.push(resource);
    return resource;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
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
