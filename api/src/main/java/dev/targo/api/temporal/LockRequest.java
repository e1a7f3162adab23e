package dev.targo.api.temporal;

/**
 * A request for a lock of Argo's {@code synchronization}.
 *
 * @param holder who holds the lock once granted: the asking workflow's id, and for a template's
 *     lock its node's id ({@code <workflow id>#<node id>})
 * @param requester the id of the workflow the lock signals when it grants it
 * @param limit how many may hold the lock at once (1 for a mutex; a semaphore's limit, read when it
 *     was asked for: the latest request's limit applies)
 */
public record LockRequest(String holder, String requester, int limit) {}
