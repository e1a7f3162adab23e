package dev.targo.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * The streams a command talks to, injected so tests need no {@code System.out} swapping.
 *
 * @param out standard output: results only (a name, JSON, a tree)
 * @param err standard error: progress, notices and problems
 * @param stdin standard input ({@code -} as a file)
 * @param terminal true when {@code out} is an interactive terminal (live redraws allowed)
 */
public record Console(PrintWriter out, PrintWriter err, InputStream stdin, boolean terminal) {}
