package dev.targo.translator;

import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A scalar as read from the file, with where it was.
 *
 * @param value the text (YAML integers, numbers and booleans in canonical form)
 * @param pos where the scalar starts
 * @param node the scalar node, so that a position inside the text can be found; null for values
 *     that did not come from the file (a {@code -p} override)
 */
record Str(String value, Pos pos, ScalarNode node) {

  /** True when the text holds a {@code {{…}}} template, which is resolved only at run time. */
  boolean templated() {
    return value.contains("{{");
  }

  @Override
  public String toString() {
    return value;
  }
}
