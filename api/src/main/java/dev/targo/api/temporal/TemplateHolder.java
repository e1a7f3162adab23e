package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The Temporal workflow that keeps one Argo {@code WorkflowTemplate} or {@code
 * ClusterWorkflowTemplate} in targo's template store. It does nothing but stay open: the template
 * is its memo, its workflow id is the template's name ({@link Names#TEMPLATE_ID_PREFIX}), and
 * deleting the template terminates it.
 */
@WorkflowInterface
public interface TemplateHolder {

  /** Holds the template until the workflow is terminated. */
  @WorkflowMethod(name = Names.TEMPLATE_WORKFLOW_TYPE)
  void hold();
}
