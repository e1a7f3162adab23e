package dev.targo.argo.flow;

/**
 * Argo node names below the root: {@code wf[0]} for a step group, {@code wf[0].step} for a step,
 * {@code wf.task} for a DAG task, {@code name(n)} for attempt {@code n} of a retry node, and the
 * display name Argo shows for each. Pure.
 */
public final class NodeNames {
  private NodeNames() {}

  /** Step group {@code i} of the steps node {@code steps}: {@code steps[i]}. */
  public static String stepGroup(String steps, int i) {
    return steps + "[" + i + "]";
  }

  /**
   * A step (or task) named {@code child} under a step group (or DAG) node: {@code parent.child}.
   */
  public static String child(String parent, String child) {
    return parent + "." + child;
  }

  /** Attempt {@code n} of the retry node {@code retryNode}: {@code retryNode(n)}. */
  public static String attempt(String retryNode, int n) {
    return retryNode + "(" + n + ")";
  }

  /**
   * Argo's {@code displayName}: the last segment of the name after the workflow name ({@code [0]},
   * {@code step}, {@code step(1)}, {@code task(0:a)}), or the whole name when the node is the root
   * or one of its attempts ({@code wf}, {@code wf(1)}). Parentheses hold loop values and attempt
   * numbers, so separators inside them do not count.
   */
  private static final String ON_EXIT = ".onExit";

  public static String displayName(String workflowName, String nodeName) {
    // A step's or task's exit hook, `<node>.onExit`: Argo trims only the boundary's name, so the
    // hook shows as `hello.onExit`. The workflow's own exit handler keeps `onExit`.
    if (nodeName.endsWith(ON_EXIT) && !nodeName.equals(workflowName + ON_EXIT)) {
      return displayName(workflowName, nodeName.substring(0, nodeName.length() - ON_EXIT.length()))
          + ON_EXIT;
    }
    int from = nodeName.startsWith(workflowName) ? workflowName.length() : 0;
    int depth = 0;
    for (int i = nodeName.length() - 1; i >= from; i--) {
      char c = nodeName.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        depth--;
      } else if (depth == 0 && c == '.') {
        return nodeName.substring(i + 1);
      } else if (depth == 0 && c == '[') {
        return nodeName.substring(i);
      }
    }
    return nodeName;
  }

  /**
   * The name {@code nodeName} extends by its last segment ({@code wf[0].a} for {@code wf[0].a(1)}
   * or {@code wf[0].a(0:x.y)}, {@code wf[0]} for {@code wf[0].a}, {@code wf} for {@code wf[0]}), or
   * null when it has none. Parentheses hold loop values and attempt numbers, so separators inside
   * them do not count.
   */
  public static String enclosing(String nodeName) {
    int depth = 0;
    for (int i = nodeName.length() - 1; i > 0; i--) {
      char c = nodeName.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(') {
        depth--;
        if (depth == 0) {
          // The name ends with this parenthesis' segment: an attempt or a loop item.
          return nodeName.substring(0, i);
        }
      } else if (depth == 0 && (c == '.' || c == '[')) {
        return nodeName.substring(0, i);
      }
    }
    return null;
  }

  /** Temporal workflow ids stay well below the server's limit; longer ones end in a hash. */
  static final int MAX_WORKFLOW_ID = 255;

  /**
   * The Temporal workflow id of the child workflow that runs node {@code nodeName}: {@code
   * <wf>/<node name>}, control characters replaced by {@code _}; an id longer than {@link
   * #MAX_WORKFLOW_ID} keeps its start and ends in the hash of the whole.
   */
  public static String workflowId(String workflowName, String nodeName) {
    StringBuilder id = new StringBuilder(workflowName.length() + nodeName.length() + 1);
    for (char c : (workflowName + "/" + nodeName).toCharArray()) {
      id.append(Character.isISOControl(c) ? '_' : c);
    }
    if (id.length() <= MAX_WORKFLOW_ID) {
      return id.toString();
    }
    String hash = "-" + dev.targo.argo.PodNames.fnv32a(id.toString());
    return id.substring(0, MAX_WORKFLOW_ID - hash.length()) + hash;
  }
}
