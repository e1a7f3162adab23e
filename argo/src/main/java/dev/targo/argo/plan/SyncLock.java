package dev.targo.argo.plan;

/**
 * One lock of Argo's {@code synchronization} (workflow or template level): a mutex ({@code
 * mutexes[]}, or the older {@code mutex}) or a semaphore ({@code semaphores[]}, or {@code
 * semaphore}) whose limit comes from a ConfigMap key ({@code configMapKeyRef}) or, with {@code
 * database}, from the lock store itself.
 *
 * @param semaphore true for a semaphore, false for a mutex
 * @param name a mutex's {@code name}; a database semaphore's {@code key}; else null
 * @param configMapName a semaphore's {@code configMapKeyRef.name}, or null
 * @param configMapKey a semaphore's {@code configMapKeyRef.key}, or null
 * @param database {@code database}: Argo keeps the lock in a database shared by its controllers;
 *     targo keeps every lock in Temporal, shared by all its workers, so it changes only the key
 * @param namespace the mutex's {@code namespace}, or null for the workflow's
 */
public record SyncLock(
    boolean semaphore,
    String name,
    String configMapName,
    String configMapKey,
    boolean database,
    String namespace) {

  /**
   * The lock's key, as Argo names locks ({@code <ns>/Mutex/<name>}, {@code
   * <ns>/ConfigMap/<name>/<key>}, {@code <ns>/Database/<key>}): locks with the same key are one
   * lock, across workflows.
   */
  public String key(String workflowNamespace) {
    String ns = namespace != null ? namespace : workflowNamespace;
    if (!semaphore) {
      return ns + (database ? "/Database/Mutex/" : "/Mutex/") + name;
    }
    return database
        ? ns + "/Database/" + name
        : ns + "/ConfigMap/" + configMapName + "/" + configMapKey;
  }

  /**
   * Where a semaphore's limit is read: {@code <configmap>/<key>}, or {@code database/<key>}; null
   * for a mutex (its limit is 1).
   */
  public String limitRef() {
    if (!semaphore) {
      return null;
    }
    return database ? "database/" + name : configMapName + "/" + configMapKey;
  }
}
