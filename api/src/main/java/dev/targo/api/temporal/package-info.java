/**
 * The workflow and activity interfaces and their payloads: {@link
 * dev.targo.api.temporal.ArgoWorkflow}, {@link dev.targo.api.temporal.NodeWorkflow}, {@link
 * dev.targo.api.temporal.PodActivities}, and the records they take and return.
 *
 * <p><b>Runs:</b> Interfaces and records only; their names on the wire are pinned in {@link
 * dev.targo.api.Names}.
 */
package dev.targo.api.temporal;
