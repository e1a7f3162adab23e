package dev.targo.cli.client;

import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.Clusters;

/**
 * One-line and outline descriptions of a plan for the Temporal Web UI's static summary and details,
 * so a run is understandable there without opening its input.
 */
public final class PlanSummary {
  private PlanSummary() {}

  /** {@code retry-backoff: container, retry limit 10 (Always), backoff 1 ×2 ≤ 1m}. */
  public static String summary(WorkflowPlan plan) {
    Template entry = plan.template(plan.entrypoint());
    return plan.entrypoint() + ": " + describe(entry);
  }

  /** Every template of the plan, one per line, the entrypoint first. */
  public static String details(WorkflowPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("entrypoint: ").append(plan.entrypoint()).append('\n');
    for (Template t : plan.templates().values()) {
      out.append("- ").append(t.name()).append(": ").append(describe(t)).append('\n');
    }
    return out.toString().stripTrailing();
  }

  static String describe(Template t) {
    if (t == null) {
      return "unknown template";
    }
    String kind =
        switch (t.body()) {
          case TemplateBody.ContainerBody c -> "container " + c.container().image();
          case TemplateBody.ScriptBody s -> "script " + s.container().image();
          case TemplateBody.StepsBody s -> "steps, " + s.groups().size() + " groups";
          case TemplateBody.DagBody d -> "dag, " + d.tasks().size() + " tasks";
          case TemplateBody.SuspendBody s ->
              s.duration() == null ? "suspend" : "suspend for " + s.duration();
          case TemplateBody.HttpBody h ->
              "http " + h.http().effectiveMethod() + " " + h.http().url();
          case TemplateBody.ContainerSetBody s ->
              "containerSet of "
                  + s.containers().size()
                  + (s.containers().size() == 1 ? " container" : " containers");
          case TemplateBody.ResourceBody r -> "resource " + r.action();
        };
    // targo's clusters: where its pods run, in failover order.
    java.util.List<String> clusters = Clusters.list(t.metadata().annotations());
    if (!clusters.isEmpty()) {
      kind +=
          (clusters.size() == 1 ? " in cluster " : " in clusters ") + String.join(" → ", clusters);
    }
    RetryStrategySpec r = t.retryStrategy();
    if (r == null) {
      return kind + ", no retries";
    }
    StringBuilder out = new StringBuilder(kind);
    out.append(", retry limit ").append(r.limit() == null ? "unlimited" : r.limit());
    out.append(" (")
        .append(r.retryPolicy() == null ? "default policy" : r.retryPolicy())
        .append(')');
    if (r.backoff() != null) {
      out.append(", backoff ").append(r.backoff().duration());
      if (r.backoff().factor() != null) {
        out.append(" ×").append(r.backoff().factor());
      }
      if (r.backoff().cap() != null) {
        out.append(" cap ").append(r.backoff().cap());
      }
      if (r.backoff().maxDuration() != null) {
        out.append(" ≤ ").append(r.backoff().maxDuration());
      }
      if (r.backoff().jitter() != null) {
        out.append(" jitter ").append(r.backoff().jitter());
      }
    }
    if (r.nodeAntiAffinity()) {
      boolean preferred = "Preferred".equals(r.nodeAntiAffinityType());
      String key = r.nodeAntiAffinityTopologyKey();
      if (key == null) {
        out.append(preferred ? ", prefers hosts that have not failed" : ", avoids failed hosts");
      } else {
        out.append(
            preferred
                ? ", prefers a " + key + " where no attempt failed"
                : ", avoids the " + key + " of failed hosts");
      }
      if (r.nodeAntiAffinityMaxExcluded() != null) {
        out.append(" (the last ").append(r.nodeAntiAffinityMaxExcluded()).append(")");
      }
      if (r.nodeAntiAffinityExpression() != null) {
        out.append(" where ").append(r.nodeAntiAffinityExpression());
      }
      if (r.nodeAntiAffinityRelaxAfter() != null) {
        out.append(", relaxed after ")
            .append(r.nodeAntiAffinityRelaxAfter())
            .append(" unscheduled");
      }
    }
    if (r.onOOMKilled() != null && r.onOOMKilled().memory() != null) {
      RetryStrategySpec.MemoryGrowthSpec m = r.onOOMKilled().memory();
      out.append(", memory ×")
          .append(m.factor() == null ? "2" : m.factor())
          .append(" up to ")
          .append(m.max())
          .append(" after OOMKilled");
    }
    if (r.expression() != null) {
      out.append(", when ").append(r.expression());
    }
    return out.toString();
  }
}
