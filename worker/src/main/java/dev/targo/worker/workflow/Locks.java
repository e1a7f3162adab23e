package dev.targo.worker.workflow;

import dev.targo.api.temporal.LockActivities;
import dev.targo.api.temporal.LockRequest;
import dev.targo.argo.plan.SyncLock;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The side of a workflow that holds locks of Argo's {@code synchronization} ({@link
 * LockWorkflowImpl}): asks for each lock, waits for the grant signal, gives the locks back. Locks
 * are taken in the order of their keys, so two workflows that need the same two locks cannot each
 * hold one and wait for the other. Workflow-thread state.
 */
final class Locks {
  private final Set<String> granted = new HashSet<>();
  private final LockActivities activities = activities();

  /**
   * The lock activities' stub: short calls, retried for ever (a lock's signals and a limit's read
   * are infrastructure, never a reason to fail a node).
   */
  static LockActivities activities() {
    return Workflow.newActivityStub(
        LockActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build());
  }

  /**
   * What {@link #acquire} got for {@code holder}: the keys held, or why a lock could not be asked
   * for.
   */
  record Held(String holder, List<String> keys, String problem) {}

  /** The grant signal's handler. */
  void granted(String key) {
    granted.add(key);
  }

  /**
   * Takes {@code locks} for {@code holder}, the workflow {@code requester} receiving the grants.
   * {@code waiting} is told Argo's message for each lock it waits for; a true {@code giveUp} (a
   * shutdown) withdraws the request and stops. Returns the keys taken (all of them unless it gave
   * up or a semaphore's limit is not configured, then with the reason).
   */
  Held acquire(
      List<SyncLock> locks,
      String namespace,
      String holder,
      String requester,
      Consumer<String> waiting,
      BooleanSupplier giveUp) {
    List<SyncLock> ordered = new ArrayList<>(locks);
    ordered.sort(Comparator.comparing(l -> l.key(namespace)));
    List<String> held = new ArrayList<>();
    for (SyncLock lock : ordered) {
      String key = lock.key(namespace);
      int limit = 1;
      if (lock.semaphore()) {
        Integer configured = activities.semaphoreLimit(namespace, lock.limitRef());
        if (configured == null) {
          return new Held(
              holder,
              held,
              "failed to get the limit of semaphore "
                  + key
                  + ": "
                  + (lock.database()
                      ? "no limit is configured for database semaphore " + lock.name()
                      : "no ConfigMap "
                          + lock.configMapName()
                          + " in namespace "
                          + namespace
                          + " with a key "
                          + lock.configMapKey()
                          + " holding a whole number of at least 1"));
        }
        limit = configured;
      }
      held.add(key);
      if (!acquire(key, limit, holder, requester, waiting, giveUp)) {
        release(held, holder);
        return new Held(holder, List.of(), null);
      }
    }
    return new Held(holder, held, null);
  }

  /**
   * Takes lock {@code key} of {@code limit} for {@code holder}; false when {@code giveUp} came
   * first (the request stays until {@link #release} withdraws it).
   */
  boolean acquire(
      String key,
      int limit,
      String holder,
      String requester,
      Consumer<String> waiting,
      BooleanSupplier giveUp) {
    activities.request(key, new LockRequest(holder, requester, limit));
    if (!granted.contains(key)) {
      // Argo adds "Lock status: <holders>/<limit>"; the asking side does not know the holders.
      waiting.accept("Waiting for " + key + " lock (at most " + limit + " at once)");
      Workflow.await(() -> granted.contains(key) || giveUp.getAsBoolean());
    }
    return granted.contains(key);
  }

  /** Gives back what {@code held} holds. */
  void release(Held held) {
    release(held.keys(), held.holder());
  }

  /** Gives {@code keys} back for {@code holder}. */
  void release(List<String> keys, String holder) {
    for (String key : keys) {
      activities.release(key, holder);
      granted.remove(key);
    }
  }
}
