package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import io.temporal.client.WorkflowNotFoundException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code targo stop} and {@code targo terminate}: Argo's shutdown strategies, sent to the workflow
 * as a signal. The workflow cancels its running attempt (the pod is deleted), starts no other, and
 * ends Failed with {@code Stopped with strategy 'Stop'} (or {@code 'Terminate'}). Unlike Temporal's
 * own terminate, the workflow keeps its Argo status and the pods are cleaned up.
 */
abstract class ShutdownCommand implements Callable<Integer> {

  @Parameters(paramLabel = "NAME", description = "Workflow name.")
  String name;

  @Mixin ConnectionOptions connection;

  private final Console console;
  private final String strategy;
  private final String done;

  ShutdownCommand(Console console, String strategy, String done) {
    this.console = console;
    this.strategy = strategy;
    this.done = done;
  }

  @Override
  public Integer call() {
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      if (!new RunRecords(temporal.client()).read(name).running()) {
        throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has already finished");
      }
      try {
        temporal.client().newUntypedWorkflowStub(name).signal(Names.SIGNAL_STOP, strategy);
      } catch (WorkflowNotFoundException e) {
        throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " has already finished");
      }
      console.out().println("workflow " + name + " " + done);
      return ExitCodes.OK;
    }
  }

  /** {@code targo stop NAME}. */
  @Command(name = "stop", description = "Stop a workflow: Argo's 'Stop' shutdown strategy.")
  static final class Stop extends ShutdownCommand {
    Stop(Console console) {
      super(console, Names.STOP_STRATEGY_STOP, "stopped");
    }
  }

  /** {@code targo terminate NAME}. */
  @Command(
      name = "terminate",
      description = "Terminate a workflow: Argo's 'Terminate' shutdown strategy.")
  static final class Terminate extends ShutdownCommand {
    Terminate(Console console) {
      super(console, Names.STOP_STRATEGY_TERMINATE, "terminated");
    }
  }
}
