package dev.targo.worker.workflow;

import dev.targo.api.temporal.TemplateHolder;
import io.temporal.workflow.Workflow;

/**
 * Holds a template of the store: waits for ever (no timer, so its history stays at its first
 * workflow task) until {@code targo template delete} terminates it.
 */
public final class TemplateHolderImpl implements TemplateHolder {

  @Override
  public void hold() {
    Workflow.await(() -> false);
  }
}
