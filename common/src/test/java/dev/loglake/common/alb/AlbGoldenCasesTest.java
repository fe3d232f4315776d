package dev.loglake.common.alb;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@code golden/alb/*.log}: each line must render exactly as the same line of {@code
 * <case>.expected.jsonl}, field by field (the AlbParseCli JSON shape).
 */
class AlbGoldenCasesTest {

  static Stream<AlbGolden.Line> goldenLines() throws IOException {
    return AlbGolden.lines().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenLines")
  void parsesGoldenLineExactlyAsExpected(AlbGolden.Line line) {
    JsonNode actual = AlbGolden.render(line.text(), line.number());
    AlbGolden.assertSameFields(actual, line.expected(), line.toString());
  }
}
