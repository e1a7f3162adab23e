/**
 * The logs of a workflow's pods for {@code targo logs} and {@code submit --log}: from the local
 * executor's state directory, the Kubernetes pod log API, or the log tails kept in the status.
 *
 * <p><b>Runs:</b> Client threads.
 */
package dev.targo.cli.logs;
