package dev.targo.api.argo;

import dev.targo.api.plan.Template;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code {{…}}} simple-template substitution. Pure. References absent from the variables are
 * left as written (the translator reports unknown references at lint time).
 */
public final class Templating {
  private Templating() {}

  /** Replaces every {@code {{ name }}} in {@code text} whose name is in {@code vars}. */
  public static String substitute(String text, Map<String, String> vars) {
    throw new UnsupportedOperationException("being written");
  }

  /** The trimmed names referenced by {@code {{…}}} in {@code text}, in order of appearance. */
  public static List<String> references(String text) {
    throw new UnsupportedOperationException("being written");
  }

  /** {@code template} with every string field substituted (retry strategy included). */
  public static Template substitute(Template template, Map<String, String> vars) {
    throw new UnsupportedOperationException("being written");
  }
}
