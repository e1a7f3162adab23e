package dev.targo.cli.client;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Temporal's paged listings read to their end: one place for the next-page-token loop. */
final class Pages {
  private Pages() {}

  /**
   * One page of a listing.
   *
   * @param items what the page lists
   * @param next the token of the next page, empty after the last one
   */
  record Page<T>(List<T> items, ByteString next) {}

  /** Every item: {@code page} is asked with each next-page token, from the empty one. */
  static <T> List<T> all(Function<ByteString, Page<T>> page) {
    List<T> out = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      Page<T> p = page.apply(token);
      out.addAll(p.items());
      token = p.next();
    } while (!token.isEmpty());
    return out;
  }
}
