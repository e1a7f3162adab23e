package dev.targo.argo.flow;

import dev.targo.argo.Artifacts;
import dev.targo.argo.Templating;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodeOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code outputs.parameters} of a steps or DAG template, read from what its children left in
 * scope ({@code valueFrom.parameter}), computed from it ({@code valueFrom.expression}, as Argo's
 * {@code wfScope.resolveParameter}) or given as {@code value}. Pure.
 */
public final class TemplateOutputs {
  private TemplateOutputs() {}

  /**
   * The outputs, or the error that ends the node.
   *
   * @param outputs the outputs, or null when the template declares none
   * @param error why an output could not be resolved, or null
   */
  public record Resolved(NodeOutputs outputs, String error) {}

  public static Resolved resolve(Template template, Map<String, String> scope) {
    if (template.outputs().isEmpty() && template.outputArtifacts().isEmpty()) {
      return new Resolved(null, null);
    }
    List<Parameter> params = new ArrayList<>();
    for (OutputParameter o : template.outputs()) {
      if (o.expression() != null) {
        String value;
        try {
          value = Expr.outputValue(o.expression(), scope);
        } catch (ExprException e) {
          if (o.defaultValue() == null) {
            return new Resolved(null, "unable to resolve outputs from scope: " + e.argoText());
          }
          value = o.defaultValue();
        }
        params.add(new Parameter(o.name(), value, null, null));
        continue;
      }
      String text = o.parameter() != null ? o.parameter() : o.value();
      String value;
      try {
        value = Templating.substitute(text, scope);
      } catch (TemplatingException e) {
        return new Resolved(null, e.getMessage());
      }
      if (SkippedOutputs.ABSENT.equals(value)) {
        // operator.go: a skipped node's output without a default gives this output's default.
        if (o.defaultValue() == null) {
          return new Resolved(
              null,
              "output parameter \""
                  + o.name()
                  + "\": \""
                  + text
                  + "\" is an absent optional (skipped/omitted node output with no default)");
        }
        value = o.defaultValue();
      }
      if (value == null || !Templating.references(value).isEmpty()) {
        if (o.defaultValue() == null) {
          return new Resolved(
              null,
              "unable to resolve outputs from scope: Unable to resolve: \""
                  + (text == null ? "" : text)
                  + "\"");
        }
        value = o.defaultValue();
      }
      params.add(new Parameter(o.name(), value, null, null));
    }
    List<Artifact> artifacts = new ArrayList<>();
    for (Artifact a : template.outputArtifacts()) {
      String text = a.from() != null ? a.from() : a.fromExpression();
      Artifact from;
      try {
        from =
            Artifacts.parse(
                a.from() != null
                    ? Templating.substitute(a.from(), scope)
                    : Expr.outputValue(a.fromExpression(), scope));
      } catch (TemplatingException | ExprException e) {
        from = null;
      }
      if (from == null) {
        if (a.mayBeMissing()) {
          continue;
        }
        return new Resolved(
            null,
            "unable to resolve outputs from scope: Unable to resolve: \""
                + (text == null ? "" : text)
                + "\"");
      }
      artifacts.add(a.locatedAt(from));
    }
    return new Resolved(new NodeOutputs(null, null, params, artifacts), null);
  }
}
