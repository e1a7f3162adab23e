package dev.targo.worker.executor;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An executor whose ConfigMaps (semaphore limits) are first those of files given to the worker
 * ({@code targo worker --config-map FILE}: the YAML one would {@code kubectl apply}, several
 * documents allowed, other kinds left out), then its cluster's. Everything else is the wrapped
 * executor's.
 */
public final class ConfigMapFiles implements PodExecutor {
  private final PodExecutor executor;
  private final Map<String, Map<String, String>> maps;

  private ConfigMapFiles(PodExecutor executor, Map<String, Map<String, String>> maps) {
    this.executor = executor;
    this.maps = maps;
  }

  /**
   * The ConfigMaps of {@code files}; throws IOException naming a file that cannot be read or is not
   * Kubernetes YAML. Read before anything starts, so a bad file changes nothing.
   */
  public static List<ConfigMap> read(List<Path> files) throws IOException {
    List<ConfigMap> out = new ArrayList<>();
    for (Path file : files) {
      Object read;
      try (InputStream in = Files.newInputStream(file)) {
        read = Serialization.unmarshal(in);
      } catch (IOException e) {
        throw new IOException("cannot read ConfigMap file " + file + ": " + e, e);
      } catch (RuntimeException e) {
        throw new IOException(file + " is not Kubernetes YAML: " + e.getMessage(), e);
      }
      List<Object> documents = new ArrayList<>();
      if (read instanceof List<?> list) {
        documents.addAll(list);
      } else if (read instanceof KubernetesList list) {
        documents.addAll(list.getItems());
      } else {
        documents.add(read);
      }
      for (Object d : documents) {
        if (d instanceof ConfigMap map && map.getMetadata() != null) {
          out.add(map);
        }
      }
    }
    return out;
  }

  /**
   * {@code executor} answering {@link #configMapData} from {@code configMaps} first (one with no
   * namespace is in the executor's default namespace).
   */
  public static PodExecutor over(PodExecutor executor, List<ConfigMap> configMaps) {
    if (configMaps.isEmpty()) {
      return executor;
    }
    Map<String, Map<String, String>> maps = new TreeMap<>();
    for (ConfigMap map : configMaps) {
      String ns = map.getMetadata().getNamespace();
      ns = ns == null || ns.isBlank() ? executor.defaultNamespace() : ns;
      maps.put(
          ns + "/" + map.getMetadata().getName(),
          map.getData() == null ? Map.of() : Map.copyOf(map.getData()));
    }
    return new ConfigMapFiles(executor, maps);
  }

  @Override
  public Map<String, String> configMapData(String namespace, String name) {
    Map<String, String> given = maps.get(namespace + "/" + name);
    return given != null ? given : executor.configMapData(namespace, name);
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    return executor.run(request, heartbeat);
  }

  @Override
  public void delete(PodDeletion deletion) throws Exception {
    executor.delete(deletion);
  }

  @Override
  public String defaultNamespace() {
    return executor.defaultNamespace();
  }

  @Override
  public void close() {
    executor.close();
  }
}
