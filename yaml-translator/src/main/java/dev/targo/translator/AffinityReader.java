package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.Affinity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code template.affinity}. Required node affinity is typed, because targo places pods by it
 * and adds {@code nodeAntiAffinity} exclusions to it; it is checked as Kubernetes would check it.
 * Preferred terms and pod (anti-)affinity pass through as JSON.
 */
final class AffinityReader {
  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";
  private static final String PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution";
  private static final Set<String> OPERATORS =
      Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

  private final Reader reader;

  private AffinityReader(Reader reader) {
    this.reader = reader;
  }

  /** The template's {@code affinity}, or null when absent or unreadable. */
  static Affinity read(Reader reader, Obj template) {
    Obj a = reader.object(template, "affinity", Schemas.AFFINITY);
    return a == null ? null : new AffinityReader(reader).affinity(a);
  }

  private Affinity affinity(Obj a) {
    Obj n = reader.object(a, "nodeAffinity", Schemas.NODE_AFFINITY);
    Affinity.NodeAffinity nodeAffinity = null;
    if (n != null) {
      Obj required = reader.object(n, REQUIRED, Schemas.NODE_SELECTOR);
      JsonNode preferred = null;
      Node preferredNode = n.value(PREFERRED);
      if (preferredNode instanceof SequenceNode) {
        preferred = reader.json(preferredNode);
      } else if (preferredNode != null) {
        reader.wrongType(preferredNode, "`" + PREFERRED + "` must be a list");
      }
      nodeAffinity =
          new Affinity.NodeAffinity(required == null ? null : nodeSelector(required), preferred);
    }
    return new Affinity(
        nodeAffinity,
        reader.json(a, "podAffinity", Schemas.POD_AFFINITY),
        reader.json(a, "podAntiAffinity", Schemas.POD_AFFINITY));
  }

  private Affinity.NodeSelector nodeSelector(Obj selector) {
    List<Affinity.NodeSelectorTerm> terms = new ArrayList<>();
    for (Node item : reader.list(selector, "nodeSelectorTerms")) {
      Obj term =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `nodeSelectorTerms`",
              Schemas.NODE_SELECTOR_TERM);
      if (term != null) {
        terms.add(
            new Affinity.NodeSelectorTerm(
                requirements(term, "matchExpressions"), requirements(term, "matchFields")));
      }
    }
    return new Affinity.NodeSelector(terms);
  }

  private List<Affinity.NodeSelectorRequirement> requirements(Obj term, String field) {
    List<Affinity.NodeSelectorRequirement> requirements = new ArrayList<>();
    for (Node item : reader.list(term, field)) {
      Obj r =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `" + field + "`",
              Schemas.REQUIREMENT);
      if (r == null) {
        continue;
      }
      Str key = reader.text(r, "key");
      Str operator = reader.text(r, "operator");
      List<String> values = reader.texts(r, "values");
      if (Obj.missing(r, "key", key)) {
        reader.problems().add(r.owner(), Code.MISSING_FIELD, "a requirement needs a `key`");
      }
      if (Obj.missing(r, "operator", operator)) {
        reader.problems().add(r.owner(), Code.MISSING_FIELD, "a requirement needs an `operator`");
      } else if (operator != null) {
        checkOperator(operator, values, r.keyPos("values"));
      }
      if (key != null && operator != null) {
        requirements.add(
            new Affinity.NodeSelectorRequirement(key.value(), operator.value(), values));
      }
    }
    return requirements;
  }

  /** The rules Kubernetes applies to a node selector requirement's values. */
  private void checkOperator(Str operator, List<String> values, Pos valuesPos) {
    String op = operator.value();
    if (!OPERATORS.contains(op)) {
      reader
          .problems()
          .add(
              operator.pos(),
              Code.INVALID_VALUE,
              "`operator` must be one of In, NotIn, Exists, DoesNotExist, Gt, Lt, not `"
                  + op
                  + "`"
                  + Suggest.didYouMean(op, OPERATORS));
      return;
    }
    String problem =
        switch (op) {
          case "In", "NotIn" -> values.isEmpty() ? "`values` must not be empty for " + op : null;
          case "Exists", "DoesNotExist" ->
              values.isEmpty() ? null : "`values` must be empty for " + op;
          default ->
              values.size() == 1 && values.get(0).matches("-?[0-9]+")
                  ? null
                  : "`values` must be a single integer for " + op;
        };
    if (problem != null) {
      reader.problems().add(valuesPos, Code.INVALID_VALUE, problem);
    }
  }
}
