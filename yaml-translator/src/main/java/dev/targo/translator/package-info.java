/**
 * Argo Workflow YAML or JSON text to a validated plan, or every problem with its file, line and
 * column (PROBLEMS.md lists the codes).
 *
 * <p><b>Runs:</b> Pure: no Temporal, gRPC or fabric8 on the module's classpath; it never throws for
 * bad input.
 */
package dev.targo.translator;
