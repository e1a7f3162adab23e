/**
 * The worker process: registration of the workflows and activities, its options, metrics, health
 * endpoints, logging and interceptors, graceful shutdown.
 *
 * <p><b>Runs:</b> Worker process threads; interceptors also run on workflow and activity threads,
 * where they only read and set logging context.
 */
package dev.targo.worker.runtime;
