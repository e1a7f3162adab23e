package dev.targo.cli.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.targo.api.Names;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * Answers a workflow's {@code status} query in this process, when no worker does: its history is
 * fetched and replayed with targo's workflow code, exactly as a worker replays it after a restart,
 * and the query is then asked of the replayed workflow.
 *
 * <p>Why replay rather than reading the status off the history's events: the status is what the
 * workflow code computes, and that code is the one place that knows how events become nodes (names,
 * phases, backoff messages, kept and dropped attempts, child placeholders). Rebuilding it from
 * events a second time would be a second implementation that drifts from the first with every
 * change of the workflow; replaying follows it by construction, and a history that the client's
 * code cannot replay (a worker of another version) fails loudly instead of being misread.
 *
 * <p>The Temporal SDK replays histories publicly ({@link Worker#replayWorkflowExecution}), but
 * answers only its own replay-only query there; the query with a type of one's choosing is the
 * method the SDK calls for it ({@code SyncWorkflowWorker.queryWorkflowExecution}), reached through
 * the worker's package-private field. The SDK version is pinned, and {@code HistoryReplayTest}
 * fails if an upgrade moves it. The worker is never started: it polls nothing and runs no activity.
 */
final class HistoryReplay implements AutoCloseable {

  /** Never polled: the replaying worker only needs a name. */
  private static final String TASK_QUEUE = "targo-client-replay";

  /**
   * A replay is one long workflow task; the SDK calls a workflow thread that does not yield for 1 s
   * a deadlock, which a long history on a busy machine can reach.
   */
  private static final long DEADLOCK_TIMEOUT_MILLIS = 60_000;

  private final WorkflowClient client;
  private WorkerFactory factory;
  private Object syncWorker;
  private Method query;

  HistoryReplay(WorkflowClient client) {
    this.client = client;
  }

  /** The status of workflow {@code id}'s current run, as its code computes it from its history. */
  WorkflowStatus status(String id) throws ReplayFailed {
    WorkflowExecutionHistory history;
    try {
      history = client.fetchHistory(id);
    } catch (RuntimeException e) {
      throw new ReplayFailed("its history could not be read: " + e.getMessage(), e);
    }
    Logger sdk = (Logger) LoggerFactory.getLogger("io.temporal");
    Level level = sdk.getLevel();
    // A replay that fails is reported in one line below; the SDK's own warning and stack trace
    // about it would say the same at length.
    sdk.setLevel(Level.OFF);
    try {
      return (WorkflowStatus)
          query()
              .invoke(
                  syncWorker,
                  history,
                  Names.QUERY_STATUS,
                  WorkflowStatus.class,
                  WorkflowStatus.class,
                  new Object[0]);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ReplayFailed(firstLine(cause), cause);
    } catch (ReflectiveOperationException e) {
      throw new ReplayFailed("this Temporal SDK cannot replay here: " + e, e);
    } finally {
      sdk.setLevel(level);
    }
  }

  /** The SDK's query-on-replay method, bound to a worker with targo's workflows. */
  private Method query() throws ReflectiveOperationException {
    if (query == null) {
      factory = WorkerFactory.newInstance(client);
      Worker worker =
          factory.newWorker(
              TASK_QUEUE,
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(DEADLOCK_TIMEOUT_MILLIS)
                  .build());
      TargoWorker.registerWorkflows(worker, WorkerSettings.fromEnvironment());
      Field field = Worker.class.getDeclaredField("workflowWorker");
      field.setAccessible(true);
      syncWorker = field.get(worker);
      query =
          Arrays.stream(syncWorker.getClass().getMethods())
              .filter(m -> m.getName().equals("queryWorkflowExecution"))
              .filter(m -> m.getParameterCount() == 5)
              .filter(m -> m.getParameterTypes()[1] == String.class)
              .filter(m -> m.getParameterTypes()[3] == Type.class)
              .findFirst()
              .orElseThrow(
                  () -> new NoSuchMethodException("SyncWorkflowWorker.queryWorkflowExecution"));
    }
    return query;
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    if (factory != null) {
      factory.shutdownNow();
    }
  }

  /** The history could not be replayed here; the message says why, in one line. */
  static final class ReplayFailed extends Exception {
    private static final long serialVersionUID = 1L;

    ReplayFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
