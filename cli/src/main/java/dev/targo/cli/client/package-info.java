/**
 * Client-side Temporal access for the commands: submission, reading a workflow's state (query,
 * history, heartbeats of running pods), listing, watching, and the embedded Temporal server of
 * {@code targo run}.
 *
 * <p><b>Runs:</b> Client threads.
 */
package dev.targo.cli.client;
