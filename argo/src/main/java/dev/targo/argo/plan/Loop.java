package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a step or task fans out: one child per item, all in parallel (Argo node names {@code
 * name(0:value)}, {@code name(1:value)}, …). Strings are as written and may hold {@code {{…}}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Loop.Items.class, name = "withItems"),
  @JsonSubTypes.Type(value = Loop.Param.class, name = "withParam"),
  @JsonSubTypes.Type(value = Loop.Sequence.class, name = "withSequence")
})
public sealed interface Loop {

  /**
   * Argo {@code withItems}.
   *
   * @param items the items as JSON: strings, numbers, booleans, maps (for {@code {{item.field}}})
   *     or lists; string values inside may hold {@code {{…}}}
   */
  record Items(List<JsonNode> items) implements Loop {
    public Items {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * Argo {@code withParam}: after substitution, a JSON list.
   *
   * @param value the text as written, such as {@code {{steps.gen.outputs.result}}}
   */
  record Param(String value) implements Loop {}

  /**
   * Argo {@code withSequence}: integers from {@code start} (default 0) to {@code end}, or {@code
   * count} of them, up or down, each formatted with the Go {@code printf} {@code format} (default
   * {@code %d}). Exactly one of {@code count} and {@code end} is set.
   *
   * @param count {@code count} as written, or null
   * @param start {@code start} as written, or null
   * @param end {@code end} as written, or null
   * @param format {@code format}, or null
   */
  record Sequence(String count, String start, String end, String format) implements Loop {}
}
