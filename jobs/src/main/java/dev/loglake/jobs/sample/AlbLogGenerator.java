package dev.loglake.jobs.sample;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Plans and writes the ALB access logs: one object per node per 5-minute interval, with a daily
 * traffic curve (quiet at night, peak mid-afternoon UTC) and a total size that matches the
 * requested uncompressed volume.
 */
final class AlbLogGenerator {

  static final int INTERVALS_PER_DAY = 288;
  /**
   * The interval (12:00 UTC) whose first node's file damages one line of each kind on purpose, so
   * that every generated day has bad lines to quarantine whatever its date, seed and size (at
   * 0.05% random damage, a 1 MiB day of about 1,460 lines got none on about half of the days).
   */
  static final int PLANTED_INTERVAL = 144;

  private final FileSystem fs;

  AlbLogGenerator(FileSystem fs) {
    this.fs = fs;
  }

  DatasetSummary generate(Path root, SampleDataOptions options) throws IOException {
    AlbRequestSampler sampler =
        new AlbRequestSampler(AlbApis.standard(), AlbClients.draw(options.seed()));
    AlbFileWriter writer = new AlbFileWriter(sampler);
    double lineBytes = writer.averageLineBytes(options.seed());
    List<ParallelWrites.FileWrite> writes = new ArrayList<>();
    for (AlbFilePlan plan : plan(root, options, lineBytes)) {
      writes.add(() -> writer.write(fs, plan));
    }
    FileStats totals = ParallelWrites.run(writes);
    return DatasetSummary.of("alb_logs", new Path(root, AlbSite.PREFIX).toString(), totals);
  }

  static List<AlbFilePlan> plan(Path root, SampleDataOptions options, double lineBytes) {
    double linesPerDay = options.albTotalBytes() / (double) options.days() / lineBytes;
    double dayWeight = 0;
    for (int i = 0; i < INTERVALS_PER_DAY; i++) {
      dayWeight += trafficWeight(i);
    }
    int nodes = AlbSite.NODE_IPS.length;
    List<AlbFilePlan> plans = new ArrayList<>(options.days() * INTERVALS_PER_DAY * nodes);
    for (int d = 0; d < options.days(); d++) {
      LocalDate day = options.start().plusDays(d);
      for (int i = 0; i < INTERVALS_PER_DAY; i++) {
        LocalDateTime start = day.atStartOfDay().plusMinutes(5L * i);
        for (int node = 0; node < nodes; node++) {
          long seed = Seeds.derive(options.seed(), "alb-file", day.toEpochDay(), i, node);
          SplittableRandom random = new SplittableRandom(seed);
          double jitter = 0.85 + 0.3 * random.nextDouble();
          double share = linesPerDay * trafficWeight(i) / dayWeight / nodes * jitter;
          String key = AlbSite.objectKey(start.plusMinutes(5), node, AlbSite.randomSuffix(random));
          long startMicros = start.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
          long linesSeed = Seeds.derive(options.seed(), "alb-lines", day.toEpochDay(), i, node);
          int planted = i == PLANTED_INTERVAL && node == 0 ? MalformedLines.KINDS : 0;
          plans.add(
              new AlbFilePlan(
                  new Path(root, key),
                  startMicros,
                  (int) Math.max(planted + 1, Math.round(share)),
                  linesSeed,
                  planted));
        }
      }
    }
    return plans;
  }

  /** Relative traffic of an interval: a smooth daily curve from 0.3 (03:00 UTC) to 1.7 (15:00). */
  private static double trafficWeight(int interval) {
    double hour = interval / 12.0;
    return 1.0 + 0.7 * Math.cos(2 * Math.PI * (hour - 15) / 24);
  }
}
