package dev.targo.bench.fake;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.bench.Timeline;
import dev.targo.worker.executor.PodExecutor;

/**
 * Records on a {@link Timeline} when each attempt's {@code run} was entered and left, keyed by the
 * workflow, around any executor (fake, local, kubernetes).
 */
public final class TimedExecutor implements PodExecutor {
  private final PodExecutor delegate;
  private final Timeline timeline;

  public TimedExecutor(PodExecutor delegate, Timeline timeline) {
    this.delegate = delegate;
    this.timeline = timeline;
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    String key = key(request);
    timeline.started(key, request.attempt(), Timeline.nowMicros());
    try {
      return delegate.run(request, heartbeat);
    } finally {
      timeline.ended(key, request.attempt(), Timeline.nowMicros());
    }
  }

  /** The retried node an attempt belongs to: its workflow and its node name without {@code (n)}. */
  public static String key(PodRequest request) {
    return request.workflowName() + "/" + request.nodeName().replaceFirst("\\(\\d+\\)$", "");
  }

  @Override
  public void delete(PodDeletion deletion) throws Exception {
    delegate.delete(deletion);
  }

  @Override
  public String defaultNamespace() {
    return delegate.defaultNamespace();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
