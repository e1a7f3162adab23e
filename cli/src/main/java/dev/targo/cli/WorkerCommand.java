package dev.targo.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.ArgoDurations;
import dev.targo.argo.pod.Clusters;
import dev.targo.cli.client.SearchAttributeSupport;
import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.connect.WorkerIdentity;
import dev.targo.cli.logs.PodLogs;
import dev.targo.worker.artifact.ArtifactRepositories;
import dev.targo.worker.artifact.ArtifactStaging;
import dev.targo.worker.artifact.PodArtifacts;
import dev.targo.worker.executor.ConfigMapFiles;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.executor.kubernetes.KubernetesAccess;
import dev.targo.worker.executor.kubernetes.KubernetesClients;
import dev.targo.worker.executor.kubernetes.KubernetesExecutor;
import dev.targo.worker.executor.kubernetes.PodArtifactSettings;
import dev.targo.worker.executor.kubernetes.PodSweeper;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.runtime.BackoffMetricsInterceptor;
import dev.targo.worker.runtime.LogContextInterceptor;
import dev.targo.worker.runtime.MeteredExecutor;
import dev.targo.worker.runtime.OpsServer;
import dev.targo.worker.runtime.ShutdownSignal;
import dev.targo.worker.runtime.TargoMetrics;
import dev.targo.worker.runtime.TemporalWorkflowStates;
import dev.targo.worker.runtime.WorkerLogLayout;
import dev.targo.worker.runtime.WorkerLogging;
import dev.targo.worker.runtime.WorkerRuntime;
import dev.targo.worker.workflow.WorkerSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code targo worker}: a long-running Temporal worker for targo's workflow and pod activities.
 * Activity slots run on virtual threads, so thousands of attempts can wait for their pods at once.
 * On SIGTERM it stops polling, gives running attempts a grace period, then lets go of them: their
 * activities time out on heartbeats and the next worker adopts their pods by name.
 */
@Command(
    name = "worker",
    description = "Run a targo worker: the workflow and the pod activities, until SIGTERM.")
public final class WorkerCommand implements java.util.concurrent.Callable<Integer> {

  @Option(
      names = "--config-map",
      paramLabel = "FILE",
      description =
          "ConfigMaps (Kubernetes YAML, as one would kubectl apply) whose keys give semaphore"
              + " limits of synchronization; read before the cluster's. Repeatable.")
  private List<Path> configMapFiles = new ArrayList<>();

  /** The ConfigMaps of {@link #configMapFiles}, read before anything starts. */
  private List<io.fabric8.kubernetes.api.model.ConfigMap> configMaps = List.of();

  @Option(
      names = "--executor",
      paramLabel = "KIND",
      defaultValue = "${env:TARGO_EXECUTOR:-kubernetes}",
      description = "local or kubernetes (env TARGO_EXECUTOR; default ${DEFAULT-VALUE}).")
  String executor;

  @Option(
      names = "--nodes",
      defaultValue = "${env:TARGO_NODES:-3}",
      description =
          "Simulated nodes of the local executor (env TARGO_NODES; default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Local executor's pod directory (env TARGO_STATE_DIR; default"
              + " $XDG_STATE_HOME/targo/pods).")
  Path stateDir;

  @picocli.CommandLine.Mixin ArtifactRepositoryOptions artifacts;

