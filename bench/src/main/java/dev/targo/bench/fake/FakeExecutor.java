package dev.targo.bench.fake;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.PodExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A pod executor without pods: each attempt ends at once as its script says (Failed with exit code
 * 1, or Succeeded), or is held Pending until {@link #releaseAll} or its hold time ends. A held
 * attempt parks its activity's thread, which on targo's worker is a virtual thread: it holds no
 * platform thread, as an attempt waiting for a pod through an informer does not either.
 */
public final class FakeExecutor implements PodExecutor {

  /** How an attempt ends. */
  public enum Behaviour {
    FAIL,
    SUCCEED,
    HOLD
  }

  private final Function<PodRequest, Behaviour> script;
  private final Duration hold;
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
  private volatile CountDownLatch release = new CountDownLatch(1);

  /**
   * @param hold how long a held attempt waits at most before it ends Succeeded
   */
  public FakeExecutor(Function<PodRequest, Behaviour> script, Duration hold) {
    this.script = script;
    this.hold = hold;
  }

  public static FakeExecutor of(Function<PodRequest, Behaviour> script) {
    return new FakeExecutor(script, Duration.ofMinutes(5));
  }

  /** Attempts {@code 0 … n-1} fail, later ones succeed. */
  public static FakeExecutor failingFirst(int n) {
    return of(r -> r.attempt() < n ? Behaviour.FAIL : Behaviour.SUCCEED);
  }

  /** Attempts held Pending right now. */
  public int held() {
    return held.size();
  }

  /** Ends every held attempt (Succeeded). */
  public void releaseAll() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    Instant started = Instant.now();
    Behaviour behaviour = script.apply(request);
    if (behaviour == Behaviour.HOLD) {
      heartbeat.beat(new PodProgress(request.podName(), NodePhase.Pending, null, null, null));
      CountDownLatch latch = release;
      held.put(request.podName(), latch);
      try {
        latch.await(hold.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        held.remove(request.podName());
      }
      behaviour = Behaviour.SUCCEED;
    }
    boolean failed = behaviour == Behaviour.FAIL;
    return AttemptOutcome.ofPod(
        failed ? NodePhase.Failed : NodePhase.Succeeded,
        failed ? "main: Error (exit code 1)" : null,
        failed ? 1 : 0,
        "node-1",
        started,
        Instant.now(),
        request.podName(),
        null,
        null);
  }
}
