package dev.loglake.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One generated day of ALB logs, checked against the real format and the summary. */
class SampleDataGeneratorTest {

  static final LocalDate DAY = LocalDate.of(2024, 5, 1);
  private static final Pattern ALB_KEY =
      Pattern.compile(
          "AWSLogs/123456789012/elasticloadbalancing/us-east-1/(\\d{4}/\\d{2}/\\d{2})/"
              + "123456789012_elasticloadbalancing_us-east-1_app\\.loglake-demo\\.50dc6c495c0c9188_"
              + "(\\d{8}T\\d{4}Z)_(10\\.0\\.\\d{1,3}\\.\\d{1,3})_[a-z0-9]{8}\\.log\\.gz");
  private static final DateTimeFormatter END_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
  private static final Set<String> TYPES = Set.of("http", "https", "h2", "grpcs", "ws", "wss");

  @TempDir static java.nio.file.Path root;
  private static SampleDataSummary summary;
  private static Map<String, List<String>> albFiles;
  private static List<List<String>> parsedLines;
  private static long malformedLines;

  @BeforeAll
  static void generateOneDay() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    summary =
        new SampleDataGenerator(fs)
            .generate(new Path(root.toString()), new SampleDataOptions(DAY, 1, 42L, 0));
    albFiles = new TreeMap<>();
    for (String key : relativeFiles(root.resolve("AWSLogs"))) {
      albFiles.put("AWSLogs/" + key, gunzipLines(root.resolve("AWSLogs").resolve(key)));
    }
    parsedLines = new ArrayList<>();
    for (List<String> lines : albFiles.values()) {
      for (String line : lines) {
        List<String> fields = fields(line);
        if (isWellFormed(fields)) {
          parsedLines.add(fields);
        } else {
          malformedLines++;
        }
      }
    }
  }

  @Test
  void writesOneObjectPerNodePerFiveMinutesUnderTheRealKeyLayout() {
    assertThat(albFiles).hasSize(288 * 2);
    Map<String, Long> perFolder = new TreeMap<>();
    for (String key : albFiles.keySet()) {
      Matcher m = ALB_KEY.matcher(key);
      assertThat(m.matches()).as(key).isTrue();
      LocalDateTime end = LocalDateTime.parse(m.group(2), END_TIME);
      assertThat(m.group(1)).as(key).isEqualTo(end.toLocalDate().toString().replace('-', '/'));
      perFolder.merge(m.group(1), 1L, Long::sum);
    }
    assertThat(perFolder)
        .containsExactly(Map.entry("2024/05/01", 574L), Map.entry("2024/05/02", 2L));
    assertThat(albFiles.keySet())
        .filteredOn(k -> k.contains("/2024/05/02/"))
        .allMatch(
            k ->
                k.contains("_20240502T0000Z_10.0.1.87_")
                    || k.contains("_20240502T0000Z_10.0.2.143_"));
  }

  @Test
  void writesNoChecksumSideFiles() throws IOException {
    try (Stream<java.nio.file.Path> all = Files.walk(root)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".crc"))).isEmpty();
    }
  }

  @Test
  void keepsEveryEntryInsideItsFileIntervalSortedByTime() {
    for (Map.Entry<String, List<String>> file : albFiles.entrySet()) {
      Matcher m = ALB_KEY.matcher(file.getKey());
      assertThat(m.matches()).isTrue();
      Instant end = LocalDateTime.parse(m.group(2), END_TIME).toInstant(ZoneOffset.UTC);
      Instant previous = end.minusSeconds(300);
      for (String line : file.getValue()) {
        List<String> f = fields(line);
        if (!isWellFormed(f)) {
          continue;
        }
        Instant time = Instant.parse(f.get(1));
        assertThat(time).as(line).isAfterOrEqualTo(previous).isBefore(end);
        assertThat(Instant.parse(f.get(21))).as(line).isBefore(time.plusMillis(1));
        previous = time;
      }
    }
  }

  @Test
  void summaryCountsMatchTheFiles() throws IOException {
    DatasetSummary alb = dataset("alb_logs");
    long lines = albFiles.values().stream().mapToLong(List::size).sum();
    long text =
        albFiles.values().stream().flatMap(List::stream).mapToLong(l -> l.length() + 1).sum();
    assertThat(alb.files()).isEqualTo(albFiles.size());
    assertThat(alb.lines()).isEqualTo(lines);
    assertThat(alb.uncompressedBytes()).isEqualTo(text);
    assertThat(alb.bytes()).isEqualTo(sizeOf("AWSLogs")).isLessThan(text / 3);
    assertThat(text).isBetween(28L << 20, 36L << 20);
    for (String name : List.of("web_events", "transactions")) {
      DatasetSummary d = dataset(name);
      String folder = name.equals("web_events") ? "events/web" : "events/transactions";
      List<String> files = relativeFiles(root.resolve(folder));
      long fileLines = 0;
      for (String file : files) {
        fileLines += Files.readAllLines(root.resolve(folder).resolve(file)).size();
      }
      assertThat(d.files()).isEqualTo(files.size());
      assertThat(d.lines()).isEqualTo(fileLines);
      assertThat(d.bytes()).isEqualTo(d.uncompressedBytes()).isEqualTo(sizeOf(folder));
    }
    assertThat(summary.totalFiles()).isEqualTo(albFiles.size() + 4 + 2);
    assertThat(summary.describe()).contains("alb_logs", "web_events", "transactions", "576 files");
  }

  @Test
  void coversEveryStatusClassAndLoadBalancerErrors() {
    Map<String, Long> classes = countBy(f -> f.get(8).substring(0, 1) + "xx");
    assertThat(classes).containsKeys("1xx", "2xx", "3xx", "4xx", "5xx");
    assertThat(classes.get("2xx")).isGreaterThan(parsedLines.size() * 3L / 4);
    Map<String, Long> elbErrors =
        countBy(f -> f.get(4).equals("-") && f.get(9).equals("-") ? f.get(8) : "other");
    assertThat(elbErrors).containsKeys("460", "502", "503", "504");
    assertThat(parsedLines)
        .filteredOn(
            f -> f.get(4).equals("-") && Set.of("460", "502", "503", "504").contains(f.get(8)))
        .allMatch(f -> f.get(5).equals("-1") && f.get(6).equals("-1") && f.get(7).equals("-1"));
    Map<String, Long> targetErrors = countBy(f -> f.get(8).equals(f.get(9)) ? f.get(9) : "other");
    assertThat(targetErrors).containsKeys("500", "502", "503", "101");
  }

  @Test
  void answersRedirectsAndFixedResponsesWithoutTargetGroup() {
    Map<String, Long> actions = countBy(f -> f.get(22) + " " + f.get(8) + " " + f.get(16));
    assertThat(actions).containsKeys("\"redirect\" 301 -", "\"fixed-response\" 404 -");
    assertThat(parsedLines)
        .filteredOn(f -> f.get(22).equals("\"redirect\""))
        .allMatch(f -> f.get(23).startsWith("\"https://") && f.get(4).equals("-"));
  }

  @Test
  void mixesFieldLayoutsProtocolsAndIpv6Clients() {
    Map<String, Long> layouts = countBy(f -> String.valueOf(f.size()));
    long total = parsedLines.size();
    assertThat(layouts.get("33")).isGreaterThan(total * 85 / 100);
    assertThat(layouts.get("29")).isBetween(total * 3 / 100, total * 7 / 100);
    assertThat(layouts.get("30")).isBetween(total * 3 / 100, total * 7 / 100);
    assertThat(countBy(f -> f.get(0))).containsKeys("http", "https", "h2", "grpcs", "ws", "wss");
    assertThat(countBy(f -> f.get(15))).containsKeys("TLSv1.2", "TLSv1.3", "-");
    long ipv6 =
        parsedLines.stream().filter(f -> f.get(3).indexOf(':') < f.get(3).lastIndexOf(':')).count();
    assertThat(ipv6).isBetween(total / 100, total * 15 / 100);
    assertThat(parsedLines)
        .filteredOn(f -> f.size() >= 30)
        .allMatch(f -> f.get(29).matches("TID_[0-9a-f]{32}"));
  }

  @Test
  void damagesAFewLinesOnly() {
    long total = albFiles.values().stream().mapToLong(List::size).sum();
    assertThat(malformedLines).isPositive().isLessThan(total / 200);
  }

  private static Map<String, Long> countBy(java.util.function.Function<List<String>, String> key) {
    return parsedLines.stream()
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  private static DatasetSummary dataset(String name) {
    return summary.datasets().stream()
        .filter(d -> d.dataset().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long sizeOf(String folder) throws IOException {
    try (Stream<java.nio.file.Path> all = Files.walk(root.resolve(folder))) {
      return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Splits on spaces outside double quotes; {@code null} when a quote never closes. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' && !quoted) {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        quoted ^= c == '"';
        current.append(c);
      }
    }
    fields.add(current.toString());
    return quoted ? null : fields;
  }

  private static boolean isWellFormed(List<String> fields) {
    return fields != null
        && Set.of(29, 30, 33).contains(fields.size())
        && TYPES.contains(fields.get(0))
        && fields.get(1).endsWith("Z");
  }

  static List<String> relativeFiles(java.nio.file.Path dir) throws IOException {
    try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static List<String> gunzipLines(java.nio.file.Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 65536)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text).as(file.toString()).endsWith("\n");
      return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot gunzip " + file, e);
    }
  }
}
