package dev.loglake.common.gold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class LatencyHistogramTest {

  /** Millisecond latencies with many repeats, a long tail, and a single sample group. */
  private static List<Double> samples(long seed, int n) {
    Random r = new Random(seed);
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double ms = r.nextDouble() < 0.95 ? r.nextInt(120) : 120 + r.nextInt(30_000);
      out.add(ms / 1000.0);
    }
    return out;
  }

  @Test
  void percentilesEqualSparksExactPercentileBitForBit(SparkSession spark) {
    for (int n : new int[] {1, 2, 3, 10, 999, 20_000}) {
      List<Double> values = samples(n, n);
      // Two halves merged, as partitions are: the result must not depend on it.
      LatencyHistogram first = new LatencyHistogram();
      LatencyHistogram second = new LatencyHistogram();
      for (int i = 0; i < values.size(); i++) {
        (i % 2 == 0 ? first : second).add(values.get(i));
      }
      first.addAll(second);

      Row fromSpark =
          spark
              .createDataset(values, Encoders.DOUBLE())
              .toDF("v")
              .selectExpr("percentile(v, array(0.5, 0.9, 0.99))", "max(v)", "count(v)")
              .first();
      List<Double> expected = fromSpark.getList(0);

      assertThat(first.percentiles(0.5, 0.9, 0.99)).as("n=%d", n).containsExactlyElementsOf(expected);
      assertThat(first.max()).isEqualTo(fromSpark.getDouble(1));
      assertThat(first.count()).isEqualTo(fromSpark.getLong(2));
    }
  }

  @Test
  void noSamplesHasNullPercentilesAndMax() {
    LatencyHistogram empty = new LatencyHistogram();
    assertThat(empty.percentiles(0.5, 0.99)).containsExactly(null, null);
    assertThat(empty.max()).isNull();
    assertThat(empty.count()).isZero();
  }
}
