package dev.targo.cli;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.Clusters;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.cli.client.PayloadLimits;
import dev.targo.cli.client.RunCaches;
import dev.targo.cli.client.Submission;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.client.Watcher;
import dev.targo.cli.client.WorkflowNames;
import dev.targo.cli.logs.PodLogs;
import dev.targo.cli.render.EventLog;
import dev.targo.cli.render.GetPrinter;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.cli.render.WorkflowView;
import dev.targo.translator.TemplateLookup;
import dev.targo.worker.activity.CacheStore;
import dev.targo.worker.artifact.ArtifactRepositories;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.EmbeddedObjectStore;
import dev.targo.worker.executor.ConfigMapFiles;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.executor.local.LocalPodFields;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code targo run FILE}: everything in one process — the embedded Temporal server, a worker with
 * the {@code local} executor, the submission, and a live view of the node tree until the workflow
 * ends.
 */
@Command(
    name = "run",
    description =
        "Run an Argo workflow in this process: embedded Temporal, a worker with the local"
            + " executor, and a live node tree.")
final class RunCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Workflow files ('-' = stdin): one Workflow document, and the WorkflowTemplate and"
              + " ClusterWorkflowTemplate documents it refers to.")
  List<String> files;

  @Option(
      names = {"-p", "--parameter"},
      paramLabel = "NAME=VALUE",
      description = "Workflow parameter (spec.arguments.parameters), repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(
      names = "--nodes",
      defaultValue = "3",
      description = "Number of simulated nodes of the local executor (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Final output: json, yaml or wide (default: the argo get tree).")
  String output;

  @Option(names = "--no-utf8", description = "ASCII tree and phase words instead of icons.")
  boolean noUtf8;

  @Option(
      names = "--config-map",
      paramLabel = "FILE",
      description =
          "ConfigMaps (Kubernetes YAML) whose keys give semaphore limits of synchronization."
              + " Repeatable.")
  List<java.nio.file.Path> configMapFiles = new java.util.ArrayList<>();

  private final Console console;

  RunCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    if (output != null && !List.of("json", "yaml", "wide").contains(output)) {
      throw new UserError(ExitCodes.BAD_INPUT, "unknown output format '" + output + "'");
    }
    if (nodes < 1) {
      throw new UserError(ExitCodes.BAD_INPUT, "--nodes must be at least 1");
    }
    // The embedded server starts empty: the templates come from the files given, nowhere else.
    Plans.Prepared prepared =
        Plans.prepare(
            console, Manifests.readAll(files, console.stdin()), TemplateLookup.NONE, parameters);
    if (prepared.workflows().size() != 1) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "targo run runs one Workflow; the files hold " + prepared.workflows().size());
    }
    WorkflowPlan plan = prepared.workflows().get(0).plan();
    List<String> refusals = LocalPodFields.refusals(plan);
    if (!refusals.isEmpty()) {
      // Nothing starts: the local executor would end these pods in Error.
      throw new UserError(ExitCodes.BAD_INPUT, String.join("\n", refusals));
    }
    LocalPodFields.ignored(plan).forEach(w -> console.err().println("warning: " + w));
    String text = prepared.workflows().get(0).memoYaml();
    String name = WorkflowNames.choose(plan, null, new SecureRandom());
    String namespace = plan.namespace() != null ? plan.namespace() : Names.DEFAULT_NAMESPACE;
    Submission submission = new Submission(plan, name, namespace, parameters, text);
    PayloadLimits.check(submission);
    List<io.fabric8.kubernetes.api.model.ConfigMap> configMaps;
    try {
      configMaps = ConfigMapFiles.read(configMapFiles);
    } catch (java.io.IOException e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }

    try (EmbeddedTemporal temporal = EmbeddedTemporal.start();
        EmbeddedObjectStore store = artifactStore(plan);
        ArtifactStaging artifacts =
            new ArtifactStaging(
                store == null ? null : store.repository(),
                null,
                ref -> ArtifactRepositories.find(ref, configMaps, null, System.getenv()));
        LocalExecutor executor =
            new LocalExecutor(LocalExecutorOptions.defaults().withNodes(nodes), artifacts)) {
      if (store != null) {
        console
            .err()
            .println(
                "embedded object store (s3proxy) on "
                    + store.repository().endpoint()
                    + ", bucket "
                    + EmbeddedObjectStore.BUCKET);
      }
      List<String> clusters = Clusters.inTemplates(plan.templates().values());
      console
          .err()
          .println(
              "embedded Temporal server on "
                  + temporal.address()
                  + "; local executor with "
                  + nodes
                  + " simulated nodes"
                  + (clusters.isEmpty()
                      ? ""
                      : "; clusters " + String.join(", ", clusters) + " with as many each"));
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setDataConverter(PayloadJson.dataConverter())
                  .build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      TargoWorker.register(factory, Names.TASK_QUEUE, ConfigMapFiles.over(executor, configMaps));
      // targo's clusters: one more embedded worker per cluster the workflow names, on its own
      // task queue, whose local executor's nodes carry the cluster's name (gpu-east-node-1).
      List<LocalExecutor> clusterExecutors = new java.util.ArrayList<>();
      for (String cluster : clusters) {
        LocalExecutor clusterExecutor =
            new LocalExecutor(
                LocalExecutorOptions.defaults()
                    .withNodes(nodes)
                    .withNodePrefix(cluster + "-" + LocalExecutorOptions.NODE_PREFIX),
                artifacts);
        clusterExecutors.add(clusterExecutor);
        TargoWorker.registerCluster(
            factory,
            Names.TASK_QUEUE,
            cluster,
            WorkerOptions.getDefaultInstance(),
            ConfigMapFiles.over(clusterExecutor, configMaps),
            WorkerSettings.fromEnvironment(),
            Clock.systemUTC());
      }
      factory.start();
      CacheStore cacheStore = new CacheStore(client, Names.TASK_QUEUE);
      RunCaches caches = RunCaches.of(plan, PodLogs.defaultStateDir().resolveSibling("caches"));
      try {
        Plans.store(console, new TemplateStore(client, Names.TASK_QUEUE), prepared.templates());
        if (caches != null) {
          int loaded = caches.load(cacheStore);
          console.err().println("memoization caches: " + loaded + " entries from earlier runs");
        }
        Instant created = Instant.now();
        submission.start(client, Names.TASK_QUEUE);
        console.err().println("submitted " + name);
        WorkflowStatus last = watch(client, plan, name, namespace, created);
        if (caches != null) {
          caches.save(cacheStore);
        }
        print(plan, name, namespace, created, last, text);
        return last.phase() == NodePhase.Succeeded ? ExitCodes.OK : ExitCodes.WORKFLOW_FAILED;
      } finally {
        // Stop the worker's pollers before their channel, so they end quietly.
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        service.shutdownNow();
        service.awaitTermination(10, TimeUnit.SECONDS);
        clusterExecutors.forEach(LocalExecutor::close);
      }
    }
  }

  private WorkflowStatus watch(
      WorkflowClient client, WorkflowPlan plan, String name, String namespace, Instant created)
      throws InterruptedException {
    boolean redraw = console.terminal() && output == null;
    EventLog events = new EventLog(console.err());
    return new Watcher(client)
        .watch(
            name,
            Duration.ofMillis(500),
            (status, finished) -> {
              if (redraw && !finished) {
                console.out().print("\033[H\033[2J");
                console.out().print(printer().print(view(plan, name, namespace, created, status)));
                console.out().flush();
              } else if (!redraw) {
                events.update(status);
              }
            });
  }

  private void print(
      WorkflowPlan plan,
      String name,
      String namespace,
      Instant created,
      WorkflowStatus status,
      String text) {
    WorkflowView view = view(plan, name, namespace, created, status);
    if ("json".equals(output)) {
      console.out().println(WorkflowDocument.json(WorkflowDocument.of(view, text)));
    } else if ("yaml".equals(output)) {
      console.out().print(WorkflowDocument.yaml(WorkflowDocument.of(view, text)));
    } else {
      if (console.terminal()) {
        console.out().print("\033[H\033[2J");
      }
      console.out().print(printer().print(view));
    }
    console.out().flush();
  }

  private WorkflowView view(
      WorkflowPlan plan, String name, String namespace, Instant created, WorkflowStatus status) {
    return new WorkflowView(
        name, namespace, plan.serviceAccountName(), created, plan.arguments(), status);
  }

  private GetPrinter printer() {
    return new GetPrinter(
        new GetPrinter.Options("wide".equals(output), !noUtf8, ZoneId.systemDefault()),
        Instant.now());
  }

  /**
   * The embedded object store when the workflow has artifacts (s3proxy on a free loopback port, its
   * objects under the state directory's {@code artifacts} folder), else null: a workflow without
   * artifacts does not pay for its start.
   */
  private static EmbeddedObjectStore artifactStore(WorkflowPlan plan) throws java.io.IOException {
    boolean artifacts =
        plan.templates().values().stream().anyMatch(dev.targo.argo.plan.Template::hasArtifacts);
    if (!artifacts) {
      return null;
    }
    return EmbeddedObjectStore.start(PodLogs.defaultStateDir().resolveSibling("artifacts"));
  }
}
