package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    JsonNode expected = line.expected();
    String where = line.caseName() + ".log line " + line.number();

    assertThat(names(actual)).as("%s: output fields", where).containsExactlyElementsOf(names(expected));
    for (String field : names(expected)) {
      assertThat(AlbGolden.comparable(actual.get(field)))
          .as("%s: %s", where, field)
          .isEqualTo(AlbGolden.comparable(expected.get(field)));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
