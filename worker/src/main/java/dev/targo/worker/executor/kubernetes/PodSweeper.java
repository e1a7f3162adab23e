package dev.targo.worker.executor.kubernetes;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.LeftoverPods;
import dev.targo.argo.pod.LeftoverPods.WorkflowState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes pods whose workflow will never delete them (docs/DESIGN.md §8 "a sweeper removes pods
 * whose workflow is gone"): every so often it lists the pods with targo's managed-by label in the
 * executor's namespaces, groups them by their workflow label, looks each workflow up, and deletes
 * the pods of those {@link LeftoverPods#delete} says go; the same for the persistent volume claims
 * made from {@code volumeClaimTemplates} ({@link LeftoverPods#deleteClaims}) and the workflow's
 * {@code podDisruptionBudget} ({@link LeftoverPods#deleteBudget}), and the owner anchor of its
 * {@code setOwnerReference} objects once its record is gone ({@link
 * LeftoverPods#deleteOwnerAnchor}; Kubernetes' garbage collector then deletes what the anchor
 * owns). Several workers may sweep at once: a pod or claim already gone is no error.
 */
public final class PodSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodSweeper.class);

  /**
   * What one sweep did.
   *
   * @param workflows workflows with pods looked up
   * @param deleted pods deleted
   */
  public record Sweep(int workflows, int deleted) {}

  private final KubernetesExecutor pods;
  private final LeftoverPods.WorkflowStates states;
  private final IntConsumer onDeleted;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "targo-pod-sweeper");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param onDeleted told how many pods each deletion removed (for the worker's metrics)
   */
  public PodSweeper(
      KubernetesExecutor pods, LeftoverPods.WorkflowStates states, IntConsumer onDeleted) {
    this.pods = pods;
    this.states = states;
    this.onDeleted = onDeleted;
  }

  /** Sweeps every {@code interval}, the first time one interval from now. */
  public void start(Duration interval) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** One sweep over every namespace. */
  public Sweep sweepOnce() throws InterruptedException {
    int workflows = 0;
    int deleted = 0;
    for (String namespace : pods.namespaces()) {
      // The workflow's other objects first: a pod deleted last is not recreated in between by an
      // attempt that has yet to learn that its workflow was terminated.
      sweep(WorkflowObjects.Kind.CLAIM, namespace);
      sweep(WorkflowObjects.Kind.BUDGET, namespace);
      sweep(WorkflowObjects.Kind.OWNER, namespace);
      deleted += deleteDue(namespace);
      for (Map.Entry<String, List<String>> e : pods.managedPods(namespace).entrySet()) {
        workflows++;
        WorkflowState state = stateOf(e.getKey());
        if (!LeftoverPods.delete(state)) {
          continue;
        }
        try {
          pods.delete(new PodDeletion(namespace, e.getValue(), null));
          deleted += e.getValue().size();
          onDeleted.accept(e.getValue().size());
          LOG.info(
              "Deleted {} leftover pod(s) of workflow {} ({}) in namespace {}: {}",
              e.getValue().size(),
              e.getKey(),
              state,
              namespace,
              e.getValue());
        } catch (RuntimeException ex) {
          LOG.warn("Could not delete the leftover pods of workflow {}", e.getKey(), ex);
        }
      }
    }
    return new Sweep(workflows, deleted);
  }

  /**
   * Deletes the workflow objects of {@code kind} (volume claims, disruption budgets, owner anchors)
   * of the workflows {@link LeftoverPods} says are done with them.
   */
  private void sweep(WorkflowObjects.Kind kind, String namespace) throws InterruptedException {
    WorkflowObjects objects = pods.workflowObjects();
    Map<String, List<String>> byWorkflow;
    try {
      byWorkflow = objects.managed(kind, namespace);
    } catch (RuntimeException e) {
      if (kind == WorkflowObjects.Kind.OWNER
          && e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
          && k.getCode() == 403) {
        // A worker not granted ConfigMaps runs no setOwnerReference, so it has no anchors.
        LOG.debug("Cannot list the owner anchors of namespace {}: {}", namespace, e.getMessage());
        return;
      }
      // Without the right to list them (deploy/rbac.yaml grants it) the pods are still swept.
      LOG.warn("Cannot list the {}s of namespace {}", kind.what, namespace, e);
      return;
    }
    for (Map.Entry<String, List<String>> e : byWorkflow.entrySet()) {
      WorkflowState state = stateOf(e.getKey());
      boolean done =
          switch (kind) {
            case CLAIM -> LeftoverPods.deleteClaims(state);
            case BUDGET -> LeftoverPods.deleteBudget(state);
            case OWNER -> LeftoverPods.deleteOwnerAnchor(state);
          };
      if (!done) {
        continue;
      }
      try {
        objects.delete(kind, namespace, e.getValue());
        LOG.info(
            "Deleted the {}(s) of workflow {} ({}) in namespace {}: {}",
            kind.what,
            e.getKey(),
            state,
            namespace,
            e.getValue());
      } catch (RuntimeException ex) {
        LOG.warn("Could not delete the {}s of workflow {}", kind.what, e.getKey(), ex);
      }
    }
  }

  /** Deletes the pods whose {@code deleteDelayDuration} has passed (after a restart, say). */
  private int deleteDue(String namespace) throws InterruptedException {
    try {
      int due = pods.podGcDeletions().deleteDue(namespace);
      if (due > 0) {
        onDeleted.accept(due);
        LOG.info("Deleted {} pod(s) after their podGC delay in namespace {}", due, namespace);
      }
      return due;
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the pods past their podGC delay in namespace {}", namespace, e);
      return 0;
    }
  }

  private WorkflowState stateOf(String workflowId) {
    try {
      return states.of(workflowId);
    } catch (RuntimeException e) {
      LOG.warn("Cannot look up workflow {}; its pods stay for now", workflowId, e);
      return WorkflowState.UNKNOWN;
    }
  }

  private void sweepLogged() {
    try {
      sweepOnce();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next sweep tries again; a failing one must not end the schedule.
      LOG.warn("Pod sweep failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
