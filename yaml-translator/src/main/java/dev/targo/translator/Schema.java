package dev.targo.translator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields valid in one kind of Argo or Kubernetes object: those targo reads, and those that are
 * valid there but not supported by targo yet. Anything else is an unknown field.
 *
 * @param what how problems name the object ({@code template}, {@code container}, …)
 * @param supported fields targo reads
 * @param unsupported valid fields targo does not support yet
 * @param messages a message for some unsupported fields, replacing the default one
 */
record Schema(
    String what, Set<String> supported, Set<String> unsupported, Map<String, String> messages) {

  static Schema of(String what, List<String> supported, List<String> unsupported) {
    return new Schema(
        what, new LinkedHashSet<>(supported), new LinkedHashSet<>(unsupported), Map.of());
  }

  static Schema of(String what, List<String> supported) {
    return of(what, supported, List.of());
  }

  Schema withMessages(Map<String, String> messages) {
    return new Schema(what, supported, unsupported, Map.copyOf(messages));
  }

  /** Every valid field name, the candidates for "did you mean". */
  Set<String> all() {
    Set<String> all = new LinkedHashSet<>(supported);
    all.addAll(unsupported);
    return all;
  }

  String unsupportedMessage(String field) {
    return messages.getOrDefault(
        field, "`" + field + "` is valid Argo but not supported by targo yet");
  }
}
