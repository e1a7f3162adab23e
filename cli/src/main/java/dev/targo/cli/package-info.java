/**
 * The {@code targo} command: one class per subcommand, exit codes mapped in one place.
 *
 * <p><b>Runs:</b> CLI: a process per command.
 */
package dev.targo.cli;
