package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Clock;

/**
 * Builds the executor's API client: from a kubeconfig (the {@code KUBECONFIG} files or {@code
 * ~/.kube/config}, optionally a named context) or, inside a cluster, from the pod's service
 * account; fabric8's auto-configuration tries both. The JDK's HTTP client is used (no Netty or
 * Vert.x threads), and the client's own request retries are switched off because {@link ApiRetry}
 * is the one retry layer.
 */
public final class KubernetesClients {
  private KubernetesClients() {}

  /**
   * A client for {@code context} (null: the current context, or in-cluster), with {@code namespace}
   * (null: the kubeconfig's or service account's namespace).
   */
  public static KubernetesClient create(String context, String namespace) {
    Config auto = Config.autoConfigure(context);
    ConfigBuilder config = new ConfigBuilder(auto).withRequestRetryBackoffLimit(0);
    if (namespace != null && !namespace.isEmpty()) {
      config.withNamespace(namespace);
    }
    return fromConfig(config.build());
  }

  /** A client from a ready config, with retries off and the JDK HTTP client. */
  public static KubernetesClient fromConfig(Config config) {
    Config noRetries = new ConfigBuilder(config).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder()
        .withConfig(noRetries)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /**
   * An executor for {@code context} and {@code namespace}, with default settings; pods of workflows
   * that name no namespace go to the client's namespace.
   */
  public static KubernetesExecutor executor(String context, String namespace) {
    return executor(context, namespace, 0);
  }

  /**
   * {@link #executor(String, String)} whose attempts create a pod again up to {@code
   * failedPodRestarts} times when it failed before its main container ran for a node's reason
   * ({@link KubernetesSettings#failedPodRestarts}).
   */
  public static KubernetesExecutor executor(
      String context, String namespace, int failedPodRestarts) {
    KubernetesClient client = create(context, namespace);
    KubernetesSettings settings =
        KubernetesSettings.defaults(client.getNamespace()).withFailedPodRestarts(failedPodRestarts);
    return new KubernetesExecutor(client, settings, Clock.systemUTC(), true);
  }
}
