package dev.targo.argo.pod;

import dev.targo.argo.plan.Template;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * targo's clusters extension: which cluster an attempt's pod runs in. A pod template names one
 * cluster ({@code metadata.annotations: targo.dev/cluster: gpu-east}) or an ordered failover list
 * ({@code targo.dev/clusters: "gpu-east,gpu-west"}); {@code spec.podMetadata.annotations} gives
 * every pod template that names neither a default. The attempt's pod activities go to the task
 * queue {@link #taskQueue}, which the {@code targo worker --cluster NAME} of that cluster polls.
 * Pure.
 */
public final class Clusters {
  private Clusters() {}

  /** The annotation naming the one cluster a template's pods run in. */
  public static final String CLUSTER = "targo.dev/cluster";

  /** The annotation naming a template's clusters in failover order, separated by commas. */
  public static final String CLUSTERS = "targo.dev/clusters";

  /** The problem of a template that sets both annotations. */
  public static final String BOTH =
      CLUSTER + " and " + CLUSTERS + " cannot both be set: name one cluster or a failover list";

  /** A cluster's name: a DNS label, as it becomes part of a task queue and of node names. */
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /** Whether {@code annotations} name a cluster at all (either annotation). */
  public static boolean named(Map<String, String> annotations) {
    return annotations.containsKey(CLUSTER) || annotations.containsKey(CLUSTERS);
  }

  /**
   * The clusters {@code annotations} name, in failover order: the one of {@link #CLUSTER}, else the
   * items of {@link #CLUSTERS} trimmed; empty when they name none. Only meaningful when {@link
   * #problem} found nothing.
   */
  public static List<String> list(Map<String, String> annotations) {
    String one = annotations.get(CLUSTER);
    if (one != null) {
      return List.of(one.trim());
    }
    String many = annotations.get(CLUSTERS);
    if (many == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String item : many.split(",", -1)) {
      names.add(item.trim());
    }
    return List.copyOf(names);
  }

  /**
   * What is wrong with the clusters {@code annotations} name, in words, or null: both annotations
   * together, an empty name, a name that is not a DNS label, a name listed twice.
   */
  public static String problem(Map<String, String> annotations) {
    if (annotations.containsKey(CLUSTER) && annotations.containsKey(CLUSTERS)) {
      return BOTH;
    }
    if (!named(annotations)) {
      return null;
    }
    String key = annotations.containsKey(CLUSTER) ? CLUSTER : CLUSTERS;
    Set<String> seen = new LinkedHashSet<>();
    for (String name : list(annotations)) {
      if (name.isEmpty()) {
        return key + ": a cluster name is empty";
      }
      if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        return key
            + ": cluster '"
            + name
            + "' must be a DNS label (lower-case letters, digits and '-', at most 63 characters,"
            + " starting and ending with a letter or digit)";
      }
      if (!seen.add(name)) {
        return key + ": cluster '" + name + "' is listed twice";
      }
    }
    return null;
  }

  /**
   * The cluster attempt {@code attempt} (from 0) of a node runs in, or null when {@code clusters}
   * is empty (the workflow's own task queue). The attempt takes the first cluster of the list that
   * no earlier attempt of the node failed in, and starts over from the head once every one has
   * failed, so that it never gets stuck. Every attempt before a retry has failed, and each took the
   * first cluster not yet failed, so that cluster is the {@code attempt mod size}-th of the list.
   */
  public static String forAttempt(List<String> clusters, int attempt) {
    if (clusters.isEmpty()) {
      return null;
    }
    return clusters.get(Math.floorMod(attempt, clusters.size()));
  }

  /**
   * Every cluster {@code templates} name, sorted: where a workflow's pods may be (names made by
   * substitution, or that {@link #problem} refuses, left out).
   */
  public static List<String> inTemplates(Collection<Template> templates) {
    TreeSet<String> names = new TreeSet<>();
    for (Template t : templates) {
      Map<String, String> annotations = t.metadata().annotations();
      if (problem(annotations) == null) {
        names.addAll(list(annotations));
      }
    }
    return List.copyOf(names);
  }

  /**
   * The task queue of {@code cluster}'s pod activities: the workflow's task queue and the cluster's
   * name ({@code targo-gpu-east}).
   */
  public static String taskQueue(String workflowTaskQueue, String cluster) {
    return workflowTaskQueue + "-" + cluster;
  }
}
