package dev.targo.argo.flow;

import dev.targo.argo.PodNames;
import dev.targo.argo.Templating;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.retry.NodeSpec;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's template as Argo's {@code executeTemplate} processes it before the node runs ({@code
 * ProcessArgs}): substituted with its inputs, the workflow's variables, and {@code pod.name} for a
 * container or script node without retries (a retried one learns its pod name per attempt). Pure.
 */
public final class ProcessedTemplates {
  private ProcessedTemplates() {}

  /**
   * {@code node}'s template processed at {@code now}.
   *
   * @throws dev.targo.argo.TemplatingException when a {@code {{=…}}} fails
   */
  public static Template of(NodeSpec node, Instant now) {
    SortedMap<String, String> vars = new TreeMap<>(node.vars());
    if (node.template().body() instanceof TemplateBody.PodBody && !node.retried()) {
      vars.put(
          "pod.name",
          PodNames.podName(node.workflowName(), node.nodeName(), node.template().name()));
    }
    return Templating.substitute(node.template(), GlobalVariables.expand(vars, now));
  }
}
