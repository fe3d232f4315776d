package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AlbInflateAheadTest {

  @Test
  void yieldsTheSameLinesAsGunzippingInline() throws IOException {
    byte[] gz = gzip(lines(40_000));

    assertThat(readAll(gz, true)).isEqualTo(readAll(gz, false)).hasSize(40_000);
  }

  @Test
  void passesOnTheFailureOfATruncatedFile() throws IOException {
    byte[] gz = gzip(lines(40_000));
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

    assertThatThrownBy(() -> readAll(truncated, true))
        .hasCauseInstanceOf(EOFException.class);
  }

  private static java.util.List<String> readAll(byte[] gz, boolean ahead) throws IOException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (AlbLineReader r = AlbLineReader.open(new ByteArrayInputStream(gz), "x.log.gz", ahead)) {
      while (r.next()) {
        out.add(new String(r.buffer(), r.lineStart(), r.lineLength(), "UTF-8"));
      }
    }
    return out;
  }

  private static byte[] lines(int n) {
    Random random = new Random(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("line ").append(i).append(' ').append(random.nextLong()).append('\n');
    }
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
