/**
 * The Temporal contract between clients and workers: the wire names (workflow, activity, signal,
 * query, search attribute and task queue names) and the data converter both sides use.
 *
 * <p><b>Runs:</b> Used on client and worker threads alike; no workflow logic here.
 */
package dev.targo.api;
