package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.argo.flow.SuspendedOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.cli.client.NodeFieldSelector;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> PHASES = Set.of("Succeeded", "Failed", "Error");

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
      NodeFieldSelector matching = selector(selector);
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        RunRecord record = running(temporal, name);
        // Argo's ResumeWorkflow: a selector resumes only the nodes it matches; without one the
        // workflow's own suspension ends too, and a workflow with neither is left as it is.
        boolean workflow = selector == null && Boolean.TRUE.equals(record.status().suspended());
        List<NodeStatus> nodes = waiting(record, matching);
        if (nodes.isEmpty() && !workflow) {
          throw new UserError(ExitCodes.BAD_INPUT, noneMatching(name, selector));
        }
        for (NodeStatus n : nodes) {
          String problem = unresumable(n);
          if (problem != null) {
            throw new UserError(ExitCodes.BAD_INPUT, problem);
          }
        }
        signal(
            temporal,
            name,
            new NodeUpdate(ids(nodes), "Succeeded", null, Map.of(), workflow ? false : null));
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
        running(temporal, name);
        signal(temporal, name, new NodeUpdate(List.of(), null, null, Map.of(), true));
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
      NodeFieldSelector matching = selector(selector);
      if (phase != null && !PHASES.contains(phase)) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "--phase must be Succeeded, Failed or Error, not " + phase);
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (String o : outputs) {
        int eq = o.indexOf('=');
        if (eq <= 0) {
          throw new UserError(
              ExitCodes.BAD_INPUT, "--output-parameter must be NAME=VALUE, not " + o);
        }
        values.put(o.substring(0, eq), o.substring(eq + 1));
      }
      if (values.isEmpty() && message == null && phase == null) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "nothing to set: give --output-parameter, --message or --phase");
      }
      try (TemporalConnection temporal = TemporalConnection.open(connection)) {
        List<NodeStatus> nodes = suspended(temporal, name, matching, selector);
        for (NodeStatus n : nodes) {
          String problem = settable(n, values);
          if (problem == null && "Succeeded".equals(phase)) {
            problem = unresumable(n, values);
          }
          if (problem != null) {
            throw new UserError(ExitCodes.BAD_INPUT, problem);
          }
        }
        signal(temporal, name, new NodeUpdate(ids(nodes), phase, message, values));
        console.out().println("workflow " + name + " updated");
        return ExitCodes.OK;
      }
    }
  }

  private static NodeFieldSelector selector(String text) {
    if (text == null) {
      return NodeFieldSelector.ALL;
    }
    try {
      return NodeFieldSelector.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }
  }

  /**
   * The waiting suspend nodes of a running workflow that {@code matching} selects, at least one.
   */
  private static List<NodeStatus> suspended(
      TemporalConnection temporal, String name, NodeFieldSelector matching, String selector) {
    List<NodeStatus> nodes = waiting(running(temporal, name), matching);
    if (nodes.isEmpty()) {
      throw new UserError(ExitCodes.BAD_INPUT, noneMatching(name, selector));
    }
    return nodes;
  }

  private static RunRecord running(TemporalConnection temporal, String name) {
    RunRecord record = new RunRecords(temporal.client()).read(name);
    if (!record.running()) {
      throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has already finished");
    }
    return record;
  }

  private static List<NodeStatus> waiting(RunRecord record, NodeFieldSelector matching) {
    return record.status().nodes().values().stream()
        .filter(n -> n.type() == NodeType.Suspend && n.phase() == NodePhase.Running)
        .filter(matching::matches)
        .toList();
  }

  private static String noneMatching(String name, String selector) {
    return selector == null
        ? "workflow " + name + " is not suspended and has no suspended node"
        : "no suspend nodes matching nodeFieldSelector: " + selector;
  }

  /** Argo's {@code OverrideOutputParametersWithDefault} refusal, or null. */
  private static String unresumable(NodeStatus node) {
    return unresumable(node, Map.of());
  }

  /** The refusal of resuming {@code node} once {@code setNow} is set, or null. */
  private static String unresumable(NodeStatus node, Map<String, String> setNow) {
    try {
      String problem = SuspendedOutputs.shown(node.outputs()).set(setNow).unresumable();
      return problem == null ? null : "node " + node.displayName() + ": " + problem;
    } catch (IllegalArgumentException e) {
      return "node " + node.displayName() + ": " + e.getMessage();
    }
  }

  /** Argo's {@code updateSuspendedNode} refusals of output parameters, or null. */
  private static String settable(NodeStatus node, Map<String, String> values) {
    try {
      SuspendedOutputs.shown(node.outputs()).set(values);
      return null;
    } catch (IllegalArgumentException e) {
      return "node " + node.displayName() + ": " + e.getMessage();
    }
  }

  private static List<String> ids(List<NodeStatus> nodes) {
    return nodes.stream().map(NodeStatus::id).toList();
  }

  private static void signal(TemporalConnection temporal, String name, NodeUpdate update) {
    try {
      temporal.client().newUntypedWorkflowStub(name).signal(Names.SIGNAL_NODE_UPDATE, update);
    } catch (WorkflowNotFoundException e) {
      throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has already finished");
    }
  }
}
