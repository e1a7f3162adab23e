package dev.targo.cli;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.cli.client.PayloadLimits;
import dev.targo.cli.client.QueueExecutors;
import dev.targo.cli.client.Resubmissions;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.client.Submission;
import dev.targo.cli.client.WorkflowNames;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.translator.Documents;
import dev.targo.translator.Problem;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo resubmit NAME}: Argo's {@code argo resubmit} ({@code FormulateResubmitWorkflow}): a
 * new workflow from the recorded one, named from its {@code generateName} (or its name and a dash),
 * labelled {@code workflows.argoproj.io/resubmitted-from-workflow}, run with the parameters it ran
 * with, {@code -p} overriding them. It is translated again as a submitted workflow is, so a refusal
 * starts nothing. With {@code --memoized} (a Failed or Error workflow only) the new workflow keeps
 * the old one's succeeded pods, renamed to it, as Skipped nodes that do not run again ({@link
 * Resubmissions}).
 */
@Command(
    name = "resubmit",
    description =
        "Submit a workflow again, as a new workflow with the same spec and parameters (argo"
            + " resubmit).")
final class ResubmitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "The workflow to resubmit.")
  String name;

  @Option(
      names = {"-p", "--parameter"},
      paramLabel = "NAME=VALUE",
      description = "A workflow parameter to override, repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--memoized",
      description =
          "Re-use the successful steps and their outputs from the previous run (a Failed or Error"
              + " workflow only).")
  boolean memoized;

  @Mixin ShowOptions show;

  @Mixin ConnectionOptions connection;

  private final Console console;

  ResubmitCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    Output out = show.format();
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      RunRecords reader = new RunRecords(temporal.client());
      RunRecord old = reader.read(name);
      if (memoized) {
        String refusal = Resubmissions.memoizedRefusal(old);
        if (refusal != null) {
          throw new UserError(ExitCodes.BAD_INPUT, refusal);
        }
        if (!parameters.isEmpty()) {
          console.err().println("targo: warning: " + Resubmissions.PARAMETERS_WARNING);
        }
      }
      String text =
          WorkflowDocument.forResubmission(
              old.yaml(), old.name(), old.plan().arguments(), parameters);
      Documents.Split split = Documents.split(name + " (resubmitted)", text);
      Manifests.FileDocuments file =
          new Manifests.FileDocuments(
              name, split.documents(), split.problems().stream().map(Problem::toString).toList());
      Plans.Prepared prepared;
      try (StoreLookup store = new StoreLookup(connection)) {
        prepared = Plans.prepare(console, List.of(file), store, Map.of());
      }
      if (prepared.workflows().size() != 1) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "workflow " + name + " has no recorded Workflow to resubmit");
      }
      Plans.Ready ready = prepared.workflows().get(0);
      String chosen = WorkflowNames.choose(ready.plan(), null, new SecureRandom());
      WorkflowRetry kept = memoized ? Resubmissions.kept(old, chosen, Instant.now()) : null;
      Submission submission =
          new Submission(
              ready.plan(),
              chosen,
              ready.plan().namespace(),
              Map.of(),
              ready.memoYaml(),
              kept,
              false);
      PayloadLimits.check(submission);
      if (QueueExecutors.needsSome(ready.plan())) {
        var refused =
            QueueExecutors.refusal(
                ready.plan(), temporal.taskQueue(), QueueExecutors.pollers(temporal));
        if (refused.isPresent()) {
          throw new UserError(ExitCodes.BAD_INPUT, refused.get());
        }
      }
      try {
        submission.start(temporal.client(), temporal.taskQueue());
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw new UserError(ExitCodes.BAD_INPUT, "workflow " + chosen + " already exists");
      }
      return show.show(console, reader, chosen, out);
    }
  }
}
