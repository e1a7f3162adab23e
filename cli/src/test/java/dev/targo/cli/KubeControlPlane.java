package dev.targo.cli;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd + kube-apiserver + kube-scheduler for the {@code *IT} tests, started and stopped by
 * the repository's own scripts (scripts/kube-up --no-agent, scripts/kube-down), which build the
 * binaries once from their Go modules. The tests start their own node agent (with faults) and
 * worker processes against it.
 */
final class KubeControlPlane implements AutoCloseable {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** The three nodes of the tests: EC2-style names, hostname labels their first part. */
  static final List<String> NODES =
      List.of(
          "ip-10-0-1-11.eu-west-1.compute.internal",
          "ip-10-0-2-12.eu-west-1.compute.internal",
          "ip-10-0-1-13.eu-west-1.compute.internal");

  final Path dir;
  final Map<String, String> env;
  final KubernetesClient admin;

  private KubeControlPlane(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
    this.admin = client("admin");
  }

  /**
   * Why the control plane cannot run here, if it cannot: scripts/install-kube (which builds the
   * binaries when they are not cached yet, several minutes once) failed, typically for want of Go.
   */
  static Optional<String> unavailable() throws IOException, InterruptedException {
    Run r = script(List.of("scripts/install-kube"), 1800);
    if (r.code() == 0) {
      return Optional.empty();
    }
    String[] lines = r.output().strip().split("\n");
    return Optional.of(
        "scripts/install-kube could not build the control plane: " + lines[lines.length - 1]);
  }

  /** Starts a control plane with its files in {@code dir}. */
  static KubeControlPlane start(Path dir, String... apiserverArgs)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("scripts/kube-up", "--no-agent", "--dir", dir.toString()));
    for (String a : apiserverArgs) {
      command.addAll(List.of("--apiserver-arg", a));
    }
    Run r = script(command, 180);
    if (r.code() != 0) {
      script(List.of("scripts/kube-down", "--dir", dir.toString()), 60);
      throw new IllegalStateException("scripts/kube-up failed:\n" + r.output());
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("env"))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return new KubeControlPlane(dir, env);
  }

  Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  String server() {
    return env.get("TARGO_KUBE_SERVER");
  }

  int apiserverPort() {
    String s = server();
    return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
  }

  /** A client of one of the kubeconfig's contexts (admin, targo-worker, nobody, node-agent). */
  KubernetesClient client(String context) {
    Config config = Config.fromKubeconfig(context, kubeconfig().toFile());
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /**
   * A kubeconfig like the control plane's whose server is {@code 127.0.0.1:port} (a proxy in front
   * of the API server; its certificate names 127.0.0.1, so TLS passes through unchanged).
   */
  Path kubeconfigVia(int port, Path file) throws IOException {
    String text = Files.readString(kubeconfig());
    Files.writeString(file, text.replace(server(), "https://127.0.0.1:" + port));
    return file;
  }

  /** Stops the API server and starts it again on the same port, etcd and its data kept. */
  void restartApiserver() throws IOException, InterruptedException {
    Run r = script(List.of("scripts/kube-up", "--restart-apiserver", "--dir", dir.toString()), 120);
    if (r.code() != 0) {
      throw new IllegalStateException("restart failed:\n" + r.output());
    }
  }

  /** The node's hostname label. */
  String hostname(String node) {
    Node n = admin.nodes().withName(node).get();
    return n.getMetadata().getLabels().get("kubernetes.io/hostname");
  }

  /** The API server's audit log: one JSON object per completed request. */
  List<String> auditLines() throws IOException {
    Path log = dir.resolve("audit.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    admin.close();
    script(List.of("scripts/kube-down", "--dir", dir.toString()), 120);
  }

  record Run(int code, String output) {}

  static Run script(List<String> command, long seconds) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, new String(out, StandardCharsets.UTF_8) + "\n(timed out)");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static String joined(String... parts) {
    return String.join(",", Arrays.asList(parts));
  }
}
