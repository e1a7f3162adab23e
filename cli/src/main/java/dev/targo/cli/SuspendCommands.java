package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.client.SuspendRequests;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo resume} and {@code targo node set}: Argo's {@code argo resume} and {@code argo node
 * set} on suspend nodes ({@code workflow/util/util.go} {@code ResumeWorkflow}, {@code
 * updateSuspendedNode}). The client reads the workflow's status, picks the waiting suspend nodes
 * the selector matches, checks the request as Argo does (nothing changes when it is refused), and
 * signals the workflow, which passes the update down to the nodes.
 */
final class SuspendCommands {
  private SuspendCommands() {}

  /** {@code targo resume NAME}. */
  @Command(
      name = "resume",
      description =
          "Resume a workflow's suspended nodes (suspend templates): they succeed, their unset"
              + " supplied outputs taking their defaults.")
  static final class Resume implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Workflow name.")
    String name;

    @Option(
        names = "--node-field-selector",
        paramLabel = "SELECTOR",
        description =
            "Only the suspended nodes matching it, e.g. displayName=approve (fields: displayName,"
                + " templateName, phase, name, id, inputs.parameters.NAME.value).")
    String selector;

    @Mixin ConnectionOptions connection;

    private final Console console;

    Resume(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        signal(
            temporal, name, checked(() -> SuspendRequests.resume(read(temporal, name), selector)));
        console.out().println("workflow " + name + " resumed");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code targo suspend NAME}. */
  @Command(
      name = "suspend",
      description =
          "Suspend a workflow (Argo's spec.suspend): running pods go on, nothing new starts until"
              + " `targo resume`.")
  static final class Suspend implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Workflow name.")
    String name;

    @Mixin ConnectionOptions connection;

    private final Console console;

    Suspend(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        signal(temporal, name, checked(() -> SuspendRequests.suspend(read(temporal, name))));
        console.out().println("workflow " + name + " suspended");
        return ExitCodes.OK;
      }
    }
  }

  /** {@code targo node}: Argo's {@code argo node}. */
  static CommandLine node(Console console) {
    CommandLine root = new CommandLine(new TemplateCommands.Group(console));
    root.getCommandSpec().name("node");
    root.getCommandSpec()
        .usageMessage()
        .description("Change a workflow's suspended nodes: set their outputs, message or phase.");
    root.addSubcommand(new NodeSet(console));
    return root;
  }

  /** {@code targo node set NAME}. */
  @Command(
      name = "set",
      description =
          "Set outputs, message or phase of suspended nodes (suspend templates); a phase ends"
              + " them.")
  static final class NodeSet implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Workflow name.")
    String name;

    @Option(
        names = "--node-field-selector",
        required = true,
        paramLabel = "SELECTOR",
        description = "The suspended nodes to set, e.g. displayName=approve.")
    String selector;

    @Option(
        names = "--output-parameter",
        paramLabel = "NAME=VALUE",
        description = "A valueFrom.supplied output parameter to set (repeatable).")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--message", paramLabel = "TEXT", description = "The nodes' message.")
    String message;

    @Option(
        names = "--phase",
        paramLabel = "PHASE",
        description = "Succeeded, Failed or Error: ends the nodes.")
    String phase;

    @Mixin ConnectionOptions connection;

    private final Console console;

    NodeSet(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Map<String, String> values = new LinkedHashMap<>();
      for (String o : outputs) {
        int eq = o.indexOf('=');
        if (eq <= 0) {
          throw new UserError(
              ExitCodes.BAD_INPUT, "--output-parameter must be NAME=VALUE, not " + o);
        }
        values.put(o.substring(0, eq), o.substring(eq + 1));
      }
      if (phase != null && !SuspendRequests.PHASES.contains(phase)) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "--phase must be Succeeded, Failed or Error, not " + phase);
      }
      if (values.isEmpty() && message == null && phase == null) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "nothing to set: give --output-parameter, --message or --phase");
      }
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        signal(
            temporal,
            name,
            checked(
                () -> SuspendRequests.set(read(temporal, name), selector, phase, message, values)));
        console.out().println("workflow " + name + " updated");
        return ExitCodes.OK;
      }
    }
  }

  private static RunRecord read(TemporalConnection temporal, String name) {
    return new RunRecords(temporal.client()).read(name);
  }

  /** The update {@code check} decides, or its refusal as the user's mistake. */
  private static NodeUpdate checked(java.util.function.Supplier<NodeUpdate> check) {
    try {
      return check.get();
    } catch (SuspendRequests.Finished | SuspendRequests.Refused e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }
  }

  private static void signal(TemporalConnection temporal, String name, NodeUpdate update) {
    try {
      temporal.client().newUntypedWorkflowStub(name).signal(Names.SIGNAL_NODE_UPDATE, update);
    } catch (WorkflowNotFoundException e) {
      throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has already finished");
    }
  }
}
