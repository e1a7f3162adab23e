package dev.targo.translator;

import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.resource.KubectlJsonPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code outputs.parameters} to plan form. A pod template reads each from a file ({@code
 * valueFrom.path}); a steps or dag template names a child's output ({@code valueFrom.parameter}) or
 * computes it ({@code valueFrom.expression}); a suspend template's is {@code valueFrom.supplied}
 * (given on resume); a resource template's is read from its object by {@code valueFrom.jsonPath};
 * any may give a literal {@code value}.
 */
final class OutputsPlanner {
  /** The kinds of template whose outputs are read in different ways. */
  enum Kind {
    /** container and script: {@code path} */
    POD,
    /** steps and dag: {@code parameter} or {@code expression} */
    FLOW,
    /** resource: {@code jsonPath} */
    RESOURCE
  }

  /** The workflow variable an output parameter's {@code globalName} exports it as. */
  static final String GLOBAL_PARAMETER = "workflow.outputs.parameters.";

  private final Problems problems;

  OutputsPlanner(Problems problems) {
    this.problems = problems;
  }

  /**
   * @param kind the template's kind (suspend templates are {@link Kind#FLOW} here)
   * @param suspend the suspend template's inputs (their defaults stand in for a supplied output's
   *     missing default, as Argo's {@code addRawOutputFields} does), or null for other kinds
   */
  List<OutputParameter> plan(List<Raw.Output> raw, Kind kind, List<Raw.Parameter> suspend) {
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
      if (o.globalName() != null) {
        globalName(o.globalName());
      }
      if (o.supplied() != null || suspend != null) {
        checkSupplied(o, name, suspend != null);
      } else {
        check(o, name, kind);
      }
      String defaultValue = text(o.defaultValue());
      if (o.supplied() != null && defaultValue == null && suspend != null) {
        defaultValue =
            suspend.stream()
                .filter(p -> p.name().value().equals(name) && p.defaultValue() != null)
                .map(p -> p.defaultValue().value())
                .findFirst()
                .orElse(null);
      }
      outputs.add(
          new OutputParameter(
              name,
              text(o.path()),
              text(o.parameter()),
              text(o.value()),
              defaultValue,
              text(o.description()),
              text(o.expression()),
              o.supplied() != null ? Boolean.TRUE : null,
              text(o.jsonPath()),
              text(o.globalName())));
    }
    return outputs;
  }

  /**
   * A {@code globalName}: a valid parameter name. Argo also takes a {@code {{…}}} one, resolved
   * when the node ends; targo needs the name when it plans, to check the references to it.
   */
  private void globalName(Str globalName) {
    checkGlobalName(problems, globalName);
  }

  /**
   * A {@code globalName} of an output parameter or artifact: a valid parameter name, not made of
   * {@code {{…}}} (which Argo resolves when the node ends; targo needs the name when it plans).
   */
  static void checkGlobalName(Problems problems, Str globalName) {
    if (globalName.templated()) {
      problems.add(
          globalName.pos(),
          Code.UNSUPPORTED,
          "a `globalName` made of `{{…}}` is valid Argo but not supported by targo yet: write"
              + " the name itself");
      return;
    }
    String invalid = KubeNames.parameterName(globalName.value());
    if (invalid != null) {
      problems.add(globalName.pos(), Code.INVALID_VALUE, invalid);
    }
  }

  private void check(Raw.Output o, String name, Kind kind) {
    boolean pod = kind == Kind.POD;
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
    if (o.jsonPath() != null || kind == Kind.RESOURCE) {
      jsonPath(o, shown, kind);
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

  /**
   * A suspend template's outputs are given when it is resumed ({@code valueFrom.supplied}, Argo's
   * {@code argo node set --output-parameter}) or are literal {@code value}s; {@code supplied} means
   * nothing elsewhere (no one could set it), and counts as one of the {@code valueFrom} types.
   */
  private void checkSupplied(Raw.Output o, String shown, boolean suspend) {
    shown = "output parameter `" + shown + "`";
    if (!suspend) {
      problems.add(
          o.supplied(),
          Code.UNSUPPORTED,
          "`valueFrom.supplied` is for suspend templates, whose outputs are set on resume (`targo"
              + " node set`); "
              + shown
              + " of this template could never be set");
      return;
    }
    if (o.value() != null && o.valueFrom() == null) {
      return;
    }
    if (o.valueFrom() == null || o.value() != null) {
      problems.add(
          o.valueFrom() != null ? o.valueFrom() : o.pos(),
          Code.INVALID_VALUE,
          shown + " of a suspend template needs `valueFrom: {supplied: {}}` or a `value`");
      return;
    }
    Str other =
        o.path() != null ? o.path() : o.parameter() != null ? o.parameter() : o.expression();
    if (other != null && o.supplied() != null) {
      problems.add(
          other.pos(),
          Code.INVALID_VALUE,
          "multiple valueFrom types specified for "
              + shown
              + ": choose one of path, parameter,"
              + " expression, supplied");
    } else if (o.supplied() == null) {
      problems.add(
          other != null ? other.pos() : o.valueFrom(),
          Code.INVALID_VALUE,
          shown + " of a suspend template is set on resume: use `valueFrom: {supplied: {}}`");
    }
  }

  /**
   * Argo's {@code validateOutputParameter} for a resource template: {@code jsonPath} (or {@code
   * jqFilter}, refused as unsupported where it is) and nothing else; elsewhere no {@code jsonPath}.
   */
  private void jsonPath(Raw.Output o, String shown, Kind kind) {
    Str path = o.jsonPath();
    if (kind != Kind.RESOURCE) {
      problems.add(
          path.pos(),
          Code.INVALID_VALUE,
          "`valueFrom.jsonPath` is for resource templates; "
              + (kind == Kind.POD
                  ? "a container or script template reads a file named by `path`"
                  : "a steps or dag template names a child's output in `parameter`"));
      return;
    }
    Str other =
        o.path() != null ? o.path() : o.parameter() != null ? o.parameter() : o.expression();
    if (path != null && other != null) {
      problems.add(
          other.pos(),
          Code.INVALID_VALUE,
          "multiple valueFrom types specified for "
              + shown
              + ": choose one of path, jqFilter, jsonPath, parameter, expression");
      return;
    }
    if (path == null) {
      if (other != null) {
        problems.add(
            other.pos(),
            Code.INVALID_VALUE,
            "a resource template reads " + shown + " from its object with `valueFrom.jsonPath`");
      } else if (!o.otherSource()) {
        problems.add(
            o.valueFrom(),
            Code.MISSING_FIELD,
            "`valueFrom` of "
                + shown
                + " needs a `jsonPath` (or `jqFilter`) for a resource template");
      }
      return;
    }
    if (!path.templated()) {
      try {
        KubectlJsonPath.parse(path.value());
      } catch (KubectlJsonPath.InvalidPath e) {
        problems.add(path.pos(), Code.UNSUPPORTED, "`valueFrom.jsonPath`: " + e.getMessage());
      }
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
