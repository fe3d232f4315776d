package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AlbBytesTest {

  @Test
  void findsTheFirstMatchLikeAPlainLoopAtEveryOffsetAndLength() {
    Random random = new Random(7);
    byte[] alphabet = {' ', '"', '\n', 'a', (byte) 0x80, (byte) 0xff, (byte) 0xe2, 0, 0x21, 0x1f};
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = alphabet[random.nextInt(alphabet.length)];
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      int to = from + random.nextInt(b.length - from + 1);
      byte c = alphabet[random.nextInt(3)];
      assertThat(AlbBytes.indexOf(b, c, from, to)).isEqualTo(plainIndexOf(b, c, from, to));
      byte d = alphabet[random.nextInt(alphabet.length)];
      int eitherWant = firstOf(plainIndexOf(b, c, from, to), plainIndexOf(b, d, from, to));
      assertThat(AlbBytes.indexOfEither(b, c, d, from, to)).isEqualTo(eitherWant);
    }
  }

  private static int firstOf(int i, int j) {
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }

  private static int plainIndexOf(byte[] b, byte c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
