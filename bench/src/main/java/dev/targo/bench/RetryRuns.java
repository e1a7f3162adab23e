package dev.targo.bench;

import dev.targo.argo.plan.WorkflowPlan;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Many workflows whose single pod node is retried, started together on one worker, and the same
 * attempts through the native-retry baseline. Keys are what {@link Timeline} files attempts under.
 */
public final class RetryRuns {
  private RetryRuns() {}

  /** What one batch ran: its workflow ids, timeline keys, and how long it took (ms). */
  public record Batch(List<String> ids, List<String> keys, double wallMillis) {}

  /**
   * A workflow whose entrypoint is retried {@code retries} times (so {@code retries + 1} attempts)
   * with {@code backoff} between attempts (null: none), running {@code sh -c "exit 1"}.
   */
  public static String yaml(int retries, String backoff) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: bench-
        spec:
          entrypoint: attempt
          templates:
          - name: attempt
            retryStrategy:
              limit: "%d"
        %s    container:
              image: alpine:3.20
              command: [sh, -c, "exit 1"]
        """
        .formatted(
            retries,
            backoff == null
                ? ""
                : "      backoff:\n        duration: \"" + backoff + "\"\n        factor: 1\n");
  }

  /**
   * Starts {@code workflows} workflows of {@code yaml} named {@code prefix-i} and waits for all.
   */
  public static Batch targo(
      Bench bench,
      BenchWorker worker,
      String prefix,
      int workflows,
      String yaml,
      long timeoutSeconds)
      throws TimeoutException {
    WorkflowPlan plan = Runs.plan(prefix, yaml);
    List<String> ids = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<WorkflowStub> stubs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < workflows; i++) {
      String id = prefix + "-" + i;
      ids.add(id);
      keys.add(id + "/" + id);
      stubs.add(Runs.start(worker, plan, id, yaml));
    }
    Runs.awaitAll(stubs, timeoutSeconds);
    return new Batch(ids, keys, (System.nanoTime() - t0) / 1e6);
  }

  /** The same attempts through targo and through the native baseline. */
  public record SideBySide(Batch targo, Batch nativeRetries) {}

  /**
   * {@code workflows} × {@code attempts} failing attempts without backoff through targo, then the
   * same through the native baseline on the same worker; prints how long each took.
   */
  public static SideBySide sideBySide(
      Bench bench, BenchWorker worker, String scenario, String prefix, int workflows, int attempts)
      throws TimeoutException {
    Batch targo = targo(bench, worker, prefix + "-targo", workflows, yaml(attempts - 1, null), 900);
    Batch nat = nativeRetries(worker, prefix + "-native", workflows, attempts, 900);
    bench.progress(
        scenario
            + ": targo "
            + Math.round(targo.wallMillis())
            + " ms, native "
            + Math.round(nat.wallMillis())
            + " ms for "
            + workflows * attempts
            + " attempts each");
    return new SideBySide(targo, nat);
  }

  /** The same count of workflows and attempts through Temporal's native activity retries. */
  public static Batch nativeRetries(
      BenchWorker worker, String prefix, int workflows, int attempts, long timeoutSeconds)
      throws TimeoutException {
    List<String> ids = new ArrayList<>();
    List<WorkflowStub> stubs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < workflows; i++) {
      String id = prefix + "-" + i;
      ids.add(id);
      stubs.add(Runs.startNative(worker, id, attempts));
    }
    Runs.awaitAll(stubs, timeoutSeconds);
    return new Batch(ids, ids, (System.nanoTime() - t0) / 1e6);
  }
}
