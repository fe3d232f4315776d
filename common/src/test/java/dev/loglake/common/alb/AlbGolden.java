package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads the golden cases in {@code golden/alb/} and renders parser output in their JSON shape. */
final class AlbGolden {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One line of a golden case with its expected JSON object. */
  record Line(String caseName, int number, String text, JsonNode expected) {
    @Override
    public String toString() {
      return caseName + ".log:" + number;
    }
  }

  private AlbGolden() {}

  static Path dir() {
    try {
      return Paths.get(AlbGolden.class.getClassLoader().getResource("golden/alb").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code <case>.log} line, paired with the same line of {@code <case>.expected.jsonl}. */
  static List<Line> lines() throws IOException {
    List<Line> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir())) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String name = log.getFileName().toString().replaceAll("\\.log$", "");
        List<String> input = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> expected =
            Files.readAllLines(log.resolveSibling(name + ".expected.jsonl"), StandardCharsets.UTF_8);
        if (input.size() != expected.size()) {
          throw new IllegalStateException(name + ": " + input.size() + " lines but "
              + expected.size() + " expected objects");
        }
        for (int i = 0; i < input.size(); i++) {
          out.add(new Line(name, i + 1, input.get(i), JSON.readTree(expected.get(i))));
        }
      }
    }
    return out;
  }

  /** Parses {@code text} and renders it as {@link AlbJsonWriter} (and so AlbParseCli) would. */
  static JsonNode render(String text, long lineNumber) {
    AlbLogParser parser = new AlbLogParser();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AlbJsonWriter writer = new AlbJsonWriter(out)) {
      if (parser.parse(text)) {
        writer.writeParsed(parser);
      } else {
        writer.writeRejected(parser.rejectReason(), lineNumber);
      }
    }
    try {
      return JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same field names in the same order, and equal values field by field. */
  static void assertSameFields(JsonNode actual, JsonNode expected, String where) {
    assertThat(names(actual)).as("%s: output fields", where).containsExactlyElementsOf(names(expected));
    for (String field : names(expected)) {
      assertThat(comparable(actual.get(field)))
          .as("%s: %s", where, field)
          .isEqualTo(comparable(expected.get(field)));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Numbers compare by value and integrality (0.0 equals 0.00, 80 differs from 80.0). */
  static Object comparable(JsonNode node) {
    if (node != null && node.isNumber()) {
      BigDecimal v = node.decimalValue().stripTrailingZeros();
      return (node.isIntegralNumber() ? "int " : "decimal ") + v.toPlainString();
    }
    return node;
  }
}
