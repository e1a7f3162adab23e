package dev.targo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.targo.api.Names;
import dev.targo.api.temporal.CronRun;
import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import dev.targo.argo.plan.Parameter;
import dev.targo.cli.client.CronSchedules;
import dev.targo.cli.client.SearchAttributeSupport;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.render.TabTable;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.translator.CronTranslation;
import dev.targo.translator.Document;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo cron}: Argo's {@code argo cron} verbs (create, list, get, suspend, resume, delete)
 * on CronWorkflows kept as Temporal Schedules ({@link CronSchedules}).
 */
final class CronCommands {
  private CronCommands() {}

  private static final YAMLMapper YAML = new YAMLMapper();

  /** The command line of {@code targo cron}. */
  static CommandLine command(Console console) {
    CommandLine root = new CommandLine(new TemplateCommands.Group(console));
    root.getCommandSpec().name("cron");
    root.getCommandSpec()
        .usageMessage()
        .description(
            "Manage CronWorkflows, kept as Temporal Schedules: create, list, get, suspend, resume,"
                + " delete.");
    root.addSubcommand(new Create(console));
    root.addSubcommand(new ListCrons(console));
    root.addSubcommand(new Get(console));
    root.addSubcommand(new Suspend(console));
    root.addSubcommand(new Resume(console));
    root.addSubcommand(new Delete(console));
    return root;
  }

  /** The options every verb shares. */
  abstract static class CronCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Option(
        names = {"-n", "--argo-namespace"},
        paramLabel = "NAME",
        description =
            "Argo namespace of the cron workflows (default: " + Names.DEFAULT_NAMESPACE + ").")
    String argoNamespace;

    final Console console;

    CronCommand(Console console) {
      this.console = console;
    }

    String namespace() {
      return argoNamespace != null ? argoNamespace : Names.DEFAULT_NAMESPACE;
    }

