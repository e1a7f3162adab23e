package dev.targo.worker.support;

import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.testing.TestWorkflowEnvironment;
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
  private CloseAll open = new CloseAll();

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

  /**
   * A harness running {@code executor} on the workflow's own task queue and each of {@code
   * clusters}' executors on that cluster's task queue (targo's clusters).
   */
  public Harness startWithClusters(
      ScriptedExecutor executor, java.util.Map<String, ScriptedExecutor> clusters) {
    return closeAfter(new Harness(executor, clusters));
  }

  /** A harness running {@code executor} in real time (no time skipping; {@link Harness}). */
  public Harness startInRealTime(ScriptedExecutor executor) {
    return closeAfter(
        new Harness(
            env -> {
              executor.useClock(env::currentTimeMillis);
              return executor;
            },
            WorkerSettings.defaults(null),
            false));
  }

  /** Closes {@code resource} after the test as well, before what was opened earlier. */
  public <T extends AutoCloseable> T closeAfter(T resource) {
    return open.add(resource);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    CloseAll closing = open;
    open = new CloseAll();
    closing.close();
  }
}
