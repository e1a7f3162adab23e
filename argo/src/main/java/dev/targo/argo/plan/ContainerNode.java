package dev.targo.argo.plan;

import java.util.List;

/**
 * One container of an Argo {@code containerSet} (Argo's {@code ContainerNode}): a Kubernetes
 * container with its name, and the containers of the same set that must have ended successfully
 * before its command starts.
 *
 * @param name {@code name}: unique in its set, the container's name in the pod
 * @param container its container fields (without the set's {@code volumeMounts})
 * @param dependencies {@code dependencies}: names of containers of the same set
 */
public record ContainerNode(String name, ContainerSpec container, List<String> dependencies) {

  public ContainerNode {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
  }

  /** The same container with other container fields. */
  public ContainerNode withContainer(ContainerSpec next) {
    return new ContainerNode(name, next, dependencies);
  }
}
