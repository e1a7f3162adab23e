package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One lock of Argo's {@code synchronization} (a mutex, or a semaphore of some limit) shared by
 * every workflow of a Temporal namespace, as a workflow of its own (id {@link
 * Names#LOCK_WORKFLOW_ID_PREFIX} + key). It grants the lock first come first served, signalling
 * {@link Names#SIGNAL_LOCK_GRANTED} to the asking workflow, and ends once nobody holds it or waits.
 */
@WorkflowInterface
public interface LockWorkflow {

  @WorkflowMethod(name = Names.LOCK_WORKFLOW_TYPE)
  void run(LockState state);

  @SignalMethod(name = Names.SIGNAL_LOCK_REQUEST)
  void request(LockRequest request);

  @SignalMethod(name = Names.SIGNAL_LOCK_RELEASE)
  void release(String holder);

  @QueryMethod(name = Names.QUERY_STATUS)
  LockState state();
}
