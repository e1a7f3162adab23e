package dev.targo.argo;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Argo node ids ({@code status.nodes} keys) and pod names ({@code workflow/util.GeneratePodName},
 * version v2). Pure.
 */
public final class PodNames {
  private PodNames() {}

  /** Kubernetes label values and hostnames, which pod names become, stop at 63 characters. */
  public static final int MAX_POD_NAME_LENGTH = 63;

  /** Argo {@code NodeID}: the workflow name for the root node, else {@code <wf>-<fnv32a(name)>}. */
  public static String nodeId(String workflowName, String nodeName) {
    if (nodeName.equals(workflowName)) {
      return workflowName;
    }
    return workflowName + "-" + fnv32a(nodeName);
  }

  /**
   * Argo v2 pod name {@code <wf>-<template>-<fnv32a(nodeName)>}, prefix truncated so the whole is
   * at most 63 characters and DNS-safe. Argo only caps the prefix at 242 characters, which yields
   * pod names Kubernetes refuses as hostnames; targo keeps the hash whole and shortens the prefix.
   * The root node's pod is named after the workflow, as in Argo, when that name fits.
   */
  public static String podName(String workflowName, String nodeName, String templateName) {
    if (workflowName.equals(nodeName) && workflowName.length() <= MAX_POD_NAME_LENGTH) {
      return workflowName;
    }
    String prefix =
        templateName == null || templateName.isEmpty()
            ? workflowName
            : workflowName + "-" + templateName;
    String hash = "-" + fnv32a(nodeName);
    return dnsSafe(prefix, MAX_POD_NAME_LENGTH - hash.length()) + hash;
  }

  /** FNV-1a 32-bit of the UTF-8 bytes, as an unsigned decimal (Go's {@code %v} of a uint32). */
  public static String fnv32a(String text) {
    int hash = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Integer.toUnsignedString(hash);
  }

  /**
   * Lowercase, characters outside {@code [a-z0-9.-]} replaced by {@code -}, cut to {@code max},
   * then trailing {@code -} and {@code .} dropped so the hash joins a valid DNS label.
   */
  private static String dnsSafe(String prefix, int max) {
    StringBuilder out = new StringBuilder(Math.min(prefix.length(), max));
    for (char c : prefix.toLowerCase(Locale.ROOT).toCharArray()) {
      if (out.length() == max) {
        break;
      }
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      out.append(allowed ? c : '-');
    }
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == '-' || out.charAt(end - 1) == '.')) {
      end--;
    }
    return out.substring(0, end);
  }
}
