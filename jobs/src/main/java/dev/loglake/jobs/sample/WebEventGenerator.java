package dev.loglake.jobs.sample;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes web events as JSON lines, {@value #PARTS_PER_DAY} files per day under Hive-style {@code
 * year=/month=/day=} folders. About 0.5% of events are written twice, byte for byte (the
 * at-least-once delivery of a tracking pipeline), a few events later.
 */
final class WebEventGenerator {

  static final String FOLDER = "events/web";
  static final int PARTS_PER_DAY = 4;
  static final int SESSIONS_PER_PART = 900;
  static final int DUPLICATE_PER_10K = 50;

  private final FileSystem fs;

  WebEventGenerator(FileSystem fs) {
    this.fs = fs;
  }

  DatasetSummary generate(Path root, SampleDataOptions options) throws IOException {
    List<ParallelWrites.FileWrite> writes = new ArrayList<>();
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = options.start().plusDays(d);
      for (int part = 0; part < PARTS_PER_DAY; part++) {
        Path file = new Path(root, dayFolder(FOLDER, day) + "/part-" + part + ".json");
        long seed = Seeds.derive(options.seed(), "web-events", day.toEpochDay(), part);
        writes.add(() -> writePart(file, day, seed));
      }
    }
    FileStats totals = ParallelWrites.run(writes);
    return DatasetSummary.of("web_events", new Path(root, FOLDER).toString(), totals);
  }

  /** {@code <folder>/year=YYYY/month=MM/day=DD}. */
  static String dayFolder(String folder, LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%s/year=%04d/month=%02d/day=%02d",
        folder,
        day.getYear(),
        day.getMonthValue(),
        day.getDayOfMonth());
  }

  private FileStats writePart(Path file, LocalDate day, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long dayStartMillis = day.toEpochDay() * 86_400_000L;
    WebEventJson json = new WebEventJson();
    String pendingDuplicate = null;
    try (LineSink sink = LineSink.create(fs, file, false)) {
      for (int s = 0; s < SESSIONS_PER_PART; s++) {
        long start = dayStartMillis + sessionStartOffset(random);
        for (WebEvent event : WebSessions.draw(random, start)) {
          String line = json.format(event, random).toString();
          sink.writeLine(line);
          if (pendingDuplicate != null) {
            sink.writeLine(pendingDuplicate);
            pendingDuplicate = null;
          } else if (random.nextInt(10_000) < DUPLICATE_PER_10K) {
            pendingDuplicate = line;
          }
        }
      }
      if (pendingDuplicate != null) {
        sink.writeLine(pendingDuplicate);
      }
      return sink.finish();
    }
  }

  /** Offset into the day, following the same daily curve as the ALB traffic; ends by 22:00. */
  private static long sessionStartOffset(SplittableRandom random) {
    while (true) {
      long offset = random.nextLong(22 * 3_600_000L);
      double hour = offset / 3_600_000.0;
      double weight = 1.0 + 0.7 * Math.cos(2 * Math.PI * (hour - 15) / 24);
      if (random.nextDouble() * 1.7 < weight) {
        return offset;
      }
    }
  }
}
