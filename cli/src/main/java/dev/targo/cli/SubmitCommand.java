package dev.targo.cli;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.cli.client.PayloadLimits;
import dev.targo.cli.client.QueueExecutors;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.client.Submission;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.client.WorkflowNames;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.logs.LogSourceOptions;
import dev.targo.cli.logs.PodLogPrinter;
import dev.targo.translator.KubeNames;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo submit FILE}: translates locally (problems → exit 2, nothing started), starts the
 * workflow on Temporal for a running {@code targo worker}, and prints it.
 */
@Command(
    name = "submit",
    description = "Submit an Argo workflow to Temporal, for the targo workers to run.")
final class SubmitCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description =
          "Workflow files ('-' = stdin). Every Workflow document is submitted; WorkflowTemplate and"
              + " ClusterWorkflowTemplate documents are created in the template store first.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "KIND/NAME",
      description =
          "Submit from a stored template instead of files: workflowtemplate/NAME or"
              + " clusterworkflowtemplate/NAME (as argo submit --from).")
  String from;

  @Option(
      names = {"-p", "--parameter"},
      paramLabel = "NAME=VALUE",
      description = "Workflow parameter (spec.arguments.parameters), repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--name", description = "Workflow name, instead of metadata.name.")
  String name;

  @Option(
      names = "--generate-name",
      paramLabel = "PREFIX",
      description = "Name prefix followed by 5 random characters, instead of metadata.name.")
  String generateName;

  @Mixin ShowOptions show;

  @Option(
      names = "--log",
      description =
          "Print the logs of the workflow's pods, prefixed by pod name, until it ends; then print"
              + " it as --wait does (exit code 1 when it Failed or Errored).")
  boolean log;

  @Mixin LogSourceOptions logSource;

  @Mixin ConnectionOptions connection;

  private final Console console;

  SubmitCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    Output out = show.format();
    if (name != null && generateName != null) {
      throw new UserError(ExitCodes.BAD_INPUT, "--name and --generate-name exclude each other");
    }
    if (from == null && files.isEmpty()) {
      throw new UserError(
          ExitCodes.BAD_INPUT, "Missing required parameter: 'FILE' (see 'targo submit --help')");
    }
    if (from != null && !files.isEmpty()) {
      throw new UserError(ExitCodes.BAD_INPUT, "give workflow files or --from KIND/NAME, not both");
    }
    checkName("--name", name, KubeNames::workflowName);
    checkName("--generate-name", generateName, KubeNames::generateName);
    List<Manifests.FileDocuments> read =
        from != null
            ? List.of(FromTemplate.documents(from))
            : Manifests.readAll(files, console.stdin());
    Plans.Prepared prepared;
    try (StoreLookup store = new StoreLookup(connection)) {
      prepared = Plans.prepare(console, read, store, parameters);
    }
    List<Plans.Ready> workflows = prepared.workflows();
    boolean follow = log || show.until != null;
    if (workflows.isEmpty() && prepared.templates().isEmpty()) {
      throw new UserError(ExitCodes.BAD_INPUT, "no Workflow found in the files given");
    }
    if ((follow || name != null) && workflows.size() > 1) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "--name, --watch, --wait and --log take one workflow; the files hold "
              + workflows.size());
    }
    List<Submission> submissions = new ArrayList<>();
    for (Plans.Ready ready : workflows) {
      WorkflowPlan plan = ready.plan();
      String chosen =
          generateName != null
              ? WorkflowNames.generate(generateName, new SecureRandom())
              : WorkflowNames.choose(plan, name, new SecureRandom());
      // A workflow that names no namespace runs in its worker's (its executor's default).
      Submission submission =
          new Submission(plan, chosen, plan.namespace(), parameters, ready.memoYaml());
      PayloadLimits.check(submission);
      submissions.add(submission);
    }
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      if (workflows.stream().anyMatch(w -> QueueExecutors.needsSome(w.plan()))) {
        List<String> pollers = QueueExecutors.pollers(temporal);
        for (Plans.Ready w : workflows) {
          var refused = QueueExecutors.refusal(w.plan(), temporal.taskQueue(), pollers);
          if (refused.isPresent()) {
            throw new UserError(ExitCodes.BAD_INPUT, refused.get());
          }
        }
      }
      Plans.store(
          console,
          new TemplateStore(temporal.client(), temporal.taskQueue()),
          prepared.templates());
      for (Submission submission : submissions) {
        try {
          submission.start(temporal.client(), temporal.taskQueue());
        } catch (WorkflowExecutionAlreadyStarted e) {
          throw new UserError(
              ExitCodes.BAD_INPUT,
              "workflow " + submission.name() + " already exists (use --name or --generate-name)");
        }
      }
      RunRecords reader = new RunRecords(temporal.client());
      if (follow) {
        String chosen = submissions.get(0).name();
        if (log) {
          try (PodLogPrinter logs =
              new PodLogPrinter(console, logSource.sources(temporal.client()), null, true)) {
            return Follow.follow(
                console, reader, chosen, out, show.until != null && show.until.watch, logs);
          }
        }
        return Follow.follow(console, reader, chosen, out, show.until.watch);
      }
      for (Submission submission : submissions) {
        console.out().print(out.render(reader.read(submission.name())));
      }
      return ExitCodes.OK;
    }
  }

  /**
   * The translator's rule for {@code metadata.name}, applied to a name given on the command line.
   */
  private static void checkName(String flag, String value, UnaryOperator<String> rule) {
    if (value == null) {
      return;
    }
    String problem = rule.apply(value);
    if (problem != null) {
      throw new UserError(ExitCodes.BAD_INPUT, flag + ": " + problem);
    }
  }
}
