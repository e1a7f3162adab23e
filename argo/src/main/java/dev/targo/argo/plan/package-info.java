/**
 * The plan: validated records the translator produces from Argo YAML and the workflow interprets
 * (templates, steps, DAG tasks, loops, retry strategies as written, pod settings).
 *
 * <p><b>Runs:</b> Pure records; they travel in Temporal payloads, so they tolerate unknown fields.
 */
package dev.targo.argo.plan;
