package dev.targo.worker.executor.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last bytes of a log stream, as Argo keeps {@code outputs.result}: one trailing newline
 * trimmed, then at most the last {@code limit} bytes. Memory stays bounded by the limit however
 * long the log is.
 */
final class LogTail {
  private LogTail() {}

  static String read(InputStream in, int limit) throws IOException {
    // One byte more than the limit, so a trailing newline can be trimmed and still leave `limit`.
    int capacity = limit + 1;
    byte[] ring = new byte[capacity];
    long total = 0;
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) >= 0; ) {
      for (int i = 0; i < n; i++) {
        ring[(int) (total++ % capacity)] = chunk[i];
      }
    }
    int size = (int) Math.min(total, capacity);
    byte[] tail = new byte[size];
    long start = total - size;
    for (int i = 0; i < size; i++) {
      tail[i] = ring[(int) ((start + i) % capacity)];
    }
    int end = size;
    if (end > 0 && tail[end - 1] == '\n') {
      end--;
    }
    int begin = Math.max(0, end - limit);
    // Do not start inside a UTF-8 sequence cut by the limit.
    boolean cut = start > 0 || begin > 0;
    while (cut && begin < end && (tail[begin] & 0xC0) == 0x80) {
      begin++;
    }
    return new String(tail, begin, end - begin, StandardCharsets.UTF_8);
  }
}
