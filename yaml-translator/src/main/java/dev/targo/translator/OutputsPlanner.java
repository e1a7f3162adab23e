package dev.targo.translator;

import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.OutputParameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code outputs.parameters} to plan form. A pod template reads each from a file ({@code
 * valueFrom.path}); a steps or dag template names a child's output ({@code valueFrom.parameter}) or
 * computes it ({@code valueFrom.expression}); either may give a literal {@code value}.
 */
final class OutputsPlanner {
  private final Problems problems;

  OutputsPlanner(Problems problems) {
    this.problems = problems;
  }

  List<OutputParameter> plan(List<Raw.Output> raw, boolean pod) {
    List<OutputParameter> outputs = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Raw.Output o : raw) {
      String name = o.name().value();
      String invalid = KubeNames.parameterName(name);
      if (invalid != null) {
        problems.add(o.name().pos(), Code.INVALID_VALUE, invalid);
      }
      if (!names.add(name)) {
        problems.add(
            o.name().pos(),
            Code.DUPLICATE_NAME,
            "output parameter `" + name + "` is declared twice");
      }
      check(o, name, pod);
      outputs.add(
          new OutputParameter(
              name,
              text(o.path()),
              text(o.parameter()),
              text(o.value()),
              text(o.defaultValue()),
              text(o.description()),
              text(o.expression())));
    }
    return outputs;
  }

  private void check(Raw.Output o, String name, boolean pod) {
    String shown = "output parameter `" + name + "`";
    if (o.value() != null && o.valueFrom() != null) {
      problems.add(
          o.valueFrom(),
          Code.INVALID_VALUE,
          shown + " has both `value` and `valueFrom`; choose one");
      return;
    }
    if (o.value() != null) {
      return;
    }
    if (o.valueFrom() == null) {
      problems.add(o.pos(), Code.MISSING_FIELD, shown + " needs a `valueFrom` or a `value`");
      return;
    }
    if (o.expression() != null) {
      expression(o, shown, pod);
      return;
    }
    if (o.path() != null && o.parameter() != null) {
      problems.add(
          o.parameter().pos(),
          Code.INVALID_VALUE,
          "`valueFrom` of " + shown + " has both `path` and `parameter`; choose one");
    } else if (o.path() == null && o.parameter() == null && !o.otherSource()) {
      problems.add(
          o.valueFrom(),
          Code.MISSING_FIELD,
          "`valueFrom` of " + shown + " needs a `" + (pod ? "path" : "parameter") + "`");
    } else if (pod && o.parameter() != null) {
      problems.add(
          o.parameter().pos(),
          Code.INVALID_VALUE,
          "`valueFrom.parameter` is for steps and dag templates; a container or script template"
              + " reads a file named by `path`");
    } else if (!pod && o.path() != null) {
      problems.add(
          o.path().pos(),
          Code.INVALID_VALUE,
          "`valueFrom.path` is for container and script templates; a steps or dag template names"
              + " a child's output in `parameter`");
    }
  }

  /** Argo's {@code validateOutputParameter}: an expression is for steps and dag, alone. */
  private void expression(Raw.Output o, String shown, boolean pod) {
    Str e = o.expression();
    if (pod) {
      problems.add(
          e.pos(),
          Code.INVALID_VALUE,
          "`valueFrom.expression` is for steps and dag templates; a container or script template"
              + " reads a file named by `path`");
    } else if (o.parameter() != null || o.path() != null) {
      problems.add(
          e.pos(),
          Code.INVALID_VALUE,
          "`valueFrom` of " + shown + " has both `expression` and `parameter`; choose one");
    } else {
      try {
        Expr.parse(e.value());
      } catch (ExprException problem) {
        problems.add(
            e.pos(),
            Code.INVALID_VALUE,
            "`valueFrom.expression` of "
                + shown
                + " is not a valid expression: "
                + problem.getMessage());
      }
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
