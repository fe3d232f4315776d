package dev.loglake.common.alb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Microbenchmark of the tokenizer on in-memory lines (plain Java harness: warm-up rounds, then
 * timed rounds; reports the median). Run via {@code scripts/bench-alb-parse.sh} or {@code java -cp
 * ... dev.loglake.common.alb.AlbTokenizerBench [lines [DIR]]}: generated lines, or the first
 * {@code lines} lines of the logs under DIR. "spark rows" also writes every column into an {@code
 * UnsafeRow} as the Spark reader does. Measures, never asserts.
 */
final class AlbTokenizerBench {

  private AlbTokenizerBench() {}

  public static void main(String[] args) throws java.io.IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int[] offsets = new int[n + 1];
    if (args.length > 1) {
      n = readLines(java.nio.file.Path.of(args[1]), all, offsets);
      offsets = java.util.Arrays.copyOf(offsets, n + 1);
    } else {
      AlbLineGenerator gen = new AlbLineGenerator(1);
      for (int i = 0; i < n; i++) {
        offsets[i] = all.size();
        all.writeBytes(gen.next(33, 0).line().getBytes(StandardCharsets.UTF_8));
      }
    }
    offsets[n] = all.size();
    byte[] data = all.toByteArray();
    report("tokenize", data, offsets, false);
    report("tokenize+spark rows", data, offsets, true);
  }

  /** Up to {@code offsets.length - 1} lines of the logs under {@code dir}; returns the count. */
  private static int readLines(java.nio.file.Path dir, ByteArrayOutputStream all, int[] offsets)
      throws java.io.IOException {
    int n = 0;
    for (java.nio.file.Path file : AlbFiles.localAccessLogs(dir)) {
      try (AlbLineReader r = AlbLineReader.open(java.nio.file.Files.newInputStream(file),
          file.getFileName().toString())) {
        while (n < offsets.length - 1 && r.next()) {
          offsets[n++] = all.size();
          all.write(r.buffer(), r.lineStart(), r.lineLength());
        }
      }
      if (n == offsets.length - 1) {
        break;
      }
    }
    return n;
  }

  private static void report(String what, byte[] data, int[] offsets, boolean materialize) {
    int n = offsets.length - 1;
    long[] nanos = new long[15];
    long sink = 0;
    for (int round = 0; round < nanos.length; round++) {
      long t0 = System.nanoTime();
      sink += run(data, offsets, materialize);
      nanos[round] = System.nanoTime() - t0;
    }
    long[] timed = java.util.Arrays.copyOfRange(nanos, 5, nanos.length); // first 5 = warm-up
    java.util.Arrays.sort(timed);
    double median = timed[timed.length / 2];
    System.out.printf(Locale.ROOT, "%-22s lines=%d avg_line_bytes=%d ns_per_line=%.1f mb_per_s=%.1f (sink %d)%n",
        what, n, data.length / n, median / n, data.length / 1e6 / (median / 1e9), sink % 10);
  }

  private static long run(byte[] data, int[] offsets, boolean materialize) {
    AlbLogParser parser = new AlbLogParser();
    int[] all = new int[AlbLogSchema.COLUMN_COUNT + 2];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    AlbUnsafeRows rows = new AlbUnsafeRows(all);
    org.apache.spark.unsafe.types.UTF8String file =
        org.apache.spark.unsafe.types.UTF8String.fromString("s3://bucket/some/file.log.gz");
    long sink = 0;
    for (int i = 0; i < offsets.length - 1; i++) {
      if (parser.parse(data, offsets[i], offsets[i + 1] - offsets[i])) {
        sink += parser.longValue(1);
        if (materialize) {
          sink += rows.parsed(parser, file, i).getSizeInBytes();
        }
      }
    }
    return sink;
  }
}
