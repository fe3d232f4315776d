package dev.loglake.jobs.sample;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;

/** Writes one gzip access-log object: {@code lines} entries sorted by time within one interval. */
final class AlbFileWriter {

  static final long INTERVAL_MICROS = 5L * 60 * 1_000_000;

  private final AlbRequestSampler sampler;

  AlbFileWriter(AlbRequestSampler sampler) {
    this.sampler = sampler;
  }

  FileStats write(FileSystem fs, AlbFilePlan plan) throws IOException {
    SplittableRandom random = new SplittableRandom(plan.seed());
    long[] times = new long[plan.lines()];
    for (int i = 0; i < times.length; i++) {
      times[i] = plan.intervalStartMicros() + random.nextLong(INTERVAL_MICROS);
    }
    Arrays.sort(times);
    AlbRequest request = new AlbRequest();
    AlbLineFormatter formatter = new AlbLineFormatter();
    StringBuilder line = new StringBuilder(1024);
    try (LineSink sink = LineSink.create(fs, plan.file(), true)) {
      for (int i = 0; i < times.length; i++) {
        line.setLength(0);
        sampler.sample(random, times[i], request);
        formatter.format(request, line);
        if (i < plan.planted()) {
          MalformedLines.corrupt(random, line, i % MalformedLines.KINDS);
        } else if (MalformedLines.shouldCorrupt(random)) {
          MalformedLines.corrupt(random, line);
        }
        sink.writeLine(line);
      }
      return sink.finish();
    }
  }

  /** Average length in bytes (newline included) of a line, measured on a sample. */
  double averageLineBytes(long seed) {
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "alb-calibration"));
    AlbRequest request = new AlbRequest();
    AlbLineFormatter formatter = new AlbLineFormatter();
    StringBuilder line = new StringBuilder(1024);
    int samples = 4000;
    long total = 0;
    for (int i = 0; i < samples; i++) {
      line.setLength(0);
      sampler.sample(random, 1_700_000_000_000_000L, request);
      formatter.format(request, line);
      total += line.length() + 1;
    }
    return (double) total / samples;
  }
}
