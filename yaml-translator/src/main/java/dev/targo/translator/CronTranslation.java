package dev.targo.translator;

import dev.targo.argo.plan.CronSpec;

/**
 * A translated {@code CronWorkflow}.
 *
 * @param cron the schedule, or null when the document has problems
 * @param workflow the Workflow each run starts ({@link Translation.Ok}), or every problem of the
 *     document, its cron fields' included ({@link Translation.Failed})
 */
public record CronTranslation(CronSpec cron, Translation workflow) {}
