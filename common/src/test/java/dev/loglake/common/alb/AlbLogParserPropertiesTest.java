package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property-style checks over random lines from fixed seeds (reproducible, no extra library). */
class AlbLogParserPropertiesTest {

  private static final int RUNS = 3000;

  @Test
  void randomValidLinesRoundTripFieldByField() {
    AlbLineGenerator gen = new AlbLineGenerator(42);
    AlbLogParser parser = new AlbLogParser();
    for (int i = 0; i < RUNS; i++) {
      AlbLineGenerator.Generated g = gen.next();
      assertThat(parser.parse(g.line())).as("accepts %s (%s)", g.line(), parser.rejectReason()).isTrue();
      assertThat(AlbValues.of(parser)).as("values of %s", g.line()).containsExactly(g.expected());
    }
  }

  @Test
  void backslashEscapedQuotesSpacesAndBackslashesInQuotedValuesRoundTrip() {
    AlbLineGenerator gen = new AlbLineGenerator(2026, true);
    AlbLogParser parser = new AlbLogParser();
    int withEscapedQuoteBeforeSpace = 0;
    for (int i = 0; i < RUNS; i++) {
      AlbLineGenerator.Generated g = gen.next();
      withEscapedQuoteBeforeSpace += g.line().contains("\\\" ") ? 1 : 0;
      assertThat(parser.parse(g.line())).as("accepts %s (%s)", g.line(), parser.rejectReason()).isTrue();
      assertThat(AlbValues.of(parser)).as("values of %s", g.line()).containsExactly(g.expected());
    }
    assertThat(withEscapedQuoteBeforeSpace).as("lines with \\\" before a space").isGreaterThan(RUNS / 10);
  }

  @Test
  void parsesEveryLayoutFrom20To33FieldsAndIgnoresExtraFields() {
    AlbLineGenerator gen = new AlbLineGenerator(7);
    AlbLogParser parser = new AlbLogParser();
    for (int n = AlbLogParser.MIN_FIELDS; n <= AlbLogParser.MAX_FIELDS; n++) {
      for (int extra = 0; extra <= (n == 33 ? 3 : 0); extra++) {
        AlbLineGenerator.Generated g = gen.next(n, extra);
        assertThat(parser.parse(g.line())).as("%d fields + %d: %s", n, extra, g.line()).isTrue();
        assertThat(parser.fieldCount()).isEqualTo(n);
        assertThat(AlbValues.of(parser)).containsExactly(g.expected());
      }
    }
  }

  @Test
  void rejectsLinesWithFewerThan20Fields() {
    AlbLineGenerator gen = new AlbLineGenerator(8);
    AlbLogParser parser = new AlbLogParser();
    for (int n = 1; n < AlbLogParser.MIN_FIELDS; n++) {
      String line = gen.next(n, 0).line();
      assertThat(parser.parse(line)).as(line).isFalse();
      assertThat(parser.rejectReason()).startsWith("only " + n + " fields");
    }
  }

  @Test
  void truncatedOrCorruptedLinesNeverThrowAndRejectionsCarryAReason() {
    AlbLineGenerator gen = new AlbLineGenerator(99);
    Random random = new Random(99);
    AlbLogParser parser = new AlbLogParser();
    for (int i = 0; i < RUNS; i++) {
      byte[] line = gen.next().line().getBytes(StandardCharsets.UTF_8);
      byte[] cut = Arrays.copyOf(line, random.nextInt(line.length + 1));
      if (random.nextBoolean() && cut.length > 0) {
        cut[random.nextInt(cut.length)] = (byte) "\" -:x\\9".charAt(random.nextInt(7));
      }
      assertParsesOrRejects(parser, cut);
    }
  }

  @Test
  void randomBytesNeverThrowAndAreRejectedWithAReason() {
    Random random = new Random(5);
    AlbLogParser parser = new AlbLogParser();
    for (int i = 0; i < RUNS; i++) {
      byte[] garbage = new byte[random.nextInt(600)];
      random.nextBytes(garbage);
      if (random.nextBoolean() && garbage.length > 6) {
        System.arraycopy("https ".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 6);
      }
      assertParsesOrRejects(parser, garbage);
      assertThat(parser.isRejected()).isTrue();
    }
  }

  private static void assertParsesOrRejects(AlbLogParser parser, byte[] line) {
    boolean[] accepted = new boolean[1];
    assertThatCode(() -> accepted[0] = parser.parse(line, 0, line.length)).doesNotThrowAnyException();
    if (accepted[0]) {
      assertThat(parser.fieldCount()).isBetween(AlbLogParser.MIN_FIELDS, AlbLogParser.MAX_FIELDS);
      assertThatCode(() -> AlbValues.of(parser)).doesNotThrowAnyException();
    } else {
      assertThat(parser.rejectReason()).isNotBlank();
    }
  }
}
