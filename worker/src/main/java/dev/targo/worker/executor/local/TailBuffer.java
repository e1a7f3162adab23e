package dev.targo.worker.executor.local;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes written to it: a pod's log is kept bounded however much the
 * command prints. Thread-safe, so stdout and stderr pumps can share one.
 */
final class TailBuffer {
  private final byte[] ring;
  private long written;

  TailBuffer(int capacity) {
    this.ring = new byte[capacity];
  }

  synchronized void write(byte[] bytes, int offset, int length) {
    // Only the last `capacity` bytes of a large write can survive.
    int skip = Math.max(0, length - ring.length);
    written += skip;
    for (int i = offset + skip; i < offset + length; i++) {
      ring[(int) (written++ % ring.length)] = bytes[i];
    }
  }

  /** The kept bytes, oldest first. */
  synchronized byte[] bytes() {
    int size = (int) Math.min(written, ring.length);
    byte[] out = new byte[size];
    int start = (int) ((written - size) % ring.length);
    for (int i = 0; i < size; i++) {
      out[i] = ring[(start + i) % ring.length];
    }
    return out;
  }

  /** The kept bytes as UTF-8; a character cut at the start is replaced, never an error. */
  String text() {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes()))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder never fails", e);
    }
  }
}
