package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailBufferTest {

  @Test
  void keepsEverythingBelowCapacity() {
    TailBuffer buffer = new TailBuffer(8);
    write(buffer, "abc");
    write(buffer, "de");

    assertThat(buffer.text()).isEqualTo("abcde");
  }

  @Test
  void keepsTheLastBytesAcrossManyWrites() {
    TailBuffer buffer = new TailBuffer(4);
    write(buffer, "abc");
    write(buffer, "def");

    assertThat(buffer.text()).isEqualTo("cdef");
  }

  @Test
  void keepsTheTailOfASingleLargeWrite() {
    TailBuffer buffer = new TailBuffer(4);
    write(buffer, "x");
    write(buffer, "0123456789");

    assertThat(buffer.text()).isEqualTo("6789");
  }

  @Test
  void replacesACharacterCutInHalfAtTheStart() {
    TailBuffer buffer = new TailBuffer(3);
    write(buffer, "é"); // two bytes
    write(buffer, "ab");

    assertThat(buffer.text()).isEqualTo("\uFFFDab");
  }

  private static void write(TailBuffer buffer, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    buffer.write(bytes, 0, bytes.length);
  }
}
