package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML nodes to Jackson trees, with the scalar types Argo's decoder would give them. The tree was
 * checked by {@link TreeCheck} (no cycles, bounded expansion), so recursion here is bounded.
 */
final class JsonTrees {
  private static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** {@code node} as JSON; {@code strings} sees every string scalar with its position. */
  static JsonNode of(Node node, Consumer<Str> strings) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = FACTORY.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && !object.has(key.getValue())) {
          object.set(key.getValue(), of(tuple.getValueNode(), strings));
        }
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = FACTORY.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(of(item, strings));
      }
      return array;
    }
    return scalar((ScalarNode) node, strings);
  }

  private static JsonNode scalar(ScalarNode node, Consumer<Str> strings) {
    Tag tag = node.getTag();
    if (tag.equals(Tag.NULL)) {
      return FACTORY.nullNode();
    }
    if (tag.equals(Tag.BOOL)) {
      return FACTORY.booleanNode(Scalars.parseBool(node.getValue()));
    }
    if (tag.equals(Tag.INT)) {
      BigInteger value = Scalars.parseInt(node.getValue());
      if (value != null) {
        if (value.bitLength() < 32) {
          return FACTORY.numberNode(value.intValue());
        }
        return value.bitLength() < 64
            ? FACTORY.numberNode(value.longValue())
            : FACTORY.numberNode(value);
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return FACTORY.numberNode(new BigDecimal(node.getValue().replace("_", "")));
      } catch (NumberFormatException e) {
        // .inf and .nan have no JSON form; they stay text.
      }
    }
    strings.accept(new Str(node.getValue(), Pos.of(node.getStartMark()), node));
    return FACTORY.textNode(node.getValue());
  }
}
