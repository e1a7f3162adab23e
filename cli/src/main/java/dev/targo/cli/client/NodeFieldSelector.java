package dev.targo.cli.client;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo's {@code --node-field-selector}: a Kubernetes field selector ({@code
 * k8s.io/apimachinery/pkg/fields.ParseSelector}: terms {@code key=value}, {@code key==value} or
 * {@code key!=value} joined by commas, all of which must hold) over the fields Argo's {@code
 * SelectorMatchesNode} gives a node: {@code displayName}, {@code templateName}, {@code phase},
 * {@code name}, {@code id} and {@code inputs.parameters.NAME.value}.
 */
public final class NodeFieldSelector {
  private record Term(String key, String value, boolean equal) {}

  private final List<Term> terms;

  private NodeFieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  /** Every node. */
  public static final NodeFieldSelector ALL = new NodeFieldSelector(List.of());

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the term that is not {@code key=value}, {@code
   *     key==value} or {@code key!=value}
   */
  public static NodeFieldSelector parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String term : text.split(",", -1)) {
      String t = term.strip();
      if (t.isEmpty()) {
        continue;
      }
      int ne = t.indexOf("!=");
      int eq = t.indexOf('=');
      Term parsed;
      if (ne >= 0 && ne < eq + 1) {
        parsed = new Term(t.substring(0, ne).strip(), t.substring(ne + 2).strip(), false);
      } else if (eq >= 0) {
        int end = t.startsWith("==", eq) ? eq + 2 : eq + 1;
        parsed = new Term(t.substring(0, eq).strip(), t.substring(end).strip(), true);
      } else {
        throw new IllegalArgumentException(
            "invalid selector: '" + text + "'; can't understand '" + t + "'");
      }
      if (parsed.key().isEmpty()) {
        throw new IllegalArgumentException(
            "invalid selector: '" + text + "'; can't understand '" + t + "'");
      }
      terms.add(parsed);
    }
    return new NodeFieldSelector(List.copyOf(terms));
  }

  /** True when every term holds for {@code node}; a field the node lacks reads as empty. */
  public boolean matches(NodeStatus node) {
    Map<String, String> fields = fields(node);
    for (Term t : terms) {
      boolean same = fields.getOrDefault(t.key(), "").equals(t.value());
      if (same != t.equal()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> fields(NodeStatus node) {
    Map<String, String> fields = new HashMap<>();
    fields.put("displayName", node.displayName());
    fields.put("templateName", node.templateName() == null ? "" : node.templateName());
    fields.put("phase", node.phase() == null ? "" : node.phase().name());
    fields.put("name", node.name());
    fields.put("id", node.id());
    if (node.inputs() != null) {
      for (Parameter p : node.inputs().parameters()) {
        fields.put("inputs.parameters." + p.name() + ".value", p.value() == null ? "" : p.value());
      }
    }
    return fields;
  }
}
