/**
 * {@code targo server}: Argo Server's HTTP API ({@code /api/v1/...}, as grpc-gateway serves it) in
 * front of Temporal, so that Hera and the {@code argo} CLI work against targo unchanged. Client
 * code: request threads call Temporal through the same readers as the {@code targo} commands
 * ({@code RunRecords}, {@code WorkflowLister}, {@code PodLogPrinter}); routing, selectors, field
 * masks and error codes are pure (docs/DESIGN.md §15).
 */
package dev.targo.cli.server;
