package dev.targo.argo;

/**
 * A {@code {{=…}}} expression tag that could not be evaluated although every variable it reads was
 * known; the message is Argo's ({@code failed to evaluate expression: …}). The node being built
 * ends in Error with it, as in Argo.
 */
public final class TemplatingException extends RuntimeException {
  public TemplatingException(String message) {
    super(message, null, false, false);
  }
}
