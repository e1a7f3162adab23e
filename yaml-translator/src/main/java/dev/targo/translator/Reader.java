package dev.targo.translator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Strict, located access to the node tree: every key is checked against a {@link Schema}, every
 * value against the type its field needs, and each mismatch is a problem at its position. Reads
 * never throw; a value that cannot be read is null (or empty) after its problem was added.
 *
 * <p>A reader made by {@link #collecting()} also keeps every string it reads, so that the {@code
 * {{…}}} references of one template can be checked afterwards.
 */
final class Reader {
  private final Problems problems;
  private final List<Str> strings;

  Reader(Problems problems) {
    this(problems, null);
  }

  private Reader(Problems problems, List<Str> strings) {
    this.problems = problems;
    this.strings = strings;
  }

  Problems problems() {
    return problems;
  }

  /** A reader on the same problems that also keeps the strings it reads. */
  Reader collecting() {
    return new Reader(problems, new ArrayList<>());
  }

  /** The strings read so far by a {@link #collecting()} reader. */
  List<Str> strings() {
    return strings == null ? List.of() : List.copyOf(strings);
  }

  /** {@code node} as an object of {@code schema}, or null when absent or not a mapping. */
  Obj object(Node node, Pos owner, String subject, Schema schema) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      wrongType(node, subject + " must be a mapping");
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      String name = key.getValue();
      Pos at = Pos.of(key.getStartMark());
      if (schema.unsupported().contains(name)) {
        problems.add(at, Code.UNSUPPORTED, schema.unsupportedMessage(name));
      } else if (!schema.supported().contains(name)) {
        problems.add(
            at,
            Code.UNKNOWN_FIELD,
            "unknown field `"
                + name
                + "` in "
                + schema.what()
                + Suggest.didYouMean(name, schema.all()));
      }
    }
    return new Obj(mapping, owner);
  }

  /**
   * The field {@code key} of {@code parent} as an object whose keys another read checks, or null
   * when absent or not a mapping.
   */
  static Obj quiet(Obj parent, String key) {
    return parent.value(key) instanceof MappingNode mapping
        ? new Obj(mapping, parent.keyPos(key))
        : null;
  }

  /** The field {@code key} of {@code parent} as an object of {@code schema}, or null. */
  Obj object(Obj parent, String key, Schema schema) {
    return object(parent.value(key), parent.keyPos(key), "`" + key + "`", schema);
  }

  /** A string field; YAML numbers and booleans are wrong here, as they are for Argo. */
  Str text(Obj parent, String key) {
    Node node = parent.value(key);
    return node == null ? null : text(node, "`" + key + "`");
  }

  Str text(Node node, String subject) {
    if (node instanceof ScalarNode scalar && Scalars.isString(scalar)) {
      return keep(new Str(scalar.getValue(), Pos.of(scalar.getStartMark()), scalar));
    }
    String hint = node instanceof ScalarNode ? "; quote it to make it a string" : "";
    wrongType(node, subject + " must be a string", hint);
    return null;
  }

  /**
   * A field that takes any scalar (Argo's {@code AnyString}, {@code IntOrString} and targo's
   * durations): strings, integers and numbers, and booleans when {@code booleans} is true.
   */
  Str scalar(Obj parent, String key, boolean booleans) {
    Node node = parent.value(key);
    return node == null ? null : scalar(node, "`" + key + "`", booleans);
  }

  Str scalar(Node node, String subject, boolean booleans) {
    if (node instanceof ScalarNode scalar
        && (Scalars.isString(scalar)
            || Scalars.isNumber(scalar)
            || (booleans && Scalars.isBool(scalar)))) {
      return keep(new Str(Scalars.canonical(scalar), Pos.of(scalar.getStartMark()), scalar));
    }
    String expected = booleans ? "a string, number or boolean" : "a string or number";
    wrongType(node, subject + " must be " + expected);
    return null;
  }

  /** A boolean field, or null when absent or not a boolean (problem added). */
  Boolean bool(Obj parent, String key) {
    Node node = parent.value(key);
    if (node == null) {
      return null;
    }
    if (node instanceof ScalarNode scalar && Scalars.isBool(scalar)) {
      return Scalars.parseBool(scalar.getValue());
    }
    wrongType(node, "`" + key + "` must be a boolean");
    return null;
  }

  /** A list field, or an empty list when absent or not a list. */
  List<Node> list(Obj parent, String key) {
    Node node = parent.value(key);
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      wrongType(node, "`" + key + "` must be a list");
      return List.of();
    }
    return sequence.getValue();
  }

  /** A list of strings; items of other types are problems and left out. */
  List<String> texts(Obj parent, String key) {
    List<String> values = new ArrayList<>();
    for (Node item : list(parent, key)) {
      Str s = text(item, "each item of `" + key + "`");
      if (s != null) {
        values.add(s.value());
      }
    }
    return values;
  }

  /** A string-to-string mapping (labels, annotations, nodeSelector), with positions. */
  Map<Str, Str> textMap(Obj parent, String key) {
    Node node = parent.value(key);
    Map<Str, Str> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!(node instanceof MappingNode mapping)) {
      wrongType(node, "`" + key + "` must be a mapping of strings");
      return values;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k) {
        Str value = text(tuple.getValueNode(), "the value of `" + k.getValue() + "`");
        if (value != null) {
          values.put(new Str(k.getValue(), Pos.of(k.getStartMark()), k), value);
        }
      }
    }
    return values;
  }

  /** A Kubernetes object passed through as JSON, its top-level fields checked, or null. */
  com.fasterxml.jackson.databind.JsonNode json(Obj parent, String key, Schema schema) {
    Node node = parent.value(key);
    if (node == null || object(node, parent.keyPos(key), "`" + key + "`", schema) == null) {
      return null;
    }
    return json(node);
  }

  /** A list of Kubernetes objects passed through as JSON, each item's fields checked. */
  List<com.fasterxml.jackson.databind.JsonNode> jsonList(Obj parent, String key, Schema schema) {
    List<com.fasterxml.jackson.databind.JsonNode> values = new ArrayList<>();
    for (Node item : list(parent, key)) {
      if (object(item, Pos.of(item.getStartMark()), "each item of `" + key + "`", schema) != null) {
        values.add(json(item));
      }
    }
    return values;
  }

  /** Any node as JSON; its strings are kept for reference checks like all others. */
  com.fasterxml.jackson.databind.JsonNode json(Node node) {
    return JsonTrees.of(node, this::keep);
  }

  void wrongType(Node node, String expectation) {
    wrongType(node, expectation, "");
  }

  private void wrongType(Node node, String expectation, String hint) {
    problems.add(
        Pos.of(node.getStartMark()),
        Code.WRONG_TYPE,
        expectation + ", got " + Scalars.describe(node) + hint);
  }

  private Str keep(Str s) {
    if (strings != null) {
      strings.add(s);
    }
    return s;
  }
}
