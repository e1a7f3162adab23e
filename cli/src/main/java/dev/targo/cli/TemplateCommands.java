package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.client.TemplateStore.Stored;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.render.TemplatePrinter;
import dev.targo.translator.Document;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo template} and {@code targo cluster-template}: Argo's {@code argo template} and
 * {@code argo cluster-template} verbs (create, get, list, delete, lint) on targo's template store.
 */
final class TemplateCommands {
  private TemplateCommands() {}

  /** The command line of {@code targo template} (or {@code cluster-template} when cluster). */
  static CommandLine command(Console console, boolean cluster) {
    String kind = cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
    CommandLine root = new CommandLine(new Group(console));
    root.getCommandSpec().name(cluster ? "cluster-template" : "template");
    root.getCommandSpec()
        .usageMessage()
        .description(
            "Manage "
                + kind
                + "s in the template store (kept in Temporal): create, get, list, delete, lint.");
    root.addSubcommand(new Create(console, cluster));
    root.addSubcommand(new Get(console, cluster));
    root.addSubcommand(new ListTemplates(console, cluster));
    root.addSubcommand(new Delete(console, cluster));
    CommandLine lint = new CommandLine(lint(console, cluster));
    lint.getCommandSpec()
        .usageMessage()
        .description(
            "Check the "
                + kind
                + " documents of files and print every problem as file:line:column; the files'"
                + " other documents only serve their references.");
    root.addSubcommand("lint", lint);
    return root;
  }

  private static LintCommand lint(Console console, boolean cluster) {
    String kind = cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
    return new LintCommand(console, d -> kind.equals(d.kind()));
  }

  /** The group itself: without a verb it prints its usage and fails. */
  @Command(description = "Manage templates.")
  static final class Group implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    private final Console console;

    Group(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      spec.commandLine().usage(console.err());
      return ExitCodes.BAD_INPUT;
    }
  }

  /** {@code -o} of {@code create} and {@code get}: the formats of Argo's printWorkflowTemplate. */
  static final class OutputOption {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        description = "name, json, yaml or wide (default: name, namespace and creation time).")
    String output;

    String format() {
      if (output != null && !TemplatePrinter.FORMATS.contains(output)) {
        throw new UserError(ExitCodes.BAD_INPUT, "unknown output format '" + output + "'");
      }
      return output;
    }
  }

  /** The options every verb that talks to the store shares. */
  abstract static class StoreCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;

    @Option(
        names = {"-n", "--argo-namespace"},
        paramLabel = "NAME",
        description = "Argo namespace of the templates (default: " + Names.DEFAULT_NAMESPACE + ").")
    String argoNamespace;

    final Console console;
    final boolean cluster;

    StoreCommand(Console console, boolean cluster) {
      this.console = console;
      this.cluster = cluster;
    }

    String kind() {
      return cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
    }

    String namespace() {
      return argoNamespace != null ? argoNamespace : Names.DEFAULT_NAMESPACE;
    }

    @Override
    public Integer call() {
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        int code = run(new TemplateStore(temporal.client(), temporal.taskQueue()));
        console.out().flush();
        return code;
      }
    }

    abstract int run(TemplateStore store);
  }

  @Command(
      name = "create",
      description = "Create templates from files (each document of the kind).")
  static final class Create extends StoreCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Template files ('-' = stdin).")
    List<String> files;

    @Mixin OutputOption output;

    Create(Console console, boolean cluster) {
      super(console, cluster);
    }

    @Override
    int run(TemplateStore store) {
      String format = output.format();
      List<Manifests.FileDocuments> read = Manifests.read(files, console.stdin());
      List<Document> templates =
          Manifests.all(read).stream().filter(d -> kind().equals(d.kind())).toList();
      List<String> problems = new ArrayList<>(Manifests.problems(read));
      boolean failed = !problems.isEmpty();
      TemplateLookup lookup = TemplateLookup.of(Manifests.all(read)).orElse(store.lookup());
      for (Document template : templates) {
        Translation checked = Translator.lint(template, lookup);
        checked.all().stream().map(Problem::toString).forEach(problems::add);
        failed |= checked instanceof Translation.Failed;
      }
      if (templates.isEmpty() && !failed) {
        throw new UserError(ExitCodes.BAD_INPUT, "no " + kind() + " found in the files given");
      }
      problems.forEach(console.err()::println);
      if (failed) {
        throw new UserError(ExitCodes.BAD_INPUT, "problems found, no " + kind() + " was created");
      }
      Instant now = Instant.now();
      for (Document template : templates) {
        String namespace = template.namespace() != null ? template.namespace() : namespace();
        Stored created = store.create(cluster, namespace, template.name(), template.text());
        console.out().print(TemplatePrinter.print(created, format, ZoneId.systemDefault(), now));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "get", description = "Display details about templates.")
  static final class Get extends StoreCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Template names.")
    List<String> names;

    @Mixin OutputOption output;

    Get(Console console, boolean cluster) {
      super(console, cluster);
    }

    @Override
    int run(TemplateStore store) {
      String format = output.format();
      Instant now = Instant.now();
      for (String name : names) {
        Stored stored =
            store
                .get(cluster, namespace(), name)
                .orElseThrow(
                    () ->
                        new UserError(ExitCodes.BAD_INPUT, kind() + " \"" + name + "\" not found"));
        console.out().print(TemplatePrinter.print(stored, format, ZoneId.systemDefault(), now));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List templates.")
  static final class ListTemplates extends StoreCommand {
    @Option(
        names = {"-A", "--all-namespaces"},
        description = "Show templates from all namespaces.")
    boolean allNamespaces;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        description = "name or wide (default: a NAME column).")
    String output;

    ListTemplates(Console console, boolean cluster) {
      super(console, cluster);
    }

    @Override
    int run(TemplateStore store) {
      if (output != null && !List.of("name", "wide").contains(output)) {
        throw new UserError(ExitCodes.BAD_INPUT, "unknown output mode: " + output);
      }
      boolean all = allNamespaces && !cluster;
      List<Stored> templates = store.list(cluster, all || cluster ? null : namespace());
      console.out().print(TemplatePrinter.list(templates, all, "name".equals(output)));
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", description = "Delete templates.")
  static final class Delete extends StoreCommand {
    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Template names.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Delete all templates (of the namespace).")
    boolean all;

    Delete(Console console, boolean cluster) {
      super(console, cluster);
    }

    @Override
    int run(TemplateStore store) {
      if (all == !names.isEmpty()) {
        throw new UserError(ExitCodes.BAD_INPUT, "give template names or --all, not both");
      }
      List<String> targets =
          all
              ? store.list(cluster, cluster ? null : namespace()).stream()
                  .map(Stored::name)
                  .toList()
              : names;
      for (String name : targets) {
        if (!store.delete(cluster, namespace(), name)) {
          throw new UserError(ExitCodes.BAD_INPUT, kind() + " \"" + name + "\" not found");
        }
        console.out().println(kind() + " '" + name + "' deleted");
      }
      return ExitCodes.OK;
    }
  }
}
