/**
 * Argo's {@code Workflow.status}: the status records, the node tree a workflow builds while it
 * runs, which attempts a retry node keeps, and the merge of child workflows' trees that clients
 * draw.
 *
 * <p><b>Runs:</b> Pure. {@link dev.targo.argo.status.NodeTree} is mutable and used by one workflow
 * thread at a time.
 */
package dev.targo.argo.status;
