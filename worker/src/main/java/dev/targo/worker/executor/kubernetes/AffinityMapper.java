package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeAffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodAffinity;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;

/**
 * The plan's affinity (node exclusions already merged in) as a fabric8 {@code Affinity}. The typed
 * required node selector is built field by field; the parts targo passes through unread (preferred
 * terms, pod (anti-)affinity) come from their JSON.
 */
final class AffinityMapper {
  private AffinityMapper() {}

  /** The pod's affinity, or null when the plan has none. */
  static Affinity toPod(dev.targo.argo.plan.Affinity affinity) {
    if (affinity == null) {
      return null;
    }
    return new AffinityBuilder()
        .withNodeAffinity(nodeAffinity(affinity.nodeAffinity()))
        .withPodAffinity(KubeObjects.convert(affinity.podAffinity(), PodAffinity.class))
        .withPodAntiAffinity(KubeObjects.convert(affinity.podAntiAffinity(), PodAntiAffinity.class))
        .build();
  }

  private static NodeAffinity nodeAffinity(dev.targo.argo.plan.Affinity.NodeAffinity node) {
    if (node == null) {
      return null;
    }
    NodeAffinityBuilder builder = new NodeAffinityBuilder();
    if (node.required() != null) {
      builder.withRequiredDuringSchedulingIgnoredDuringExecution(
          new NodeSelectorBuilder()
              .withNodeSelectorTerms(
                  node.required().nodeSelectorTerms().stream().map(AffinityMapper::term).toList())
              .build());
    }
    if (node.preferred() != null && node.preferred().isArray()) {
      List<PreferredSchedulingTerm> preferred = new java.util.ArrayList<>();
      node.preferred()
          .forEach(p -> preferred.add(KubeObjects.convert(p, PreferredSchedulingTerm.class)));
      builder.withPreferredDuringSchedulingIgnoredDuringExecution(preferred);
    }
    return builder.build();
  }

  private static io.fabric8.kubernetes.api.model.NodeSelectorTerm term(NodeSelectorTerm term) {
    return new NodeSelectorTermBuilder()
        .withMatchExpressions(term.matchExpressions().stream().map(AffinityMapper::req).toList())
        .withMatchFields(term.matchFields().stream().map(AffinityMapper::req).toList())
        .build();
  }

  private static io.fabric8.kubernetes.api.model.NodeSelectorRequirement req(
      NodeSelectorRequirement r) {
    return new NodeSelectorRequirementBuilder()
        .withKey(r.key())
        .withOperator(r.operator())
        .withValues(r.values())
        .build();
  }
}
