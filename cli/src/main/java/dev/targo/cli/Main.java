package dev.targo.cli;

import dev.targo.worker.runtime.ShutdownSignal;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
    cli.addSubcommand(new CommandLine(new LintCommand(console)));
    cli.addSubcommand(new CommandLine(new RunCommand(console)));
    cli.addSubcommand(new CommandLine(new SubmitCommand(console)));
    cli.addSubcommand(new CommandLine(new GetCommand(console)));
    cli.addSubcommand(new CommandLine(new WatchCommand(console)));
    cli.addSubcommand(new CommandLine(new ListCommand(console)));
    cli.addSubcommand(new CommandLine(new LogsCommand(console)));
    cli.addSubcommand(new CommandLine(new ShutdownCommand.Stop(console)));
    cli.addSubcommand(new CommandLine(new ShutdownCommand.Terminate(console)));
    cli.addSubcommand(new CommandLine(new WorkerCommand(console, ShutdownSignal.onSigterm())));
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
