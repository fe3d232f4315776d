package dev.loglake.jobs.sample;

/**
 * Derives independent, stable seeds for each file from the run seed, so every file can be generated
 * on its own (in any order, on any thread) and still come out byte-identical for the same run seed.
 */
final class Seeds {

  private Seeds() {}

  /** Mixes the run seed with a purpose name and numeric coordinates (day, interval, node...). */
  static long derive(long seed, String purpose, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ purpose.hashCode());
    for (long part : parts) {
      h = mix(h + 0x9E3779B97F4A7C15L + part);
    }
    return h;
  }

  /** The SplitMix64 finalizer: a cheap bijective 64-bit hash with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
