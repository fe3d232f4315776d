package dev.loglake.common.alb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Microbenchmark of the tokenizer on in-memory lines (plain Java harness: warm-up rounds, then
 * timed rounds; reports the median). Run via {@code scripts/bench-alb-parse.sh} or {@code java -cp
 * ... dev.loglake.common.alb.AlbTokenizerBench [lines]}. Measures, never asserts.
 */
final class AlbTokenizerBench {

  private AlbTokenizerBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int[] offsets = new int[n + 1];
    AlbLineGenerator gen = new AlbLineGenerator(1);
    for (int i = 0; i < n; i++) {
      offsets[i] = all.size();
      all.writeBytes(gen.next(33, 0).line().getBytes(StandardCharsets.UTF_8));
    }
    offsets[n] = all.size();
    byte[] data = all.toByteArray();
    report("tokenize", data, offsets, false);
    report("tokenize+spark values", data, offsets, true);
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
    long sink = 0;
    for (int i = 0; i < offsets.length - 1; i++) {
      if (parser.parse(data, offsets[i], offsets[i + 1] - offsets[i])) {
        sink += parser.longValue(1);
        if (materialize) {
          for (int col = 0; col < AlbLogSchema.COLUMN_COUNT; col++) {
            sink += AlbInternalRows.value(parser, col) == null ? 0 : 1;
          }
        }
      }
    }
    return sink;
  }
}
