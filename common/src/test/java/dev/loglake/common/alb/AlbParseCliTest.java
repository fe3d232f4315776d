package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AlbParseCli end to end through {@link AlbParseCli#run}, which returns the exit code. */
class AlbParseCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void convertsAFolderOfGzipLogsToJsonLinesInInputOrder() throws IOException {
    List<AlbGolden.Line> golden = AlbGolden.lines();
    Path input = Files.createDirectories(dir.resolve("in"));
    for (Path log : goldenLogs()) {
      gzip(log, input.resolve(log.getFileName() + ".gz"));
    }
    Files.writeString(input.resolve("conn_log.x.log.gz"), "not gzip, must be skipped");
    Path output = dir.resolve("out.jsonl");

    int code = run("--input", input.toString(), "--output", output.toString());

    assertThat(code).as(err()).isZero();
    List<String> out = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertThat(out).hasSameSizeAs(golden);
    for (int i = 0; i < golden.size(); i++) {
      JsonNode actual = AlbGolden.JSON.readTree(out.get(i));
      AlbGolden.assertSameFields(actual, golden.get(i).expected(), golden.get(i).toString());
    }
  }

  @Test
  void writesToStdoutWhenOutputIsDashOrAbsent() throws IOException {
    Path log = AlbGolden.dir().resolve("rejects.log");
    List<String> expected = Files.readAllLines(AlbGolden.dir().resolve("rejects.expected.jsonl"));

    assertThat(run("--input", log.toString(), "--output", "-")).isZero();
    assertThat(run("--input=" + log)).isZero();

    List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2 * expected.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(AlbGolden.JSON.readTree(lines.get(i)))
          .isEqualTo(AlbGolden.JSON.readTree(expected.get(i % expected.size())));
    }
  }

  @Test
  void exitsWith2NamingTheArgumentWhenArgumentsAreBad() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("--input is required");
    assertThat(run("--input")).isEqualTo(2);
    assertThat(err()).contains("--input needs a value");
    assertThat(run("--input", "x.log", "--colour", "red")).isEqualTo(2);
    assertThat(err()).contains("unknown argument '--colour'");
  }

  @Test
  void exitsWith1NamingTheFileWhenInputIsUnreadable() throws IOException {
    Path missing = dir.resolve("missing.log.gz");
    assertThat(run("--input", missing.toString())).isEqualTo(1);
    assertThat(err()).contains("Cannot read " + missing);

    Path corrupt = dir.resolve("corrupt.log.gz");
    Files.write(corrupt, new byte[] {31, -117, 8, 0, 1, 2, 3});
    assertThat(run("--input", corrupt.toString())).isEqualTo(1);
    assertThat(err()).contains("Cannot read " + corrupt);
  }

  private int run(String... args) {
    return AlbParseCli.run(args, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private static List<Path> goldenLogs() throws IOException {
    List<Path> logs = new ArrayList<>();
    try (var files = Files.list(AlbGolden.dir())) {
      files.filter(p -> p.toString().endsWith(".log")).sorted().forEach(logs::add);
    }
    return logs;
  }

  static void gzip(Path from, Path to) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
      Files.copy(from, out);
    }
  }
}
