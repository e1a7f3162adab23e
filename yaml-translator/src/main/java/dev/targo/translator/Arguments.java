package dev.targo.translator;

import dev.targo.argo.plan.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.arguments.parameters} with the command line's {@code -p name=value} applied as {@code
 * argo submit -p} does: an override replaces the value of the argument of its name, and a name the
 * file does not declare becomes a new argument. Every argument then needs a value.
 */
final class Arguments {
  private Arguments() {}

  static List<Parameter> resolve(
      List<Raw.Parameter> raw, Map<String, String> overrides, Problems problems) {
    Map<String, Parameter> arguments = new LinkedHashMap<>();
    for (Raw.Parameter p : raw) {
      String name = p.name().value();
      String invalid = KubeNames.parameterName(name);
      if (invalid != null) {
        problems.add(p.name().pos(), Code.INVALID_VALUE, invalid);
      }
      if (arguments.containsKey(name)) {
        problems.add(
            p.name().pos(),
            Code.DUPLICATE_NAME,
            "workflow argument `" + name + "` is declared twice");
        continue;
      }
      String override = overrides.get(name);
      Parameter parameter =
          new Parameter(
              name,
              override != null ? override : text(p.value()),
              text(p.defaultValue()),
              text(p.description()),
              p.enumValues() == null
                  ? List.of()
                  : p.enumValues().stream().map(Str::value).toList());
      check(p, parameter, override != null, problems);
      arguments.put(name, parameter);
    }
    for (Map.Entry<String, String> o : overrides.entrySet()) {
      arguments.putIfAbsent(o.getKey(), Parameter.of(o.getKey(), o.getValue()));
    }
    return new ArrayList<>(arguments.values());
  }

  private static void check(
      Raw.Parameter raw, Parameter parameter, boolean overridden, Problems problems) {
    String name = parameter.name();
    String value = parameter.effectiveValue();
    if (value == null && raw.valueFrom()) {
      // `valueFrom` is reported as not supported; its value is not missing as well.
      return;
    }
    if (value == null) {
      problems.add(
          raw.name().pos(),
          Code.MISSING_VALUE,
          "spec.arguments."
              + name
              + ".value is required: give it a `value` or a `default`, or"
              + " pass `-p "
              + name
              + "=…`");
      return;
    }
    if (raw.enumValues() == null) {
      return;
    }
    if (raw.enumValues().isEmpty()) {
      problems.add(
          raw.pos(),
          Code.INVALID_VALUE,
          "spec.arguments." + name + ".enum should contain at least one value");
      return;
    }
    if (raw.enumValues().stream().noneMatch(e -> e.value().equals(value))) {
      Str written = raw.value() != null ? raw.value() : raw.defaultValue();
      Pos at = overridden || written == null ? raw.name().pos() : written.pos();
      problems.add(
          at,
          Code.INVALID_VALUE,
          "spec.arguments."
              + name
              + ".value should be present in spec.arguments."
              + name
              + ".enum list (`"
              + value
              + "` is not one of "
              + raw.enumValues()
              + ")");
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
