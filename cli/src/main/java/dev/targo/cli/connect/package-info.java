/**
 * How the client and the worker connect to Temporal: the environment configuration, profiles, TLS
 * and API keys, and one-line errors for a server that cannot be reached.
 *
 * <p><b>Runs:</b> Client and worker process threads.
 */
package dev.targo.cli.connect;
