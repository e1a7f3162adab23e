package dev.targo.argo.flow;

import dev.targo.argo.Templating;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodeOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code outputs.parameters} of a steps or DAG template, read from what its children left in
 * scope ({@code valueFrom.parameter}) or given as {@code value}. Pure.
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
    if (template.outputs().isEmpty()) {
      return new Resolved(null, null);
    }
    List<Parameter> params = new ArrayList<>();
    for (OutputParameter o : template.outputs()) {
      String text = o.parameter() != null ? o.parameter() : o.value();
      String value = Templating.substitute(text, scope);
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
    return new Resolved(new NodeOutputs(null, null, params), null);
  }
}
