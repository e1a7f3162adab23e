package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import java.util.List;

/** Reads a pod's fabric8 node affinity back into the plan's records, for the test scheduler. */
final class PlanAffinity {
  private PlanAffinity() {}

  static Affinity of(io.fabric8.kubernetes.api.model.Affinity affinity) {
    if (affinity == null
        || affinity.getNodeAffinity() == null
        || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return null;
    }
    List<NodeSelectorTerm> terms =
        affinity
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .stream()
            .map(
                t ->
                    new NodeSelectorTerm(
                        t.getMatchExpressions().stream().map(PlanAffinity::req).toList(),
                        t.getMatchFields().stream().map(PlanAffinity::req).toList()))
            .toList();
    return new Affinity(
        new Affinity.NodeAffinity(new Affinity.NodeSelector(terms), null), null, null);
  }

  private static NodeSelectorRequirement req(
      io.fabric8.kubernetes.api.model.NodeSelectorRequirement r) {
    return new NodeSelectorRequirement(r.getKey(), r.getOperator(), r.getValues());
  }
}
