package dev.targo.argo.plan;

import java.util.Map;

/**
 * Argo {@code template.metadata}: labels and annotations added to the template's pods.
 *
 * @param labels {@code labels}
 * @param annotations {@code annotations}
 */
public record PodMetadata(Map<String, String> labels, Map<String, String> annotations) {

  /** No labels, no annotations. */
  public static final PodMetadata EMPTY = new PodMetadata(Map.of(), Map.of());

  public PodMetadata {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
