/**
 * Argo's {@code memoize}: the cache entry Argo keeps under a key of its cache ConfigMap, and the
 * decisions around it (the key a node looks up, whether an entry is a hit under {@code maxAge},
 * which nodes save their outputs). Where the entries live is the worker's business.
 *
 * <p><b>Runs:</b> Pure: no clock (the caller passes the time in), no I/O.
 */
package dev.targo.argo.memo;
