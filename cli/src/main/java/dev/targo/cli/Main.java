package dev.targo.cli;

import dev.targo.worker.runtime.ShutdownSignal;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code targo} command. */
@Command(
    name = "targo",
    // Inherited: every subcommand answers --help and --version too (`targo worker --help`).
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Argo Workflows YAML, run durably on Temporal, one Kubernetes pod per step.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = execute(new Console(out, err, System.in, stdoutIsTerminal()), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs {@code targo args…} against {@code console} and returns the exit code. */
  public static int execute(Console console, String... args) {
    CommandLine cli = new CommandLine(new Main());
    Map<String, Supplier<Object>> commands = commands(console);
    // Picocli reads every registered command's options by reflection: only the command asked
    // for is built (a third of a second less at every start), all of them for help and mistakes.
    String asked = args.length == 0 ? null : args[0];
    if (asked != null && commands.containsKey(asked)) {
      cli.addSubcommand(asked, commandLine(commands.get(asked).get()));
    } else {
      commands.forEach((name, c) -> cli.addSubcommand(name, commandLine(c.get())));
    }
    cli.setOut(console.out());
    cli.setErr(console.err());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          UserError user = ExitCodes.userError(ex);
          if (user != null) {
            console.err().println("targo: " + user.getMessage());
            return user.exitCode();
          }
          throw ex;
        });
    cli.setParameterExceptionHandler(
        (ex, args1) -> {
          console.err().println(UsageErrors.line(ex));
          return ExitCodes.BAD_INPUT;
        });
    int code = cli.execute(args);
    console.out().flush();
    console.err().flush();
    return code;
  }

  private static CommandLine commandLine(Object command) {
    return command instanceof CommandLine built ? built : new CommandLine(command);
  }

  /** Every subcommand by name, in the order {@code targo --help} lists them. */
  private static Map<String, Supplier<Object>> commands(Console console) {
    Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
    commands.put("lint", () -> new LintCommand(console));
    commands.put("run", () -> new RunCommand(console));
    commands.put("submit", () -> new SubmitCommand(console));
    commands.put("get", () -> new GetCommand(console));
    commands.put("watch", () -> new WatchCommand(console));
    commands.put("list", () -> new ListCommand(console));
    commands.put("logs", () -> new LogsCommand(console));
    commands.put("template", () -> TemplateCommands.command(console, false));
    commands.put("cluster-template", () -> TemplateCommands.command(console, true));
    commands.put("cron", () -> CronCommands.command(console));
    commands.put("artifacts", () -> ArtifactsCommand.command(console));
    commands.put("resubmit", () -> new ResubmitCommand(console));
    commands.put("retry", () -> new RetryCommand(console));
    commands.put("stop", () -> new ShutdownCommand.Stop(console));
    commands.put("terminate", () -> new ShutdownCommand.Terminate(console));
    commands.put("suspend", () -> new SuspendCommands.Suspend(console));
    commands.put("resume", () -> new SuspendCommands.Resume(console));
    commands.put("node", () -> SuspendCommands.node(console));
    commands.put("worker", () -> new WorkerCommand(console, ShutdownSignal.onSigterm()));
    commands.put("server", () -> new ServerCommand(console, ShutdownSignal.onSigterm()));
    commands.put("node-agent", () -> new NodeAgentCommand(console, ShutdownSignal.onSigterm()));
    return commands;
  }

  /**
   * True when standard output is an interactive terminal. From Java 22 on {@code System.console()}
   * exists even when output is redirected and {@code Console.isTerminal()} tells; on Java 21 a
   * console exists only for a terminal.
   */
  static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** The version printed by {@code targo --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"targo " + (v == null ? "development build" : v)};
    }
  }
}
