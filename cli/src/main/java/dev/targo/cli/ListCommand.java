package dev.targo.cli;

import dev.targo.argo.status.NodePhase;
import dev.targo.cli.client.ListedRuns;
import dev.targo.cli.client.WorkflowLister;
import dev.targo.cli.client.WorkflowLister.Listed;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.render.ShortDurations;
import dev.targo.cli.render.TabTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code targo list}: the targo workflows of the namespace, newest first, like {@code argo list}:
 * one row per workflow, however often it continued as new, aged from its submission.
 */
@Command(name = "list", description = "List workflows (newest first).")
final class ListCommand implements Callable<Integer> {

  @ArgGroup(exclusive = true)
  State state;

  static final class State {
    @Option(names = "--running", description = "Only running workflows.")
    boolean running;

    @Option(names = "--completed", description = "Only finished workflows.")
    boolean completed;
  }

  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only names starting so.")
  String prefix;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description =
          "Only workflows in this Argo phase: Pending, Running, Succeeded, Failed or Error.")
  String phase;

  @Option(
      names = "--template",
      paramLabel = "NAME",
      description = "Only workflows with this entrypoint (needs targo's search attributes).")
  String template;

  @Option(
      names = "--node-workflows",
      description =
          "Also list the child workflow of each step and task (<workflow>/<node>), which the Web"
              + " UI lists beside the workflows.")
  boolean nodeWorkflows;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "name or wide (default: NAME STATUS AGE DURATION).")
  String output;

  @Mixin ConnectionOptions connection;

  private final Console console;

  ListCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (output != null && !List.of("name", "wide").contains(output)) {
      throw new UserError(ExitCodes.BAD_INPUT, "unknown output format '" + output + "'");
    }
    NodePhase wanted = null;
    if (phase != null) {
      wanted =
          ListedRuns.phase(phase)
              .orElseThrow(
                  () ->
                      new UserError(
                          ExitCodes.BAD_INPUT,
                          "--phase: unknown phase '"
                              + phase
                              + "' (Pending, Running, Succeeded, Failed or Error)"));
    }
    WorkflowLister.Filter filter =
        new WorkflowLister.Filter(
            state == null ? null : state.running, prefix, wanted, template, nodeWorkflows);
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      WorkflowLister.Result result =
          new WorkflowLister(temporal.client()).list(filter, "wide".equals(output));
      result.notice().ifPresent(n -> console.err().println("targo: " + n));
      print(result.workflows(), Instant.now());
      return ExitCodes.OK;
    }
  }

  private void print(List<Listed> workflows, Instant now) {
    if ("name".equals(output)) {
      workflows.forEach(w -> console.out().println(w.name()));
      return;
    }
    boolean wide = "wide".equals(output);
    TabTable table = new TabTable();
    if (wide) {
      table.add("NAME", "STATUS", "AGE", "DURATION", "TEMPLATE", "ATTEMPTS");
    } else {
      table.add("NAME", "STATUS", "AGE", "DURATION");
    }
    for (Listed w : workflows) {
      String age = ShortDurations.format(Duration.between(w.startedAt(), now));
      String duration =
          ShortDurations.format(
              Duration.between(w.startedAt(), w.closedAt() != null ? w.closedAt() : now));
      if (wide) {
        table.add(
            w.name(),
            w.status(),
            age,
            duration,
            Objects.toString(w.template(), ""),
            w.attempts() == null ? "" : String.valueOf(w.attempts()));
      } else {
        table.add(w.name(), w.status(), age, duration);
      }
    }
    console.out().print(table.render());
  }
}
