package dev.targo.argo;

/**
 * A problem with one field of an Argo object, found by a pure resolver. The translator maps {@code
 * field} back to a file position; the worker reports {@code message} as Argo would at run time.
 *
 * @param field the field's path relative to the object checked ({@code limit}, {@code
 *     backoff.duration})
 * @param message the problem, in Argo's words where Argo has words for it
 */
public record FieldError(String field, String message) {}
