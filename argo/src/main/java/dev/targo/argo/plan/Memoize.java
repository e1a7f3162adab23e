package dev.targo.argo.plan;

/**
 * A template's {@code memoize} (Argo's {@code Memoize}): its node takes the outputs of an earlier
 * node saved under the same key of the same cache instead of running, and saves its own once it has
 * succeeded (docs/DESIGN.md §20). Every field may still hold {@code {{…}}}: Argo substitutes the
 * whole template, {@code memoize} included, before it looks the key up.
 *
 * @param key {@code key}: the entry's key in the cache
 * @param maxAge {@code maxAge}: a Go duration ({@code 180s}, {@code 24h}); an entry saved longer
 *     ago than this is ignored; null or empty for no limit
 * @param cache {@code cache.configMap.name}: the cache's name (Argo keeps each cache in a ConfigMap
 *     of that name)
 */
public record Memoize(String key, String maxAge, String cache) {}
