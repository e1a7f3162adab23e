package dev.targo.api.temporal;

/**
 * A daemon template's pod runs and is ready (Argo's {@code Daemoned}).
 *
 * @param nodeName the node a child workflow runs, when the child tells its parent; null when the
 *     pod's activity tells the workflow that runs the attempt
 * @param podName the ready pod
 * @param podIP its IP ({@code steps.X.ip})
 * @param hostNodeName the host it runs on, or null
 */
public record Daemoned(String nodeName, String podName, String podIP, String hostNodeName) {}
