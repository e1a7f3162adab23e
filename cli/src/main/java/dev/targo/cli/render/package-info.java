/**
 * What the commands print: the {@code argo get} layout, the node tree, durations and times as Argo
 * prints them.
 *
 * <p><b>Runs:</b> Pure.
 */
package dev.targo.cli.render;
