package dev.targo.argo.status;

/**
 * A memoized node's {@code memoizationStatus} (Argo's {@code MemoizationStatus}).
 *
 * @param hit {@code hit}: whether the node took its outputs from the cache rather than running
 * @param key {@code key}: the key it was looked up with, after substitution
 * @param cacheName {@code cacheName}: the cache's name ({@code memoize.cache.configMap.name})
 */
public record MemoizationStatus(boolean hit, String key, String cacheName) {}
