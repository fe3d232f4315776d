package dev.loglake.jobs.sample;

import java.util.SplittableRandom;

/** Cheap normal-ish noise that is identical on every JDK (unlike {@code nextGaussian}). */
final class Gaussian {

  private Gaussian() {}

  /** Approximately standard normal: Irwin-Hall sum of 4 uniforms, rescaled to unit variance. */
  static double next(SplittableRandom random) {
    double sum =
        random.nextDouble() + random.nextDouble() + random.nextDouble() + random.nextDouble();
    return (sum - 2.0) * 1.7320508075688772;
  }

  /** Log-normal value around {@code median} with shape {@code sigma}. */
  static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * Math.exp(sigma * next(random));
  }
}
