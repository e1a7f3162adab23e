package dev.targo.cli.render;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Prints a workflow the way {@code argo get} does: a header of {@code %-20s %v} lines, then the
 * node tree with STEP / TEMPLATE / PODNAME / DURATION / MESSAGE columns (plus ARTIFACTS, the names
 * of each node's output artifacts, and NODENAME with {@code wide}, as Argo's {@code get -o wide}).
 * A retry node with a single attempt is folded into that attempt, as Argo folds it.
 */
public final class GetPrinter {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z", Locale.ROOT);

  /**
   * How to print.
   *
   * @param wide add the NODENAME column (the host of each pod)
   * @param utf8 tree glyphs and icons; false prints ASCII and phase words ({@code --no-utf8})
   * @param zone the time zone for timestamps
   */
  public record Options(boolean wide, boolean utf8, ZoneId zone) {}

  private final Options options;
  private final Instant now;

  public GetPrinter(Options options, Instant now) {
    this.options = options;
    this.now = now;
  }

  /** The whole {@code argo get} text of {@code view}. */
  public String print(WorkflowView view) {
    WorkflowStatus status = view.status();
    StringBuilder out = new StringBuilder();
    line(out, "Name:", view.name());
    line(out, "Namespace:", view.namespace());
    line(
        out,
        "ServiceAccount:",
        view.serviceAccountName() == null
            ? "unset (will run with the default ServiceAccount)"
            : view.serviceAccountName());
    line(out, "Status:", WorkflowPhases.shown(status));
    if (status.message() != null && !status.message().isEmpty()) {
      line(out, "Message:", status.message());
    }
    if (view.createdAt() != null) {
      line(out, "Created:", timestamp(view.createdAt()));
    }
    if (status.startedAt() != null) {
      line(out, "Started:", timestamp(status.startedAt()));
    }
    if (status.finishedAt() != null) {
      line(out, "Finished:", timestamp(status.finishedAt()));
    }
    if (status.startedAt() != null) {
      Instant end = status.finishedAt() != null ? status.finishedAt() : now;
      line(out, "Duration:", ArgoDurations.humanize(Duration.between(status.startedAt(), end)));
    }
    line(out, "Progress:", status.progress() == null ? "" : status.progress());
    if (view.parameters().stream().anyMatch(p -> p.effectiveValue() != null)) {
      line(out, "Parameters:", "");
      for (Parameter p : view.parameters()) {
        if (p.effectiveValue() != null) {
          line(out, "  " + p.name() + ":", p.effectiveValue());
        }
      }
    }
    NodeStatus root = status.nodes().get(view.name());
    if (root != null) {
      out.append('\n');
      TabTable table = new TabTable();
      if (options.wide()) {
        table.add("STEP", "TEMPLATE", "PODNAME", "DURATION", "ARTIFACTS", "MESSAGE", "NODENAME");
      } else {
        table.add("STEP", "TEMPLATE", "PODNAME", "DURATION", "MESSAGE");
      }
      new TreeWalker(
              view.name(),
              status,
              options.utf8(),
              new TreeWalker.Rows() {
                @Override
                public void node(String prefix, NodeStatus node) {
                  row(table, view, prefix, node);
                }

                @Override
                public void note(String prefix, String text) {
                  // One cell: a last cell does not widen its column, so the tree stays aligned.
                  table.add(prefix + text);
                }

                @Override
                public void separator() {
                  table.add("", "", "", "", "", "", "");
                }
              })
          .walk(root);
      out.append(table.render());
    }
    return out.toString();
  }

  private void row(TabTable table, WorkflowView view, String prefix, NodeStatus node) {
    String step = prefix + Icons.of(node, options.utf8()) + " " + node.displayName();
    String template = node.templateName() == null ? "" : node.templateName();
    String message = node.message() == null ? "" : node.message();
    boolean pod = node.type() == NodeType.Pod;
    String podName = "";
    String duration = "";
    if (pod) {
      podName =
          node.podName() != null
              ? node.podName()
              : PodNames.podName(view.name(), node.name(), node.templateName());
      if (node.startedAt() != null) {
        Instant end = node.finishedAt() != null ? node.finishedAt() : now;
        duration = ShortDurations.format(Duration.between(node.startedAt(), end));
      }
    }
    if (options.wide()) {
      String host = pod && node.hostNodeName() != null ? node.hostNodeName() : "";
      table.add(step, template, podName, duration, artifacts(node), message, host);
    } else {
      table.add(step, template, podName, duration, message, "");
    }
  }

  /** Argo's {@code getArtifactsString}: the names of the node's output artifacts. */
  private static String artifacts(NodeStatus node) {
    if (node.outputs() == null) {
      return "";
    }
    return String.join(
        ",", node.outputs().artifacts().stream().map(dev.targo.argo.plan.Artifact::name).toList());
  }

  private String timestamp(Instant t) {
    return timestamp(t, options.zone(), now);
  }

  /** Argo's {@code humanize.Timestamp}: the time in {@code zone}, and how long ago it was. */
  static String timestamp(Instant t, ZoneId zone, Instant now) {
    return TIMESTAMP.format(t.atZone(zone)) + " (" + RelativeTimes.ago(t, now) + ")";
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-20s %s", label, value).stripTrailing()).append('\n');
  }
}
