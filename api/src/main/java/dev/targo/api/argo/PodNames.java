package dev.targo.api.argo;

/** Argo node ids and pod names. Pure. */
public final class PodNames {
  private PodNames() {}

  /** Argo {@code NodeID}: the workflow name for the root node, else {@code <wf>-<fnv32a(name)>}. */
  public static String nodeId(String workflowName, String nodeName) {
    throw new UnsupportedOperationException("being written");
  }

  /**
   * Argo v2 pod name {@code <wf>-<template>-<fnv32a(nodeName)>}, prefix truncated so the whole is
   * at most 63 characters and DNS-safe.
   */
  public static String podName(String workflowName, String nodeName, String templateName) {
    throw new UnsupportedOperationException("being written");
  }
}
