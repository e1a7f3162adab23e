package dev.targo.argo.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Artifacts;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WholeSeconds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code {{steps.X.…}}} and {@code {{tasks.X.…}}} variables a finished node gives the nodes
 * after it (Argo's {@code buildLocalScope} and {@code processAggregateNodeOutputs}). Pure.
 */
public final class NodeRefs {
  private NodeRefs() {}

  /**
   * {@code prefix.name.id}, {@code .status}, {@code .startedAt}, {@code .finishedAt}, {@code
   * .hostNodeName}, {@code .ip} (a daemon's), {@code .exitCode}, {@code .outputs.result} and {@code
   * .outputs.parameters.p}.
   *
   * @param prefix {@code steps} or {@code tasks}
   * @param name the step or task name
   */
  public static SortedMap<String, String> of(String prefix, String name, NodeResult node) {
    String p = prefix + "." + name + ".";
    SortedMap<String, String> vars = new TreeMap<>();
    vars.put(p + "id", node.id());
    vars.put(p + "status", node.phase().name());
    putTime(vars, p + "startedAt", node.startedAt());
    putTime(vars, p + "finishedAt", node.finishedAt());
    if (node.hostNodeName() != null) {
      vars.put(p + "hostNodeName", node.hostNodeName());
    }
    if (node.podIP() != null) {
      vars.put(p + "ip", node.podIP());
    }
    NodeOutputs out = node.outputs();
    if (out != null) {
      if (out.exitCode() != null) {
        vars.put(p + "exitCode", out.exitCode());
      }
      if (out.result() != null) {
        vars.put(p + "outputs.result", out.result());
      }
      for (Parameter param : out.parameters()) {
        if (param.value() != null) {
          vars.put(p + "outputs.parameters." + param.name(), param.value());
        }
      }
      for (Artifact artifact : out.artifacts()) {
        vars.put(p + "outputs.artifacts." + artifact.name(), Artifacts.reference(artifact));
      }
    }
    return vars;
  }

  /**
   * The aggregated outputs of a looped step or task: {@code .outputs.result} as a JSON list of the
   * children's results (each parsed as JSON when it is, else kept as a string), {@code
   * .outputs.parameters} as a JSON list of name-to-value maps, and {@code .outputs.parameters.p} as
   * a JSON list of the values of {@code p}. Only children that Succeeded count, in loop order.
   */
  public static SortedMap<String, String> aggregate(
      String prefix, String name, List<NodeResult> children) {
    String p = prefix + "." + name + ".outputs.";
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode results = f.arrayNode();
    ArrayNode params = f.arrayNode();
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (NodeResult child : children) {
      NodeOutputs out = child.outputs();
      if (out == null || child.phase() != NodePhase.Succeeded) {
        continue;
      }
      if (!out.parameters().isEmpty()) {
        ObjectNode map = f.objectNode();
        for (Parameter param : out.parameters()) {
          String value = param.value() == null ? "" : param.value();
          map.put(param.name(), value);
          byName.computeIfAbsent(param.name(), k -> new ArrayList<>()).add(value);
        }
        params.add(map);
      }
      if (out.result() != null) {
        JsonNode parsed = ItemJson.parse(out.result());
        results.add(parsed != null ? parsed : f.textNode(out.result()));
      }
    }
    SortedMap<String, String> vars = new TreeMap<>();
    vars.put(p + "result", ItemJson.json(results));
    vars.put(p + "parameters", ItemJson.json(params));
    byName.forEach((param, values) -> vars.put(p + "parameters." + param, valueList(values)));
    return vars;
  }

  /**
   * Argo's {@code aggregatedJSONValueList}: a list of the values parsed as JSON when every one is a
   * JSON object or list, else a list of strings.
   */
  static String valueList(List<String> values) {
    ArrayNode structured = JsonNodeFactory.instance.arrayNode();
    ArrayNode strings = JsonNodeFactory.instance.arrayNode();
    boolean allStructured = true;
    for (String v : values) {
      strings.add(v);
      JsonNode parsed = ItemJson.parse(v);
      if (parsed != null && (parsed.isObject() || parsed.isArray())) {
        structured.add(parsed);
      } else {
        allStructured = false;
      }
    }
    return ItemJson.json(allStructured ? structured : strings);
  }

  private static void putTime(SortedMap<String, String> vars, String key, Instant at) {
    if (at != null) {
      vars.put(key, WholeSeconds.of(at).toString());
    }
  }
}
