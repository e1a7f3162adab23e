package dev.targo.translator;

import java.math.BigInteger;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML scalar kinds as Argo sees them. Argo decodes YAML 1.1 (so {@code yes} is a boolean and
 * {@code 012} is octal) into JSON before reading it; the canonical text here is what that JSON
 * would hold.
 */
final class Scalars {
  private Scalars() {}

  static boolean isString(ScalarNode node) {
    return node.getTag().equals(Tag.STR);
  }

  static boolean isInt(ScalarNode node) {
    return node.getTag().equals(Tag.INT);
  }

  static boolean isNumber(ScalarNode node) {
    return node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT);
  }

  static boolean isBool(ScalarNode node) {
    return node.getTag().equals(Tag.BOOL);
  }

  /** The canonical text: decimal integers, {@code true}/{@code false}, others as written. */
  static String canonical(ScalarNode node) {
    String text = node.getValue();
    if (isBool(node)) {
      return String.valueOf(parseBool(text));
    }
    if (isInt(node)) {
      BigInteger value = parseInt(text);
      return value == null ? text : value.toString();
    }
    return text;
  }

  /** A YAML 1.1 integer ({@code 1_000}, {@code 0x1F}, {@code 017}, {@code 0b101}), or null. */
  static BigInteger parseInt(String text) {
    String t = text.replace("_", "");
    int sign = 1;
    if (t.startsWith("-") || t.startsWith("+")) {
      sign = t.startsWith("-") ? -1 : 1;
      t = t.substring(1);
    }
    try {
      BigInteger magnitude;
      if (t.startsWith("0x")) {
        magnitude = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o")) {
        magnitude = new BigInteger(t.substring(2), 8);
      } else if (t.startsWith("0b")) {
        magnitude = new BigInteger(t.substring(2), 2);
      } else if (t.length() > 1 && t.startsWith("0")) {
        magnitude = new BigInteger(t.substring(1), 8);
      } else {
        magnitude = new BigInteger(t);
      }
      return sign < 0 ? magnitude.negate() : magnitude;
    } catch (NumberFormatException e) {
      // Base-60 integers such as 1:30 are YAML 1.1 only; they stay text.
      return null;
    }
  }

  static boolean parseBool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "on" -> true;
      default -> false;
    };
  }

  /** How a problem names what it found: {@code an integer (`3`)}, {@code a list}, … */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = " (`" + scalar.getValue() + "`)";
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.INT)) {
      return "an integer" + text;
    }
    if (tag.equals(Tag.FLOAT)) {
      return "a number" + text;
    }
    if (tag.equals(Tag.BOOL)) {
      return "a boolean" + text;
    }
    if (tag.equals(Tag.TIMESTAMP)) {
      return "a timestamp" + text;
    }
    if (tag.equals(Tag.NULL)) {
      return "null";
    }
    if (tag.equals(Tag.STR)) {
      return "a string" + text;
    }
    return "a value tagged `" + tag.getValue() + "`";
  }
}
