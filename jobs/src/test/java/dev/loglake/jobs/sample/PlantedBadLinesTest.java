package dev.loglake.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.alb.AlbLogParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check's day (1 MiB of ALB logs, seed 42, its defaults) always holds bad ALB lines to
 * quarantine, whatever the date: one of each kind is planted, on top of the random 0.05%.
 */
class PlantedBadLinesTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void everyOneOf30ConsecutiveHealthCheckDaysHasOneBadAlbLineOfEachKindAtLeast() throws IOException {
    // The raw local file system, as SampleDataGenerator uses it: the checksummed one forks a chmod
    // process per file created, 17,280 files here (most of this test's time).
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    AlbLogParser parser = new AlbLogParser();
    List<String> days = new ArrayList<>();
    for (LocalDate day = LocalDate.of(2026, 11, 10); day.isBefore(LocalDate.of(2026, 12, 10)); day = day.plusDays(1)) {
      java.nio.file.Path root = dir.resolve(day.toString());
      new AlbLogGenerator(fs).generate(new Path(root.toString()), new SampleDataOptions(day, 1, 42L, 1));
      // The planted file: node 0's of the 12:00-12:05 interval; its first lines are one of each kind.
      String planted = day.toString().replace("-", "") + "T1205Z_" + AlbSite.NODE_IPS[0] + "_";
      List<String> first = albLines(root, planted);
      boolean cut = !parser.parse(first.get(0)) && first.get(0).length() < first.get(3).length();
      boolean unclosed = !parser.parse(first.get(1)) && first.get(1).chars().filter(c -> c == '"').count() % 2 == 1;
      boolean garbage = !parser.parse(first.get(2)) && first.get(2).startsWith("#");
      long rejected = albLines(root, "").stream().filter(l -> !parser.parse(l)).count();
      days.add(day + " rejected>=3:" + (rejected >= 3) + " cut:" + cut + " unclosed:" + unclosed + " garbage:" + garbage);
    }
    assertThat(days).hasSize(30).allSatisfy(d -> assertThat(d).doesNotContain("false"));
  }

  /** The ALB lines of the files under {@code root} whose name contains {@code part}. */
  private static List<String> albLines(java.nio.file.Path root, String part) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("AWSLogs"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".log.gz"))
          .filter(p -> p.getFileName().toString().contains(part)).sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
          r.lines().forEach(out::add);
        }
      }
    }
    return out;
  }
}
