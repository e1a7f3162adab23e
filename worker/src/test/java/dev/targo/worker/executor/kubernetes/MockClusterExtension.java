package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixtures of the Kubernetes executor tests, one set per test: fabric8's mock API server in
 * CRUD mode (expectations may be added on top), a client of it, the {@link SimulatedKubelet} of
 * {@link MockCluster}'s three nodes, and an executor built the production way. Each goes into the
 * test's field of its type ({@code KubernetesMockServer}, {@code KubernetesClient}, {@code
 * SimulatedKubelet}, {@code KubernetesExecutor}) that the test declares, and all are closed after
 * the test in the order that lets the server stop at once: the executor and the kubelet, then the
 * client, then the server (fabric8's own extension stops the server while its client still holds
 * connections, which on a loaded machine outlasts the server's shutdown wait).
 */
public final class MockClusterExtension implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MockClusterExtension.class);

  /** What one test's fixtures hold, closed in reverse order of creation. */
  private static final class Fixtures implements ExtensionContext.Store.CloseableResource {
    final Deque<AutoCloseable> open = new ArrayDeque<>();

    @Override
    public void close() throws Exception {
      Exception first = null;
      while (!open.isEmpty()) {
        try {
          open.pop().close();
        } catch (Exception e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Fixtures fixtures = new Fixtures();
    context.getStore(NAMESPACE).put(Fixtures.class, fixtures);
    HashMap<
            io.fabric8.mockwebserver.ServerRequest,
            java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
        responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            true);
    server.init();
    fixtures.open.push(server::destroy);
    NamespacedKubernetesClient client = server.createClient();
    fixtures.open.push(client);
    SimulatedKubelet kubelet = MockCluster.kubelet(server, client);
    fixtures.open.push(kubelet);
    Object test = context.getRequiredTestInstance();
    for (Field field : test.getClass().getDeclaredFields()) {
      Object value = null;
      if (field.getType() == KubernetesMockServer.class) {
        value = server;
      } else if (field.getType() == KubernetesClient.class
          || field.getType() == NamespacedKubernetesClient.class) {
        value = client;
      } else if (field.getType() == SimulatedKubelet.class) {
        value = kubelet;
      } else if (field.getType() == KubernetesExecutor.class) {
        KubernetesExecutor executor = MockCluster.executor(client);
        fixtures.open.push(executor);
        value = executor;
      }
      if (value != null) {
        field.setAccessible(true);
        field.set(test, value);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Fixtures fixtures = context.getStore(NAMESPACE).remove(Fixtures.class, Fixtures.class);
    if (fixtures != null) {
      fixtures.close();
    }
  }
}
