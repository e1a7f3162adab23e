package dev.targo.worker.workflow;

import dev.targo.api.temporal.NodeUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link NodeUpdate}s a workflow run has received ({@code targo resume}, {@code targo node
 * set}), in order. Suspend nodes read the ones that came after they started; running children are
 * passed each one ({@link ChildNodes}). Kept in workflow code: updated only by the signal handler.
 */
final class Suspensions {
  private final List<NodeUpdate> updates = new ArrayList<>();

  void add(NodeUpdate update) {
    updates.add(update);
  }

  /** How many updates have come so far. */
  int count() {
    return updates.size();
  }

  /** The update at {@code index} (from 0, in order of arrival). */
  NodeUpdate get(int index) {
    return updates.get(index);
  }
}
