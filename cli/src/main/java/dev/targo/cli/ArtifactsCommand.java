package dev.targo.cli;

import dev.targo.argo.plan.Artifact;
import dev.targo.argo.status.NodeStatus;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.PodArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code targo artifacts get WORKFLOW NODE NAME}: one saved output artifact, downloaded. */
@Command(
    name = "artifacts",
    description =
        "Workflows' output artifacts: get. (load and save run inside the pods of the kubernetes"
            + " executor.)")
final class ArtifactsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
  private final Console console;

  private ArtifactsCommand(Console console) {
    this.console = console;
  }

  static picocli.CommandLine command(Console console) {
    return new picocli.CommandLine(new ArtifactsCommand(console))
        .addSubcommand("get", new Get(console))
        .addSubcommand("load", new InPod(console, true))
        .addSubcommand("save", new InPod(console, false));
  }

  /** Without a verb it prints its usage and fails, as the template group does. */
  @Override
  public Integer call() {
    spec.commandLine().usage(console.err());
    return ExitCodes.BAD_INPUT;
  }

  @Command(
      name = "get",
      description =
          "Download a node's output artifact as it is stored (a tarball stays a tarball), from"
              + " the artifact repository the worker uses.")
  static final class Get implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Workflow name.")
    String workflow;

    @Parameters(
        index = "1",
        paramLabel = "NODE",
        description = "The node: its display name (as targo get shows it), full name or id.")
    String node;

    @Parameters(index = "2", paramLabel = "NAME", description = "The output artifact's name.")
    String name;

    @Option(
        names = "--to",
        paramLabel = "FILE",
        description = "Where to write it (default: the last part of its key, here).")
    Path to;

    @Mixin ArtifactRepositoryOptions repository;

    @Mixin ConnectionOptions connection;

    private final Console console;

    Get(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws Exception {
      if (repository.file == null) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            "give --artifact-repository FILE (or TARGO_ARTIFACT_REPOSITORY): the repository the"
                + " worker saves artifacts to");
      }
      try (ArtifactStaging staging = repository.staging();
          TemporalConnection temporal = TemporalConnection.open(connection)) {
        RunRecord record = new RunRecords(temporal.client()).read(workflow);
        Artifact artifact = find(record, node, name);
        String key = artifact.s3().key();
        Path target = to != null ? to : Path.of(key.substring(key.lastIndexOf('/') + 1));
        if (Files.exists(target)) {
          throw new UserError(ExitCodes.BAD_INPUT, target + " exists; give another --to");
        }
        try {
          staging.download(artifact, target);
        } catch (IOException e) {
          throw new UserError(
              ExitCodes.BAD_INPUT, "cannot download " + key + ": " + e.getMessage());
        }
        console.err().println(key + " -> " + target);
        return ExitCodes.OK;
      }
    }

    /** The artifact {@code name} among the outputs of the node {@code node} names. */
    static Artifact find(RunRecord record, String node, String name) {
      List<NodeStatus> matches =
          record.status().nodes().values().stream()
              .filter(
                  n -> node.equals(n.id()) || node.equals(n.name()) || node.equals(n.displayName()))
              .toList();
      if (matches.isEmpty()) {
        throw new UserError(
            ExitCodes.BAD_INPUT, "workflow " + record.name() + " has no node " + node);
      }
      if (matches.size() > 1) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            "node " + node + " is ambiguous in " + record.name() + "; give its full name or id");
      }
      NodeStatus n = matches.getFirst();
      List<Artifact> artifacts = n.outputs() == null ? List.of() : n.outputs().artifacts();
      return artifacts.stream()
          .filter(a -> a.name().equals(name) && a.s3() != null)
          .findFirst()
          .orElseThrow(
              () ->
                  new UserError(
                      ExitCodes.BAD_INPUT,
                      "node "
                          + n.name()
                          + " has no saved output artifact "
                          + name
                          + (artifacts.isEmpty()
                              ? ""
                              : " (it has "
                                  + String.join(
                                      ", ", artifacts.stream().map(Artifact::name).toList())
                                  + ")")));
    }
  }

  /**
   * {@code targo artifacts load} and {@code targo artifacts save}: the {@code init} and {@code
   * wait} containers of a Kubernetes pod with artifacts (docs/DESIGN.md §16), reading what to do
   * from {@code TARGO_ARTIFACTS}. A failure is written to the termination message, where the worker
   * and {@code kubectl describe} read it.
   */
  @Command(
      description =
          "Inside a pod of the kubernetes executor: load the inputs (load) or save the outputs"
              + " (save) the worker described in TARGO_ARTIFACTS.")
  static final class InPod implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Shared volume.")
    Path dir;

    @Option(
        names = "--secrets",
        required = true,
        paramLabel = "DIR",
        description = "Where the store's secrets are mounted (key K of secret N is N/K).")
    Path secrets;

    @Option(
        names = "--message-file",
        paramLabel = "FILE",
        defaultValue = "/dev/termination-log",
        description = "The container's termination message file.")
    Path messageFile;

    @Option(
        names = "--script",
        paramLabel = "FILE",
        description = "load: also write ARGO_SCRIPT_SOURCE there (a script template's source).")
    Path script;

    private final Console console;
    private final boolean load;

    InPod(Console console, boolean load) {
      this.console = console;
      this.load = load;
    }

    @Override
    public Integer call() throws Exception {
      String json = System.getenv(PodArtifacts.ENV);
      if (json == null) {
        throw new UserError(ExitCodes.BAD_INPUT, PodArtifacts.ENV + " is not set");
      }
      PodArtifacts spec = PodArtifacts.parse(json);
      if (!load) {
        ArtifactStaging.Saved saved = spec.save(dir, secrets, PodArtifacts.START_WAIT);
        PodArtifacts.writeMessage(messageFile, PodArtifacts.message(saved));
        for (Artifact a : saved.artifacts()) {
          console.out().println("saved " + a.name() + " as " + a.s3().key());
        }
        if (saved.error() != null) {
          console.err().println(saved.error());
        }
        return ExitCodes.OK;
      }
      if (script != null) {
        Files.createDirectories(script.getParent());
        String source = System.getenv("ARGO_SCRIPT_SOURCE");
        Files.writeString(script, source == null ? "" : source);
      }
      try {
        spec.load(dir, secrets);
      } catch (ArtifactStaging.ArtifactException e) {
        PodArtifacts.writeMessage(messageFile, e.getMessage());
        console.err().println(e.getMessage());
        return ExitCodes.WORKFLOW_FAILED;
      }
      for (Artifact a : spec.inputs()) {
        console.out().println("loaded " + a.name() + " for " + a.path());
      }
      return ExitCodes.OK;
    }
  }
}
