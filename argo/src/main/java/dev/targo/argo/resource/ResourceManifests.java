package dev.targo.argo.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;

/**
 * A resource template's manifest read as one Kubernetes object, and the names of Argo's actions.
 * Pure.
 */
public final class ResourceManifests {
  private static final ObjectMapper YAML = new YAMLMapper();

  /** Argo's actions ({@code ResourceTemplate.action}). */
  public static final List<String> ACTIONS =
      List.of("get", "create", "apply", "delete", "replace", "patch");

  /** The merge strategies of a patch that targo applies ({@code json} needs kubectl's flags). */
  public static final List<String> MERGE_STRATEGIES = List.of("strategic", "merge");

  private ResourceManifests() {}

  /** Thrown for a manifest that is not one YAML or JSON object; the message says why. */
  public static final class InvalidManifest extends Exception {
    InvalidManifest(String message) {
      super(message);
    }
  }

  /**
   * The manifest as a JSON object.
   *
   * @throws InvalidManifest when it does not parse or is not a mapping
   */
  public static ObjectNode parse(String manifest) throws InvalidManifest {
    JsonNode node;
    try {
      node = YAML.readTree(manifest == null ? "" : manifest);
    } catch (java.io.IOException e) {
      // snakeyaml's message: what it was parsing, where (lines that start with " in" or blanks),
      // and what it found; the position is the manifest's own, not the file's.
      String message =
          String.join(
              ", ",
              e.getMessage()
                  .lines()
                  .filter(l -> !l.isBlank() && !l.startsWith(" "))
                  .takeWhile(l -> !l.startsWith("at [Source"))
                  .toList());
      throw new InvalidManifest("the manifest must be valid YAML: " + message);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new InvalidManifest("the manifest must be one YAML mapping (a Kubernetes object)");
    }
    return object;
  }

  /**
   * Why {@code object} cannot be acted on, or null: Argo's {@code Kind and name are both required}
   * ({@code generateName} stands in for the name of an object created).
   */
  public static String incomplete(JsonNode object, String action) {
    boolean named =
        !object.path("metadata").path("name").asText("").isEmpty()
            || (action.equals("create")
                && !object.path("metadata").path("generateName").asText("").isEmpty());
    if (object.path("kind").asText("").isEmpty()
        || object.path("apiVersion").asText("").isEmpty()
        || !named) {
      return "apiVersion, kind and name are all required but at least one of them is missing"
          + " from the manifest";
    }
    return null;
  }
}
