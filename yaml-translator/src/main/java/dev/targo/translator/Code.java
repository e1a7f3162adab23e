package dev.targo.translator;

/** The problem kinds the translator reports; documented in {@code PROBLEMS.md}. */
enum Code {
  /** The text is not well-formed YAML or JSON. */
  YAML_SYNTAX,
  /** The text exceeds a safety limit (size, nesting, aliases). */
  YAML_LIMIT,
  /** The same key appears twice in one mapping. */
  DUPLICATE_KEY,
  /** A field that Argo does not know at this place. */
  UNKNOWN_FIELD,
  /** Valid Argo that targo does not run yet. */
  UNSUPPORTED,
  /** A required field is absent or empty. */
  MISSING_FIELD,
  /** A parameter that needs a value has none. */
  MISSING_VALUE,
  /** A value of the wrong YAML type (a list where a string belongs, ...). */
  WRONG_TYPE,
  /** A value of the right type that is not allowed (a bad duration, name, policy, ...). */
  INVALID_VALUE,
  /** Two templates or parameters with the same name. */
  DUPLICATE_NAME,
  /** A template name that no template has. */
  UNKNOWN_TEMPLATE,
  /** A {@code {{…}}} reference to a variable that does not exist here. */
  UNKNOWN_REFERENCE,
  /**
   * A {@code dependencies}, {@code depends} or {@code target} entry that names no task (or, in a
   * {@code containerSet}, no container of the set).
   */
  UNKNOWN_TASK,
  /**
   * Tasks of a dag (or containers of a {@code containerSet}) that depend on each other in a cycle.
   */
  DEPENDENCY_CYCLE,
  /** A {@code -p} that names no workflow argument and that nothing in the file reads. */
  UNKNOWN_PARAMETER,
  /**
   * Warning: a {@code retryStrategy} without {@code limit} and without {@code backoff}, which
   * restarts a failing pod at once, for ever.
   */
  UNBOUNDED_RETRY
}
