package dev.targo.translator;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks that {@code podSpecPatch} is a JSON or YAML object, as Argo needs it to be when it patches
 * the pod. {@code {{…}}} references are replaced by placeholders of the same length first, as Argo
 * substitutes them before parsing.
 */
final class PodSpecPatchCheck {
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");

  private PodSpecPatchCheck() {}

  /** A problem message, or null when the patch is an object. */
  static String check(String patch) {
    Matcher m = TEMPLATE.matcher(patch);
    StringBuilder placeholders = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(placeholders, "x".repeat(m.group().length()));
    }
    m.appendTail(placeholders);
    Node node;
    try {
      node = new Yaml(YamlLoader.options()).compose(new StringReader(placeholders.toString()));
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where =
          mark == null
              ? ""
              : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
      return "`podSpecPatch` is not valid JSON or YAML: " + e.getProblem() + where;
    } catch (YAMLException e) {
      return "`podSpecPatch` is not valid JSON or YAML: " + e.getMessage();
    }
    return node instanceof MappingNode
        ? null
        : "`podSpecPatch` must be a JSON or YAML object (fields of a PodSpec)";
  }
}
