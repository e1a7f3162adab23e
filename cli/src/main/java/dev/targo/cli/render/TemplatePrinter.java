package dev.targo.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.targo.cli.client.TemplateStore.Stored;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * How {@code argo template} and {@code argo cluster-template} print templates ({@code
 * cmd/argo/commands/template/util.go} {@code printWorkflowTemplate}, {@code list.go} {@code
 * printTable}): {@code name}, {@code json}, {@code yaml}, or the {@code %-20s} lines.
 */
public final class TemplatePrinter {
  private TemplatePrinter() {}

  private static final YAMLMapper YAML = new YAMLMapper();

  /** The output formats of {@code get} and {@code create}. */
  public static final List<String> FORMATS = List.of("name", "json", "yaml", "wide");

  /** One template in {@code format} (null: the lines of {@code argo template get}). */
  public static String print(Stored stored, String format, ZoneId zone, Instant now) {
    if ("name".equals(format)) {
      return stored.name() + "\n";
    }
    if ("json".equals(format)) {
      return WorkflowDocument.json(object(stored)) + "\n";
    }
    if ("yaml".equals(format)) {
      return WorkflowDocument.yaml(object(stored));
    }
    StringBuilder out = new StringBuilder();
    line(out, "Name:", stored.name());
    if (!stored.cluster()) {
      line(out, "Namespace:", stored.namespace());
    }
    line(out, "Created:", GetPrinter.timestamp(stored.created(), zone, now));
    return out.toString();
  }

  /** {@code argo template list}: a NAME column (NAMESPACE first with {@code -A}), or names. */
  public static String list(List<Stored> templates, boolean allNamespaces, boolean namesOnly) {
    StringBuilder out = new StringBuilder();
    if (namesOnly) {
      templates.forEach(t -> out.append(t.name()).append('\n'));
      return out.toString();
    }
    int width = "NAMESPACE".length();
    for (Stored t : templates) {
      width = Math.max(width, t.namespace() == null ? 0 : t.namespace().length());
    }
    String namespaceColumn = "%-" + (width + 3) + "s";
    if (allNamespaces) {
      out.append(String.format(Locale.ROOT, namespaceColumn, "NAMESPACE"));
    }
    out.append("NAME\n");
    for (Stored t : templates) {
      if (allNamespaces) {
        out.append(String.format(Locale.ROOT, namespaceColumn, t.namespace()));
      }
      out.append(t.name()).append('\n');
    }
    return out.toString();
  }

  /** The stored document with the metadata the store knows: namespace and creation time. */
  static ObjectNode object(Stored stored) {
    JsonNode doc;
    try {
      doc = YAML.readTree(stored.yaml());
    } catch (IOException e) {
      // Stored only after it was linted, so it reads; keep the fields the store knows.
      doc = null;
    }
    ObjectNode object = doc instanceof ObjectNode o ? o : YAML.createObjectNode();
    ObjectNode metadata =
        object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    metadata.put("name", stored.name());
    if (!stored.cluster()) {
      metadata.put("namespace", stored.namespace());
    }
    metadata.put("creationTimestamp", stored.created().toString());
    return object;
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-20s %s", label, value).stripTrailing()).append('\n');
  }
}
