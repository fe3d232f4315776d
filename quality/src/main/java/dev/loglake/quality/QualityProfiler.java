package dev.loglake.quality;

import com.amazon.deequ.profiles.ColumnProfile;
import com.amazon.deequ.profiles.ColumnProfilerRunner;
import com.amazon.deequ.profiles.ColumnProfiles;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/**
 * Column profiles with Deequ's {@link ColumnProfilerRunner}: per column its completeness, approximate
 * distinct count, data type, and for numeric columns min/max/mean/stddev, and a histogram (top values)
 * of low-cardinality columns.
 */
public final class QualityProfiler {

  private QualityProfiler() {}

  /** The profile of {@code data}'s columns (those not starting with {@code _}) as Deequ's JSON. */
  public static String profileJson(Dataset<Row> data) {
    List<String> columns = new ArrayList<>();
    for (String c : data.columns()) {
      if (!c.startsWith("_")) {
        columns.add(c);
      }
    }
    ColumnProfiles profiles = new ColumnProfilerRunner().onData(data)
        .restrictToColumns(DeequAnalyzers.seq(columns)).run();
    List<ColumnProfile> list = new ArrayList<>(JavaConverters.seqAsJavaList(profiles.profiles().values().toSeq()));
    return ColumnProfiles.toJson(JavaConverters.asScalaBufferConverter(list).asScala().toSeq());
  }
}