    @Override
    public Integer call() {
      before();
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        int code =
            run(
                temporal,
                new CronSchedules(temporal.service(), temporal.namespace(), temporal.taskQueue()));
        console.out().flush();
        return code;
      } catch (RuntimeException e) {
        if (unimplemented(e)) {
          throw new UserError(
              ExitCodes.BAD_INPUT,
              "this Temporal server has no Schedules (the embedded one has none): run targo cron"
                  + " against `temporal server start-dev` or a Temporal cluster (--address)");
        }
        throw e;
      }
    }

    private static boolean unimplemented(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.grpc.StatusRuntimeException s
            && s.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
          return true;
        }
      }
      return false;
    }

    /** Checks done before connecting (files, flags). */
    void before() {}

    abstract int run(TemporalConnection temporal, CronSchedules schedules);

    ScheduleDescription existing(CronSchedules schedules, String name) {
      return schedules
          .describe(namespace(), name)
          .orElseThrow(
              () -> new UserError(ExitCodes.BAD_INPUT, "CronWorkflow \"" + name + "\" not found"));
    }
  }

  @Command(
      name = "create",
      description =
          "Create cron workflows from files (each CronWorkflow document; WorkflowTemplates in the"
              + " same files are stored first).")
  static final class Create extends CronCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files ('-' = stdin).")
    List<String> files;

    @Option(
        names = {"-p", "--parameter"},
        paramLabel = "NAME=VALUE",
        description = "Workflow parameter of every run, repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    private record Ready(CronTranslation cron, Document document) {}

    private final List<Ready> crons = new ArrayList<>();
    private final List<Document> templates = new ArrayList<>();

    Create(Console console) {
      super(console);
    }

    @Override
    int run(TemporalConnection temporal, CronSchedules schedules) {
      TemplateStore store = new TemplateStore(temporal.client(), temporal.taskQueue());
      List<Manifests.FileDocuments> read = Manifests.readAll(files, console.stdin());
      List<String> problems = new ArrayList<>(Manifests.problems(read));
      TemplateLookup lookup = TemplateLookup.of(Manifests.all(read)).orElse(store.lookup());
      for (Document document : Manifests.all(read)) {
        if (!document.isLinted()) {
          continue;
        }
        if (Translator.isCron(document)) {
          CronTranslation cron = Translator.cron(document, lookup, parameters);
          cron.workflow().all().stream().map(Problem::toString).forEach(problems::add);
          if (cron.cron() != null) {
            crons.add(new Ready(cron, document));
          }
        } else if (document.isTemplate()) {
          Translation checked = Translator.lint(document, lookup);
          checked.all().stream().map(Problem::toString).forEach(problems::add);
          templates.add(document);
        } else {
          problems.add(
              document.file()
                  + ":"
                  + document.line()
                  + ":1: INVALID_VALUE `targo cron create` takes CronWorkflow documents; submit a"
                  + " Workflow with `targo submit`");
        }
      }
      problems.forEach(console.err()::println);
      long failed = problems.stream().filter(p -> !p.contains(": WARNING ")).count();
      if (failed > 0) {
        throw new UserError(
            ExitCodes.BAD_INPUT, failed + " problem(s) found, no CronWorkflow was created");
      }
      if (crons.isEmpty()) {
        throw new UserError(ExitCodes.BAD_INPUT, "no CronWorkflow found in the files given");
      }
      for (Ready ready : crons) {
        String name = ready.cron().cron().name();
        if (schedules.describe(namespace(ready.cron().cron()), name).isPresent()) {
          throw new UserError(
              ExitCodes.BAD_INPUT,
              "CronWorkflow \""
                  + name
                  + "\" exists already; delete it first (targo cron delete "
                  + name
                  + "), nothing was created");
        }
      }
      Plans.store(console, store, templates);
      boolean searchAttributes =
          SearchAttributeSupport.registered(temporal.service(), temporal.namespace());
      for (Ready ready : crons) {
        CronSpec cron = ready.cron().cron();
        Translation.Ok ok = (Translation.Ok) ready.cron().workflow();
        CronRun run =
            new CronRun(
                cron,
                cron.namespace(),
                ok.plan(),
                parameters,
                WorkflowDocument.withStored(runYaml(ready.document(), cron), ok.stored()),
                searchAttributes,
                CronStatus.NONE);
        if (!schedules.create(namespace(cron), run, ready.document().text())) {
          throw new UserError(
              ExitCodes.BAD_INPUT, "CronWorkflow \"" + cron.name() + "\" exists already");
        }
        console.out().print(get(schedules.describe(namespace(cron), cron.name()).orElseThrow()));
      }
      return ExitCodes.OK;
    }

    private String namespace(CronSpec cron) {
      return cron.namespace() != null ? cron.namespace() : namespace();
    }
  }

  /**
   * The Workflow document a run records in its memo, as Argo's {@code
   * ConvertCronWorkflowToWorkflow} makes it: the cron workflow's {@code workflowSpec} under a
   * {@code metadata} that labels it with the cron workflow's name.
   */
  static String runYaml(Document cronDocument, CronSpec cron) {
    ObjectNode doc = YAML.createObjectNode();
    doc.put("apiVersion", "argoproj.io/v1alpha1");
    doc.put("kind", "Workflow");
    ObjectNode metadata = doc.putObject("metadata");
    if (cron.namespace() != null) {
      metadata.put("namespace", cron.namespace());
    }
    metadata.putObject("labels").put("workflows.argoproj.io/cron-workflow", cron.name());
    try {
      JsonNode tree = YAML.readTree(cronDocument.text());
      doc.set("spec", tree.path("spec").path("workflowSpec"));
      return YAML.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Command(name = "list", description = "List cron workflows.")
  static final class ListCrons extends CronCommand {
    @Option(
        names = {"-A", "--all-namespaces"},
        description = "Show cron workflows from all namespaces.")
    boolean all;

    ListCrons(Console console) {
      super(console);
    }

    @Override
    int run(TemporalConnection temporal, CronSchedules schedules) {
      TabTable table = new TabTable();
      List<String> header =
          new ArrayList<>(
              List.of("NAME", "AGE", "LAST RUN", "NEXT RUN", "SCHEDULES", "TIMEZONE", "SUSPENDED"));
      if (all) {
        header.add(0, "NAMESPACE");
      }
      table.add(header.toArray(String[]::new));
      Instant now = Instant.now();
      for (var listed : schedules.list(all ? null : namespace())) {
        String id = listed.getScheduleId().substring(Names.CRON_SCHEDULE_ID_PREFIX.length());
        String namespace = id.substring(0, id.indexOf('/'));
        String name = id.substring(id.indexOf('/') + 1);
        Optional<ScheduleDescription> d = schedules.describe(namespace, name);
        if (d.isEmpty()) {
          continue;
        }
        CronSpec cron = CronSchedules.run(d.get()).cron();
        List<String> row = new ArrayList<>();
        if (all) {
          row.add(namespace);
        }
        row.add(name);
        row.add(short_(Duration.between(d.get().getInfo().getCreatedAt(), now)));
        Instant last = lastScheduled(d.get());
        row.add(last == null ? "N/A" : short_(Duration.between(last, now)));
        List<Instant> next = d.get().getInfo().getNextActionTimes();
        row.add(
            next.isEmpty() || d.get().getSchedule().getState().isPaused()
                ? "N/A"
                : short_(Duration.between(now, next.get(0))));
        row.add(String.join(",", cron.schedules()));
        row.add(cron.timezone() == null ? "" : cron.timezone());
        row.add(String.valueOf(d.get().getSchedule().getState().isPaused()));
        table.add(row.toArray(String[]::new));
      }
      console.out().print(table.render());
      return ExitCodes.OK;
    }
  }

  @Command(name = "get", description = "Display details about cron workflows.")
  static final class Get extends CronCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Cron workflow names.")
    List<String> names;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        description = "yaml (the CronWorkflow as created) or wide (default).")
    String output;

    Get(Console console) {
      super(console);
    }

    @Override
    void before() {
      if (output != null && !output.equals("yaml") && !output.equals("wide")) {
        throw new UserError(ExitCodes.BAD_INPUT, "unknown output format: " + output);
      }
    }

    @Override
    int run(TemporalConnection temporal, CronSchedules schedules) {
      for (String name : names) {
        ScheduleDescription d = existing(schedules, name);
        console.out().print("yaml".equals(output) ? CronSchedules.yaml(d) : get(d));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "suspend", description = "Suspend cron workflows: no run starts until resumed.")
  static final class Suspend extends Pause {
    Suspend(Console console) {
      super(console, true);
    }
  }

  @Command(name = "resume", description = "Resume suspended cron workflows.")
  static final class Resume extends Pause {
    Resume(Console console) {
      super(console, false);
    }
  }

  /** {@code suspend} and {@code resume}: the schedule paused or running again. */
  abstract static class Pause extends CronCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Cron workflow names.")
    List<String> names;

    private final boolean suspend;

    Pause(Console console, boolean suspend) {
      super(console);
      this.suspend = suspend;
    }

    @Override
    int run(TemporalConnection temporal, CronSchedules schedules) {
      for (String name : names) {
        existing(schedules, name);
        if (suspend) {
          schedules.handle(namespace(), name).pause("suspend: true (targo cron suspend)");
        } else {
          schedules.handle(namespace(), name).unpause("suspend: false (targo cron resume)");
        }
        console.out().println("CronWorkflow '" + name + "' " + (suspend ? "suspended" : "resumed"));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", description = "Delete cron workflows (their runs are kept).")
  static final class Delete extends CronCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Cron workflow names.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Delete all cron workflows of the namespace.")
    boolean all;

    Delete(Console console) {
      super(console);
    }

    @Override
    void before() {
      if (all == !names.isEmpty()) {
        throw new UserError(ExitCodes.BAD_INPUT, "give cron workflow names or --all, not both");
      }
    }

    @Override
    int run(TemporalConnection temporal, CronSchedules schedules) {
      List<String> chosen =
          all
              ? schedules.list(namespace()).stream()
                  .map(s -> s.getScheduleId().substring(s.getScheduleId().indexOf('/') + 1))
                  .toList()
              : names;
      for (String name : chosen) {
        existing(schedules, name);
        schedules.handle(namespace(), name).delete();
        console.out().println("CronWorkflow '" + name + "' deleted");
      }
      return ExitCodes.OK;
    }
  }

  /** Argo's {@code argo cron get} text ({@code getCronWorkflowGet}). */
  static String get(ScheduleDescription d) {
    CronRun run = CronSchedules.run(d);
    CronSpec cron = run.cron();
    StringBuilder out = new StringBuilder();
    line(out, "Name:", cron.name());
    line(out, "Namespace:", cron.namespace() != null ? cron.namespace() : Names.DEFAULT_NAMESPACE);
    line(out, "Created:", String.valueOf(d.getInfo().getCreatedAt()));
    line(out, "Schedules:", String.join(",", cron.schedules()));
    line(out, "Suspended:", String.valueOf(d.getSchedule().getState().isPaused()));
    if (cron.timezone() != null) {
      line(out, "Timezone:", cron.timezone());
    }
    if (cron.startingDeadlineSeconds() != null) {
      line(out, "StartingDeadlineSeconds:", String.valueOf(cron.startingDeadlineSeconds()));
    }
    line(out, "ConcurrencyPolicy:", cron.concurrencyPolicy());
    Instant last = lastScheduled(d);
    if (last != null) {
      line(out, "LastScheduledTime:", last.toString());
    }
    List<Instant> next = d.getInfo().getNextActionTimes();
    if (!next.isEmpty() && !d.getSchedule().getState().isPaused()) {
      line(out, "NextScheduledTime:", next.get(0).toString());
    }
    List<String> active = active(d, cron.name());
    if (!active.isEmpty()) {
      line(out, "Active Workflows:", String.join(", ", active));
    }
    // Argo's status: the ended runs counted, and Stopped once the stop strategy held.
    if (cron.stopStrategy() != null) {
      line(out, "StopStrategy:", cron.stopStrategy());
    }
    line(out, "Succeeded:", String.valueOf(run.status().succeeded()));
    line(out, "Failed:", String.valueOf(run.status().failed()));
    if (run.status().stopped()) {
      line(out, "Phase:", "Stopped (" + d.getSchedule().getState().getNote() + ")");
    }
    List<Parameter> parameters = run.plan().arguments();
    if (!parameters.isEmpty()) {
      line(out, "Workflow Parameters:", "");
      for (Parameter p : parameters) {
        String value = run.parameters().getOrDefault(p.name(), p.effectiveValue());
        if (value != null) {
          line(out, "  " + p.name() + ":", value);
        }
      }
    }
    return out.toString();
  }

  private static Instant lastScheduled(ScheduleDescription d) {
    List<ScheduleActionResult> recent = d.getInfo().getRecentActions();
    return recent.isEmpty() ? null : recent.getLast().getScheduledAt();
  }

  /** The runs still going: {@code <name>-<unix seconds>} of each running action's time. */
  private static List<String> active(ScheduleDescription d, String name) {
    List<String> running =
        d.getInfo().getRunningActions().stream()
            .map(a -> ((ScheduleActionExecutionStartWorkflow) a).getWorkflowId())
            .toList();
    List<String> names = new ArrayList<>();
    for (ScheduleActionResult r : d.getInfo().getRecentActions()) {
      if (r.getAction() instanceof ScheduleActionExecutionStartWorkflow w
          && running.contains(w.getWorkflowId())) {
        names.add(name + "-" + r.getScheduledAt().getEpochSecond());
      }
    }
    return names;
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format("%-30s %s%n", label, value));
  }

  private static String short_(Duration d) {
    return dev.targo.cli.render.ShortDurations.format(d.isNegative() ? Duration.ZERO : d);
  }
}
