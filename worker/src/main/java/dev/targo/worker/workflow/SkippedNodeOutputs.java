package dev.targo.worker.workflow;

import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.flow.SkippedOutputs;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The scope a Skipped or Omitted step or task leaves for the nodes after it ({@link
 * SkippedOutputs}), for runs that reach it on code that knows the change ({@link
 * ChangeIds#SKIPPED_OUTPUT_DEFAULTS}). Workflow thread.
 */
final class SkippedNodeOutputs {
  private SkippedNodeOutputs() {}

  /**
   * The declared outputs of {@code templateName} for {@code node} when it was skipped without
   * outputs; empty otherwise.
   */
  static SortedMap<String, String> of(
      RunContext ctx, String prefix, String name, String templateName, NodeResult node) {
    boolean skipped = node.phase() == NodePhase.Skipped || node.phase() == NodePhase.Omitted;
    Template template =
        skipped && node.outputs() == null ? ctx.plan().template(templateName) : null;
    if (template == null
        || template.outputs().isEmpty()
        || !ChangeIds.isOn(ChangeIds.SKIPPED_OUTPUT_DEFAULTS)) {
      return new TreeMap<>();
    }
    return SkippedOutputs.of(prefix, name, template.outputs());
  }
}
