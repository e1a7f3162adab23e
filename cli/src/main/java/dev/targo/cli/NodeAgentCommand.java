package dev.targo.cli;

import dev.targo.worker.executor.kubernetes.KubernetesClients;
import dev.targo.worker.nodeagent.NodeAgent;
import dev.targo.worker.nodeagent.NodeAgentOptions;
import dev.targo.worker.runtime.ShutdownSignal;
import dev.targo.worker.runtime.WorkerLogLayout;
import dev.targo.worker.runtime.WorkerLogging;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code targo node-agent}: plays the kubelet of the named nodes on a Kubernetes control plane
 * without kubelets (scripts/kube-up starts one), running their pods' containers as processes of
 * this machine, until SIGTERM. A test and development tool: see {@link NodeAgent}.
 */
@Command(
    name = "node-agent",
    description =
        "Play the kubelet of nodes on a control plane without kubelets (scripts/kube-up): register"
            + " them, run the pods bound to them as local processes, serve their logs, until"
            + " SIGTERM. Fault on request: annotate a node targo.dev/node-agent-fault=evict,"
            + " no-start or not-ready.")
public final class NodeAgentCommand implements Callable<Integer> {

  @Option(
      names = "--nodes",
      required = true,
      split = ",",
      paramLabel = "NAME",
      description = "Nodes to register and run pods for, comma-separated.")
  List<String> nodes;

  @Option(
      names = "--zones",
      split = ",",
      paramLabel = "ZONE",
      description =
          "topology.kubernetes.io/zone of the nodes, in turn (default eu-west-1a,eu-west-1b).")
  List<String> zones;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubeconfig file (default: KUBECONFIG, or ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--kube-context", paramLabel = "NAME", description = "kubeconfig context.")
  String context;

  @Option(
      names = "--kubelet-port",
      defaultValue = "0",
      description = "Port of the kubelet endpoint (container logs) on 127.0.0.1; 0 for a free one.")
  int kubeletPort;

  @Option(
      names = "--keystore",
      required = true,
      paramLabel = "FILE",
      description = "PKCS#12 key store of the kubelet endpoint's certificate.")
  Path keyStore;

  @Option(
      names = "--keystore-password",
      defaultValue = "${env:TARGO_KEYSTORE_PASSWORD:-targo}",
      paramLabel = "PASSWORD",
      description = "Its password (env TARGO_KEYSTORE_PASSWORD; default: targo).")
  String keyStorePassword;

  @Option(
      names = "--client-ca",
      paramLabel = "FILE",
      description = "Serve only clients whose certificate this CA signed (the API server's).")
  Path clientCa;

  @Option(
      names = "--state-dir",
      required = true,
      paramLabel = "DIR",
      description = "Where pods keep their working folders and container logs.")
  Path stateDir;

  private final Console console;
  private final ShutdownSignal stop;

  public NodeAgentCommand(Console console, ShutdownSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws Exception {
    try (WorkerLogging logging = WorkerLogging.start(WorkerLogLayout.Format.text, console.err())) {
      return run();
    } finally {
      stop.stopped();
    }
  }

  private Integer run() throws Exception {
    if (!Files.isReadable(keyStore)) {
      throw new UserError(ExitCodes.BAD_INPUT, "--keystore: cannot read " + keyStore);
    }
    if (clientCa != null && !Files.isReadable(clientCa)) {
      throw new UserError(ExitCodes.BAD_INPUT, "--client-ca: cannot read " + clientCa);
    }
    NodeAgentOptions options =
        new NodeAgentOptions(
            nodes,
            zones,
            kubeletPort,
            keyStore,
            keyStorePassword.toCharArray(),
            clientCa,
            stateDir,
            Duration.ofSeconds(10));
    try (KubernetesClient client = KubernetesClients.fromConfig(config());
        NodeAgent agent = start(client, options)) {
      stop.arm();
      console
          .err()
          .println(
              "targo node-agent: nodes "
                  + String.join(", ", agent.nodes())
                  + " registered and Ready; kubelet endpoint on 127.0.0.1 port "
                  + agent.kubeletPort());
      console.err().flush();
      stop.awaitRequest();
      console
          .err()
          .println("targo node-agent stopping: " + agent.podsInFlight() + " pod(s) in flight");
      console.err().flush();
      return ExitCodes.OK;
    }
  }

  private static NodeAgent start(KubernetesClient client, NodeAgentOptions options)
      throws Exception {
    try {
      return NodeAgent.start(client, options);
    } catch (KubernetesClientException e) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "cannot register the nodes at "
              + client.getMasterUrl()
              + ": "
              + (e.getStatus() != null && e.getStatus().getMessage() != null
                  ? e.getStatus().getMessage()
                  : e.getMessage()));
    }
  }

  private Config config() {
    if (kubeconfig == null) {
      return Config.autoConfigure(context);
    }
    if (!Files.isReadable(kubeconfig)) {
      throw new UserError(ExitCodes.BAD_INPUT, "--kubeconfig: cannot read " + kubeconfig);
    }
    return Config.fromKubeconfig(context, kubeconfig.toFile());
  }
}
