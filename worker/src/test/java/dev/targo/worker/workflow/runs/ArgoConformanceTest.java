package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.Problem;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.artifact.ArtifactRepositories;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import dev.targo.worker.executor.ConfigMapFiles;
import dev.targo.worker.executor.local.ContainerLaunch;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.executor.local.LocalPodFields;
import dev.targo.worker.support.EnvClock;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conformance with Argo's own {@code examples/} folder, as Argo's e2e suite judges it ({@code
 * test/e2e/examples_test.go}: every example without the {@code workflows.argoproj.io/no-test} label
 * must Succeed; the labelled ones, whose outcome Argo does not check, are skipped here and the few
 * whose outcome Argo's other e2e tests state are in {@link ArgoExamplesWorkflowTest}). Every file
 * is linted; every file that lints clean, carries no such label and needs nothing this machine
 * lacks runs on the local executor in this one JVM. Prints a table ({@code N passed, N failed, N
 * skipped, N refused}, with the reason of each skip and refusal) and fails when a runnable example
 * does not end as Argo expects. Set {@code ARGO_EXAMPLES_DIR} to run it.
 */
class ArgoConformanceTest {
  private static final String DIR = System.getenv("ARGO_EXAMPLES_DIR");

  /** A regular expression: only the examples whose file name it finds run (all when unset). */
  private static final String ONLY = System.getenv("ARGO_EXAMPLES_ONLY");

  /** Longest an example may take; Argo's slowest runnable examples sleep well under this. */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private record Outcome(String file, String kind, String detail) {}

  /**
   * Examples whose commands need a program only their image holds (the local executor runs commands
   * on this machine, not images).
   */
  private static final Map<String, String> IMAGE_PROGRAMS =
      Map.of("conditionals.yaml", "cowsay, of image argoproj/argosay:v1");

  /**
   * Examples whose outcome is random: each attempt fails 2 times in 3 under {@code limit: "10"}, so
   * about one run in 90 fails every attempt; {@link ArgoExamplesWorkflowTest} judges both outcomes.
   */
  private static final Map<String, String> RANDOM =
      Map.of(
          "retry-container.yaml", "random outcome: judged by ArgoExamplesWorkflowTest",
          "retry-script.yaml", "random outcome: judged by ArgoExamplesWorkflowTest");

  @Test
  void everyRunnableExampleEndsAsArgoExpects() throws Exception {
    assumeTrue(DIR != null && !DIR.isBlank(), "ARGO_EXAMPLES_DIR is not set");
    Path root = Path.of(DIR);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<Path> chosen =
        ONLY == null || ONLY.isBlank()
            ? files
            : files.stream()
                .filter(p -> java.util.regex.Pattern.compile(ONLY).matcher(p.toString()).find())
                .toList();
    Harness harness = localHarness();
    // Every template of the folder, as `targo lint examples/**` gives them all at once.
    List<Document> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(
          Documents.split(root.relativize(file).toString(), Files.readString(file)).documents());
    }
    TemplateLookup lookup = TemplateLookup.of(all);
    List<Outcome> outcomes = new ArrayList<>();
    for (Path file : chosen) {
      String name = root.relativize(file).toString();
      outcomes.add(judge(harness, name, file, lookup));
    }
    Map<String, Integer> counts = new TreeMap<>();
    StringBuilder table = new StringBuilder("\nArgo examples conformance\n");
    for (Outcome o : outcomes) {
      counts.merge(o.kind(), 1, Integer::sum);
      table.append(String.format(Locale.ROOT, "  %-8s %-62s %s%n", o.kind(), o.file(), o.detail()));
    }
    table.append(
        String.format(
            Locale.ROOT,
            "%d passed, %d failed, %d skipped, %d refused (of %d files)%n",
            counts.getOrDefault("passed", 0),
            counts.getOrDefault("failed", 0),
            counts.getOrDefault("skipped", 0),
            counts.getOrDefault("refused", 0),
            outcomes.size()));
    System.out.println(table);

    assertThat(outcomes).filteredOn(o -> o.kind().equals("failed")).isEmpty();
    assertThat(counts.getOrDefault("passed", 0)).isPositive();
  }

  private Outcome judge(Harness harness, String name, Path file, TemplateLookup lookup)
      throws Exception {
    Documents.Split split = Documents.split(name, Files.readString(file));
    if (!split.problems().isEmpty()) {
      Problem first = split.problems().getFirst();
      return new Outcome(name, "refused", first.code() + " " + first.message());
    }
    WorkflowPlan plan = null;
    for (Document document : split.documents()) {
      Translation translation = Translator.lint(document, lookup);
      if (translation instanceof Translation.Failed failed) {
        Problem first = failed.problems().getFirst();
        return new Outcome(name, "refused", first.code() + " " + first.message());
      }
      if (translation instanceof Translation.Ok ok && plan == null) {
        plan = ok.plan();
      }
    }
    if (plan == null) {
      return new Outcome(name, "skipped", "holds templates only (checked, nothing to run)");
    }
    String noTest = plan.labels().get("workflows.argoproj.io/no-test");
    if (RANDOM.containsKey(name)) {
      return new Outcome(name, "skipped", RANDOM.get(name));
    }
    if (noTest != null) {
      return new Outcome(name, "skipped", "Argo's e2e suite leaves it out too: " + noTest);
    }
    String lacking = IMAGE_PROGRAMS.containsKey(name) ? "needs " + IMAGE_PROGRAMS.get(name) : null;
    lacking = lacking != null ? lacking : lacking(plan);
    if (lacking != null) {
      return new Outcome(name, "skipped", lacking);
    }
    String id = name.replaceAll("[^a-z0-9-]", "-");
    ArgoWorkflow workflow = harness.start(new WorkflowRun(id, "argo", plan, Map.of(), null));
    WorkflowStatus status;
    try {
      status = resultWithin(workflow);
    } catch (TimeoutException e) {
      return new Outcome(name, "failed", "still running after " + LIMIT);
    }
    if (status.phase() == NodePhase.Succeeded) {
      return new Outcome(name, "passed", "Succeeded");
    }
    return new Outcome(
        name, "failed", status.phase() + " (Argo expects Succeeded): " + status.message());
  }

  private static WorkflowStatus resultWithin(ArgoWorkflow workflow) throws TimeoutException {
    try {
      return WorkflowStub.fromTyped(workflow)
          .getResult(LIMIT.toSeconds(), TimeUnit.SECONDS, WorkflowStatus.class);
    } catch (io.temporal.client.WorkflowFailedException e) {
      return dev.targo.api.temporal.ArgoFailures.workflowStatus(e).orElseThrow(() -> e);
    }
  }

  /**
   * What the local executor cannot give this example, or null: a volume other than emptyDir, a
   * container that relies on its image's entrypoint (the local executor runs commands, not images),
   * an http template (Argo's examples call hosts on the internet), or an artifact in a store of its
   * own (an {@code s3} with an {@code endpoint}, such as {@code s3.amazonaws.com}: this machine
   * reaches only the embedded store).
   */
  private static String lacking(WorkflowPlan plan) {
    List<String> volumes = LocalPodFields.refusals(plan);
    if (!volumes.isEmpty()) {
      // What `targo run` refuses before it starts anything.
      return volumes.getFirst();
    }
    for (Template t : plan.templates().values()) {
      if (t.hasArtifacts() && !LocalExecutor.ownRootsAvailable()) {
        return "needs bubblewrap: the local executor runs artifacts only in a pod's own root";
      }
      if (t.body() instanceof TemplateBody.ContainerBody c && lacksEntrypoint(c.container())) {
        return "needs the entrypoint of image " + c.container().image();
      }
      if (t.body() instanceof TemplateBody.HttpBody h) {
        // Its URLs are on the internet (or templated from arguments that are): not reachable here.
        return "needs the network: http template " + t.name() + " (" + h.http().url() + ")";
      }
      if (t.body() instanceof TemplateBody.ContainerSetBody set) {
        for (var c : set.containers()) {
          if (lacksEntrypoint(c.container())) {
            return "needs the entrypoint of image " + c.container().image();
          }
        }
      }
      for (var a :
          Stream.concat(t.inputArtifacts().stream(), t.outputArtifacts().stream()).toList()) {
        if (a.s3() != null && a.s3().endpoint() != null) {
          return "needs the object store " + a.s3().endpoint() + " (network)";
        }
      }
    }
    return null;
  }

  /** A container without a command whose image's entrypoint the local executor does not know. */
  private static boolean lacksEntrypoint(dev.targo.argo.plan.ContainerSpec c) {
    return c.command().isEmpty() && !ContainerLaunch.knowsEntrypoint(c.image());
  }

  /**
   * The local executor, answering for the ConfigMaps of the folder's {@code configmaps/} (Argo's
   * e2e suite applies them in its namespace, {@code argo}, before it runs the examples; here they
   * are the worker's {@code --config-map} files), with the embedded object store as the artifact
   * repository.
   */
  private Harness localHarness() throws java.io.IOException {
    List<Path> files;
    Path dir = Path.of(DIR, "configmaps");
    try (Stream<Path> list = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<io.fabric8.kubernetes.api.model.ConfigMap> configMaps = ConfigMapFiles.read(files);
    configMaps.forEach(c -> c.getMetadata().setNamespace("argo"));
    // The artifact examples' repository: the store `targo run` embeds, on a folder of its own.
    EmbeddedObjectStore store =
        harnesses.closeAfter(
            EmbeddedObjectStore.start(Files.createTempDirectory("targo-conformance-artifacts-")));
    // Argo's e2e cluster has the ConfigMap artifact-repositories with key my-key: here, the same
    // store (artifact-repository-ref.yaml names it).
    ArtifactStaging artifacts =
        harnesses.closeAfter(
            new ArtifactStaging(
                store.repository(),
                null,
                ref -> {
                  if (ref.configMap().equals("artifact-repositories")
                      && "my-key".equals(ref.key())) {
                    return store.repository();
                  }
                  throw ArtifactRepositories.notFound(ref);
                }));
    return harnesses.start(
        env ->
            ConfigMapFiles.over(
                harnesses.closeAfter(
                    new LocalExecutor(
                        new LocalExecutorOptions(
                            3,
                            Names.DEFAULT_HOSTNAME_LABEL,
                            null,
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(5),
                            1000,
                            new EnvClock(env::currentTimeMillis)),
                        artifacts)),
                configMaps),
        WorkerSettings.defaults(null));
  }
}
