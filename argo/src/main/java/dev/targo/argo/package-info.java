/**
 * Argo's semantics as pure functions over records, shared by the translator, the worker and the
 * clients: durations, {@code {{…}}} templating, retry strategy resolution, the retry variables,
 * node ids and pod names, and the one JSON mapper.
 *
 * <p><b>Runs:</b> Pure: no Temporal, gRPC or fabric8 on the module's classpath (the enforcer keeps
 * it so); no clock, no I/O.
 */
package dev.targo.argo;