  @Option(
      names = "--pod-retention",
      paramLabel = "DURATION",
      defaultValue = "${env:TARGO_POD_RETENTION:-24h}",
      description =
          "Local executor: how long a finished pod's directory (its log and files) stays in the"
              + " state directory; 0 keeps them all (env TARGO_POD_RETENTION; default"
              + " ${DEFAULT-VALUE}).")
  String podRetention;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      defaultValue = "${env:TARGO_CLUSTER}",
      description =
          "Serve one cluster of targo's clusters extension: poll only task queue <task queue>-NAME"
              + " for the pod activities of templates annotated targo.dev/cluster(s), and run no"
              + " workflow; the local executor's nodes are named NAME-node-1 … (env"
              + " TARGO_CLUSTER; default: the workflow worker).")
  String cluster;

  @Option(
      names = "--kube-context",
      paramLabel = "NAME",
      defaultValue = "${env:TARGO_KUBE_CONTEXT}",
      description =
          "kubeconfig context of the kubernetes executor (env TARGO_KUBE_CONTEXT;"
              + " default: the current one, or in-cluster).")
  String kubeContext;

  @Option(
      names = "--failed-pod-restarts",
      paramLabel = "N",
      defaultValue = "${env:TARGO_FAILED_POD_RESTARTS:-0}",
      description =
          "kubernetes executor: create an attempt's pod again, up to N times, when it failed"
              + " before its main container ran because of its node (Evicted, NodeShutdown,"
              + " NodeAffinity, UnexpectedAdmissionError), without costing a retry: Argo 4's"
              + " failedPodRestart (env TARGO_FAILED_POD_RESTARTS; default ${DEFAULT-VALUE}: off,"
              + " as in Argo, whose maxRestarts is 3 once on).")
  int failedPodRestarts;

  @Option(
      names = "--artifact-image",
      paramLabel = "IMAGE",
      defaultValue = "${env:TARGO_ARTIFACT_IMAGE:-" + PodArtifactSettings.DEFAULT_IMAGE + "}",
      description =
          "kubernetes executor: the image of the init and wait containers of pods with artifacts,"
              + " the one targo's Dockerfile builds (env TARGO_ARTIFACT_IMAGE; default"
              + " ${DEFAULT-VALUE}).")
  String artifactImage;

  @Option(
      names = "--kube-namespace",
      paramLabel = "NAME",
      defaultValue = "${env:TARGO_KUBE_NAMESPACE}",
      description =
          "Namespace for pods of workflows that name none (env TARGO_KUBE_NAMESPACE;"
              + " default: the kubeconfig's or service account's).")
  String kubeNamespace;

  @Option(
      names = "--max-concurrent-activities",
      defaultValue = "${env:TARGO_MAX_CONCURRENT_ACTIVITIES:-2000}",
      description =
          "Attempts run at once (env TARGO_MAX_CONCURRENT_ACTIVITIES; default ${DEFAULT-VALUE}).")
  int maxConcurrentActivities;

  @Option(
      names = "--max-concurrent-workflow-tasks",
      defaultValue = "${env:TARGO_MAX_CONCURRENT_WORKFLOW_TASKS:-200}",
      description =
          "Workflow tasks run at once (env TARGO_MAX_CONCURRENT_WORKFLOW_TASKS; default ${DEFAULT-VALUE}).")
  int maxConcurrentWorkflowTasks;

  @Option(
      names = "--sticky-cache-size",
      defaultValue = "${env:TARGO_STICKY_CACHE_SIZE:-600}",
      description =
          "Workflows kept in memory between tasks (env TARGO_STICKY_CACHE_SIZE; default ${DEFAULT-VALUE}).")
  int stickyCacheSize;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:TARGO_METRICS_PORT:-9464}",
      description =
          "Port of /metrics, /healthz and /readyz; -1 for none (env TARGO_METRICS_PORT; default ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--metrics-address",
      paramLabel = "HOST",
      defaultValue = "${env:TARGO_METRICS_ADDRESS:-0.0.0.0}",
      description =
          "Address /metrics, /healthz and /readyz listen on: 0.0.0.0 for every interface (reachable"
              + " in a pod), 127.0.0.1 for this machine only (env TARGO_METRICS_ADDRESS; default ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "SECONDS",
      defaultValue = "${env:TARGO_SHUTDOWN_GRACE:-20}",
      description =
          "Seconds running attempts get to finish after SIGTERM (env TARGO_SHUTDOWN_GRACE; default ${DEFAULT-VALUE}).")
  int shutdownGrace;

  @Option(
      names = "--connect-wait",
      paramLabel = "DURATION",
      defaultValue = "${env:TARGO_CONNECT_WAIT:-2m}",
      description =
          "How long the worker keeps trying to reach Temporal at start (a server restarting, a"
              + " database still coming up) before it gives up with exit code 3; 0 gives up at"
              + " once (env TARGO_CONNECT_WAIT; default ${DEFAULT-VALUE}).")
  String connectWait;

  @Option(
      names = "--sweep-interval",
      paramLabel = "DURATION",
      defaultValue = "${env:TARGO_SWEEP_INTERVAL:-5m}",
      description =
          "How often the kubernetes executor deletes pods whose workflow was terminated, timed"
              + " out, cancelled or is gone; 0 for never (env TARGO_SWEEP_INTERVAL; default"
              + " ${DEFAULT-VALUE}).")
  String sweepInterval;

  @Option(
      names = "--register-search-attributes",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Register ArgoPhase, ArgoTemplate, ArgoNamespace and ArgoAttempts at start (default: on).")
  boolean registerSearchAttributes;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "${env:TARGO_LOG_FORMAT:-text}",
      description =
          "text, or json: one JSON object per line (env TARGO_LOG_FORMAT; default ${DEFAULT-VALUE}).")
  WorkerLogLayout.Format logFormat;

  @Mixin ConnectionOptions connection;

  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

  private final Console console;
  private final ShutdownSignal stop;
  private volatile boolean ready;

  /**
   * @param stop when to shut the worker down (SIGTERM in {@code targo}, a call in tests)
   */
  public WorkerCommand(Console console, ShutdownSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws Exception {
    try {
      configMaps = ConfigMapFiles.read(configMapFiles);
    } catch (java.io.IOException e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }
    try (WorkerLogging logging = WorkerLogging.start(logFormat, console.err())) {
      return run(logging);
    } finally {
      stop.stopped();
    }
  }

  /**
   * A notice for the operator: a plain line in text format, a log line (a JSON object like every
   * other line) in json format.
   */
  private void notice(String message) {
    if (logFormat == WorkerLogLayout.Format.json) {
      LOG.info(message);
    } else {
      console.err().println(message);
      console.err().flush();
    }
  }

  private Integer run(WorkerLogging logging) throws Exception {
    Duration sweepEvery = sweepInterval();
    Duration retention = duration("--pod-retention", podRetention);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TargoMetrics metrics = new TargoMetrics(registry);
    WorkerRuntime.Options options =
        new WorkerRuntime.Options(
            maxConcurrentActivities, maxConcurrentWorkflowTasks, stickyCacheSize);
    try (PodExecutor raw = executor(retention);
        TemporalConnection temporal =
            Patience.open(
                () -> TemporalConnection.open(connection, registry, WorkerIdentity.of(executor)),
                duration("--connect-wait", connectWait),
                Duration.ofSeconds(2),
                this::notice);
        PodSweeper sweeper = sweeper(raw, sweepEvery, temporal, metrics);
        OpsServer ops = opsServer(registry)) {
      PodExecutor pods = new MeteredExecutor(ConfigMapFiles.over(raw, configMaps), metrics);
      logging.outage().address(temporal.address());
      if (registerSearchAttributes) {
        registerSearchAttributes(temporal);
      }
      WorkerRuntime runtime =
          cluster == null
              ? WorkerRuntime.start(
                  temporal.client(),
                  temporal.taskQueue(),
                  options,
                  pods,
                  WorkerSettings.fromEnvironment(),
                  new BackoffMetricsInterceptor(metrics),
                  new LogContextInterceptor())
              : WorkerRuntime.startCluster(
                  temporal.client(),
                  temporal.taskQueue(),
                  cluster,
                  options,
                  pods,
                  WorkerSettings.fromEnvironment(),
                  new LogContextInterceptor());
      stop.arm();
      ready = true;
      notice(
          "targo worker polling task queue "
              + (cluster == null
                  ? temporal.taskQueue()
                  : Clusters.taskQueue(temporal.taskQueue(), cluster)
                      + " (pod activities of cluster "
                      + cluster
                      + ")")
              + " of namespace "
              + temporal.namespace()
              + " at "
              + temporal.address()
              + " with the "
              + executor
              + " executor"
              + (ops == null
                  ? ""
                  : "; /metrics, /healthz, /readyz on "
                      + ops.address().getHostString()
                      + " port "
                      + ops.port()));
      stop.awaitRequest();
      ready = false;
      notice("targo worker stopping: no new attempts; " + metrics.podsInFlight() + " in flight");
      runtime.stop(Duration.ofSeconds(shutdownGrace));
      return ExitCodes.OK;
    }
  }

  /** The sweep interval; zero when sweeping is off. */
  private Duration sweepInterval() {
    return duration("--sweep-interval", sweepInterval);
  }

  /** {@code value} of {@code flag} as a duration ({@code 90s}, {@code 24h}, {@code 0}). */
  private static Duration duration(String flag, String value) {
    try {
      return ArgoDurations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.BAD_INPUT, flag + ": " + e.getMessage());
    }
  }

  /** The server of /metrics, /healthz and /readyz; null with a negative port. */
  private OpsServer opsServer(PrometheusMeterRegistry registry) throws IOException {
    if (metricsPort < 0) {
      return null;
    }
    try {
      return new OpsServer(metricsAddress, metricsPort, registry, () -> ready);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
    }
  }

  /** The leftover-pod sweeper of a kubernetes executor, started; null when there is none. */
  private static PodSweeper sweeper(
      PodExecutor executor, Duration every, TemporalConnection temporal, TargoMetrics metrics) {
    if (!(executor instanceof KubernetesExecutor kubernetes) || every.isZero()) {
      return null;
    }
    PodSweeper sweeper =
        new PodSweeper(
            kubernetes,
            new TemporalWorkflowStates(temporal.service(), temporal.namespace()),
            metrics::podsSwept);
    sweeper.start(every);
    return sweeper;
  }

  /** The artifact repository's staging, or one without a repository (only raw inputs work). */
  private ArtifactStaging artifactStaging() {
    ArtifactStaging staging = artifacts.staging(configMaps);
    if (staging.repository() != null) {
      notice("artifact repository: " + staging.repository());
    }
    return staging;
  }

  /**
   * What pods with artifacts are given: the repository's {@code s3} block, never its credentials,
   * which the pods read from the secrets it names.
   */
  private PodArtifactSettings podArtifacts() {
    ObjectNode fallback = null;
    if (artifacts.file != null) {
      try {
        fallback =
            ArtifactRepositories.s3Block(
                Files.readString(artifacts.file), artifacts.file.toString());
      } catch (IOException e) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            artifacts.file + ": cannot read the artifact repository: " + e.getMessage());
      } catch (ArtifactRepositories.InvalidRepository e) {
        throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
      }
      if (!PodArtifacts.namesCredentials(fallback)) {
        notice(
            "targo worker: the artifact repository names no accessKeySecret and secretKeySecret;"
                + " pods with artifacts cannot reach it on the kubernetes executor");
      }
    }
    ObjectNode repository = fallback;
    List<ConfigMap> maps = configMaps;
    return new PodArtifactSettings(
        artifactImage, ref -> ref == null ? repository : ArtifactRepositories.s3Block(ref, maps));
  }

  private PodExecutor executor(Duration podRetention) {
    if (cluster != null) {
      String problem = Clusters.problem(Map.of(Clusters.CLUSTER, cluster));
      if (problem != null) {
        throw new UserError(ExitCodes.BAD_INPUT, "--cluster: " + problem);
      }
    }
    return switch (executor) {
      case "local" -> {
        if (nodes < 1) {
          throw new UserError(ExitCodes.BAD_INPUT, "--nodes must be at least 1");
        }
        Path dir = stateDir != null ? stateDir : PodLogs.defaultStateDir();
        yield new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withNodes(nodes)
                .withNodePrefix(
                    cluster == null
                        ? LocalExecutorOptions.NODE_PREFIX
                        : cluster + "-" + LocalExecutorOptions.NODE_PREFIX)
                .withStateDir(dir)
                .withPodRetention(podRetention)
                // A stopping worker lets its pods run on: the next worker adopts them.
                .withPodsOutliveClose(true),
            artifactStaging());
      }
      case "kubernetes" -> {
        if (failedPodRestarts < 0) {
          throw new UserError(ExitCodes.BAD_INPUT, "--failed-pod-restarts must not be negative");
        }
        KubernetesExecutor kubernetes =
            checkedAccess(
                KubernetesClients.executor(kubeContext, kubeNamespace, failedPodRestarts));
        kubernetes.useArtifacts(podArtifacts());
        yield kubernetes;
      }
      default ->
          throw new UserError(
              ExitCodes.BAD_INPUT, "unknown executor '" + executor + "' (local or kubernetes)");
    };
  }

  /**
   * Asks the API server whether the executor's identity has the rights the executor uses, so that a
   * worker without them stops at once with one line rather than failing every attempt. Where the
   * API server cannot be asked now, the worker starts all the same (attempts wait for it).
   */
  private KubernetesExecutor checkedAccess(KubernetesExecutor executor) {
    List<KubernetesAccess.Right> missing;
    try {
      missing = executor.missingRights();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401) {
        executor.close();
        throw new UserError(
            ExitCodes.BAD_INPUT,
            "the Kubernetes API server at "
                + executor.masterUrl()
                + " refused the kubeconfig's credentials (401 Unauthorized)");
      }
      notice(
          "targo worker: cannot check the Kubernetes rights at "
              + executor.masterUrl()
              + " now ("
              + firstLine(e.getMessage())
              + "); starting anyway");
      return executor;
    }
    if (missing.isEmpty()) {
      return executor;
    }
    String user = executor.userName();
    executor.close();
    throw new UserError(
        ExitCodes.BAD_INPUT,
        "the Kubernetes identity "
            + (user == null ? "of the kubeconfig" : user)
            + " may not "
            + String.join(", ", missing.stream().map(Object::toString).toList())
            + " in namespace "
            + executor.defaultNamespace()
            + " (RBAC); grant them as deploy/rbac.yaml does");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private void registerSearchAttributes(TemporalConnection temporal) {
    SearchAttributeSupport.Registration r =
        SearchAttributeSupport.register(temporal.service(), temporal.namespace());
    String message =
        switch (r) {
          case PRESENT ->
              "search attributes ArgoPhase, ArgoTemplate, ArgoNamespace, ArgoAttempts are registered";
          case ADDED ->
              "registered search attributes ArgoPhase, ArgoTemplate, ArgoNamespace, ArgoAttempts";
          case UNSUPPORTED ->
              "this Temporal server does not let targo register search attributes; workflows run without them";
        };
    notice("targo worker: " + message);
  }
}
