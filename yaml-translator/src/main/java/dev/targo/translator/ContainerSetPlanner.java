package dev.targo.translator;

import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSetRetry;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.ContainerSets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A raw {@code containerSet} to its plan body, checked as Argo's {@code
 * ContainerSetTemplate.Validate} and {@code validateLeaf} check it: at least one container, names
 * valid and unique and none of Argo's own ({@code wait}, …), no mount path twice, dependencies that
 * name containers of the set and form no cycle, a container named {@code main} when the template
 * has input artifacts or outputs; and, at lint time, the {@code retryStrategy} Argo's emissary
 * would only read in the pod.
 */
final class ContainerSetPlanner {
  /** Argo's auxiliary containers ({@code common.IsArgoSidecar}). */
  private static final Set<String> RESERVED = Set.of("wait", "supervisor");

  private static final String PLUGIN_PREFIX = "artifact-plugin-";

  private final Problems problems;

  ContainerSetPlanner(Problems problems) {
    this.problems = problems;
  }

  TemplateBody.ContainerSetBody plan(Raw.ContainerSet set, Raw.Template template) {
    if (set.containers().isEmpty()) {
      problems.add(
          set.containersPos(),
          Code.MISSING_FIELD,
          "a containerSet needs at least one container in `containers`");
    }
    Map<String, Raw.SetContainer> byName = new LinkedHashMap<>();
    for (Raw.SetContainer c : set.containers()) {
      if (c.name() == null || c.name().value().isEmpty()) {
        problems.add(c.pos(), Code.MISSING_FIELD, "a container of a containerSet needs a `name`");
        continue;
      }
      String name = c.name().value();
      String invalid = KubeNames.containerName(name);
      if (invalid != null) {
        problems.add(c.name().pos(), Code.INVALID_VALUE, invalid);
      } else if (RESERVED.contains(name) || name.startsWith(PLUGIN_PREFIX)) {
        problems.add(
            c.name().pos(),
            Code.INVALID_VALUE,
            "`" + name + "` is a reserved Argo container name; name the container otherwise");
      }
      if (byName.putIfAbsent(name, c) != null) {
        problems.add(
            c.name().pos(),
            Code.DUPLICATE_NAME,
            "container name `" + name + "` is already used by an earlier container of this set");
      }
    }
    checkMountPaths(set);
    for (Raw.SetContainer c : set.containers()) {
      for (Str dependency : c.dependencies()) {
        if (!byName.containsKey(dependency.value())) {
          problems.add(
              dependency.pos(),
              Code.UNKNOWN_TASK,
              "container `"
                  + dependency.value()
                  + "` does not exist in this containerSet"
                  + Suggest.didYouMean(dependency.value(), byName.keySet()));
        }
      }
    }
    Map<String, Pos> positions = new LinkedHashMap<>();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    byName.forEach(
        (name, c) -> {
          positions.put(name, c.name().pos());
          edges.put(name, c.dependencies().stream().map(Str::value).toList());
        });
    new Cycles(problems, "containers").check(positions, edges);
    boolean io =
        !template.inputArtifacts().isEmpty()
            || !template.outputs().isEmpty()
            || !template.outputArtifacts().isEmpty();
    if (io && !set.containers().isEmpty() && !byName.containsKey(TemplateBody.MAIN)) {
      problems.add(
          set.containersPos(),
          Code.MISSING_FIELD,
          "a containerSet with input artifacts or outputs needs a container named `main`: Argo"
              + " loads inputs into it and saves outputs from it");
    }
    ContainerSetRetry retry = retry(set.retry());
    List<ContainerNode> containers = new ArrayList<>();
    for (Raw.SetContainer c : set.containers()) {
      if (c.name() != null) {
        containers.add(
            new ContainerNode(
                c.name().value(),
                c.container(),
                c.dependencies().stream().map(Str::value).toList()));
      }
    }
    return new TemplateBody.ContainerSetBody(containers, set.volumeMounts(), retry);
  }

  /** Argo: {@code volumeMounts[i].mountPath '/x' already mounted in volumeMounts.<name>}. */
  private void checkMountPaths(Raw.ContainerSet set) {
    Set<String> seen = new HashSet<>();
    for (Str path : set.mountPaths()) {
      if (!seen.add(path.value())) {
        problems.add(
            path.pos(),
            Code.INVALID_VALUE,
            "`containerSet.volumeMounts` mounts `" + path.value() + "` twice");
      }
    }
  }

  /**
   * {@code retryStrategy}: a literal {@code retries} must be a whole number of 0 or more (Argo's
   * emissary reads anything else as 0 and would then run nothing), a literal {@code duration} a Go
   * duration (the emissary fails on anything else).
   */
  private ContainerSetRetry retry(Raw.SetRetry raw) {
    if (raw == null) {
      return null;
    }
    Str retries = raw.retries();
    Str duration = raw.duration();
    if (retries != null && !retries.templated()) {
      try {
        ContainerSets.retry(new ContainerSetRetry(retries.value(), null));
      } catch (IllegalArgumentException e) {
        problems.add(
            retries.pos(),
            Code.INVALID_VALUE,
            "`containerSet.retryStrategy.retries` must be a whole number of 0 or more, not `"
                + retries.value()
                + "`");
      }
    }
    if (duration != null && !duration.templated() && !duration.value().isEmpty()) {
      try {
        ContainerSets.retry(new ContainerSetRetry("1", duration.value()));
      } catch (IllegalArgumentException e) {
        problems.add(
            duration.pos(),
            Code.INVALID_VALUE,
            "`containerSet.retryStrategy.duration`: " + e.getMessage());
      }
    }
    return new ContainerSetRetry(
        retries == null ? null : retries.value(), duration == null ? null : duration.value());
  }
}
