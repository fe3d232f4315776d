package dev.loglake.jobs.sample;

import java.util.SplittableRandom;

/**
 * Damages a few lines the way real log files get damaged, so parsers must quarantine them: a line
 * cut short (partial write), a quote that never closes, and plain garbage.
 */
final class MalformedLines {

  /** Chance per line, in 1/100,000: about 0.05%. */
  static final int RATE_PER_100K = 50;
  /** The kinds of damage: cut short, unclosed quote, garbage. */
  static final int KINDS = 3;

  private MalformedLines() {}

  static boolean shouldCorrupt(SplittableRandom random) {
    return random.nextInt(100_000) < RATE_PER_100K;
  }

  static void corrupt(SplittableRandom random, StringBuilder line) {
    corrupt(random, line, random.nextInt(KINDS));
  }

  /** Damages {@code line} with damage {@code kind} (0 to {@link #KINDS} - 1). */
  static void corrupt(SplittableRandom random, StringBuilder line, int kind) {
    switch (kind) {
      case 0 -> line.setLength(line.length() * (10 + random.nextInt(45)) / 100);
      case 1 -> dropClosingQuoteOfRequest(line);
      default -> garbage(random, line);
    }
  }

  private static void dropClosingQuoteOfRequest(StringBuilder line) {
    int open = line.indexOf("\"");
    int close = open < 0 ? -1 : line.indexOf("\"", open + 1);
    if (close > 0) {
      line.deleteCharAt(close);
    }
  }

  private static void garbage(SplittableRandom random, StringBuilder line) {
    line.setLength(0);
    line.append('#');
    for (int i = 0, n = 20 + random.nextInt(180); i < n; i++) {
      line.append((char) (33 + random.nextInt(94)));
    }
  }
}
