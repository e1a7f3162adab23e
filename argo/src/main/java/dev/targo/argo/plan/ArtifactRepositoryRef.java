package dev.targo.argo.plan;

/**
 * Argo's {@code spec.artifactRepositoryRef}: the artifact repository of a workflow, key {@code key}
 * of the ConfigMap {@code configMap} (Argo's default name {@code artifact-repositories}; without a
 * key, the one its {@code workflows.argoproj.io/default-artifact-repository} annotation names).
 *
 * @param configMap {@code configMap}
 * @param key {@code key}, or null
 */
public record ArtifactRepositoryRef(String configMap, String key) {
  /** Argo's default ConfigMap name. */
  public static final String DEFAULT_CONFIG_MAP = "artifact-repositories";

  /** The annotation naming a ConfigMap's default key. */
  public static final String DEFAULT_KEY_ANNOTATION =
      "workflows.argoproj.io/default-artifact-repository";

  public ArtifactRepositoryRef {
    configMap = configMap == null || configMap.isEmpty() ? DEFAULT_CONFIG_MAP : configMap;
    key = key == null || key.isEmpty() ? null : key;
  }
}
