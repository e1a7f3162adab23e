package dev.targo.argo.plan;

/**
 * Argo {@code valueFrom.configMapKeyRef} of a workflow argument or an input parameter: its value is
 * key {@code key} of ConfigMap {@code name} in the workflow's namespace.
 *
 * @param name {@code configMapKeyRef.name}
 * @param key {@code configMapKeyRef.key}
 * @param defaultValue {@code valueFrom.default}: the value when the ConfigMap or the key does not
 *     exist, or null
 */
public record ConfigMapKeyRef(String name, String key, String defaultValue) {}
