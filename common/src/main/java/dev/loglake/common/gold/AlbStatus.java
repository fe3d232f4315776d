package dev.loglake.common.gold;

import static dev.loglake.common.silver.AlbColumns.ELB_STATUS_CODE;
import static dev.loglake.common.silver.AlbColumns.RECEIVED_BYTES;
import static dev.loglake.common.silver.AlbColumns.SENT_BYTES;
import static dev.loglake.common.silver.AlbColumns.TARGET_GROUP_ARN;
import static dev.loglake.common.silver.AlbColumns.TARGET_PROCESSING_TIME;
import static dev.loglake.common.silver.AlbColumns.TARGET_STATUS_CODE;
import static dev.loglake.common.silver.AlbColumns.TIME;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbLineSource;
import dev.loglake.common.alb.AlbLogParser;
import dev.loglake.common.alb.AlbLogSchema;
import dev.loglake.common.alb.AlbParsedLines;
import dev.loglake.common.config.DateRange;
import java.io.IOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * Gold: the ALB API status per API and day ({@code alb_status_daily}) and per API and hour ({@code
 * alb_status_hourly}), both from one pass over the requests.
 *
 * <p>How: each partition folds its requests into one {@link ApiDayCounts} per API and UTC day
 * (counters and a latency histogram per hour), resolving a target group ARN to its API once per
 * distinct ARN; a shuffle merges them per API and day, and each merged day yields its daily row and
 * hourly rows. The per-row work is a few counter increments, so the job runs at the speed of the
 * read; the state is bounded by APIs x days x distinct latencies, not by the number of requests.
 *
 * <p>Latency figures are exact percentiles, equal to Spark's {@code percentile} (linear
 * interpolation between the closest ranks), of {@code target_processing_time}, ignoring {@code -1}
 * and null. Exact is affordable: ALB times have millisecond precision, so a histogram has at most
 * one entry per distinct millisecond, and exact results are reproducible across runs and between
 * the raw and processed paths, which {@code percentile_approx} does not promise.
 */
public final class AlbStatus {
  /** The columns of {@code alb_status_daily}, in order. */
  public static final List<String> DAILY_COLUMNS =
      List.of(
          "date",
          "api",
          "requests",
          "status_1xx",
          "status_2xx",
          "status_3xx",
          "status_4xx",
          "status_5xx",
          "target_5xx",
          "elb_5xx",
          "client_closed_460",
          "error_rate",
          "availability",
          "latency_p50",
          "latency_p90",
          "latency_p99",
          "latency_max",
          "received_bytes",
          "sent_bytes");

  /** The columns of {@code alb_status_hourly}, in order. */
  public static final List<String> HOURLY_COLUMNS =
      List.of("date", "hour", "api", "requests", "status_4xx", "status_5xx", "latency_p99");

  /** The request columns {@link #aggregate} reads (AlbLogSchema names and types). */
  public static final List<String> INPUT_COLUMNS =
      List.of(
          TIME,
          TARGET_GROUP_ARN,
          ELB_STATUS_CODE,
          TARGET_STATUS_CODE,
          TARGET_PROCESSING_TIME,
          RECEIVED_BYTES,
          SENT_BYTES);

  static final StructType DAILY_SCHEMA =
      schema(
          DAILY_COLUMNS,
          DataTypes.DateType,
          DataTypes.StringType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.DoubleType,
          DataTypes.DoubleType,
          DataTypes.DoubleType,
          DataTypes.DoubleType,
          DataTypes.DoubleType,
          DataTypes.DoubleType,
          DataTypes.LongType,
          DataTypes.LongType);

  static final StructType HOURLY_SCHEMA =
      schema(
          HOURLY_COLUMNS,
          DataTypes.DateType,
          DataTypes.IntegerType,
          DataTypes.StringType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.LongType,
          DataTypes.DoubleType);

  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  /**
   * Both tables of one aggregation; small, computed on the cluster and held as local rows. {@code
   * rejectedLines} and {@code unreadableFiles} count what a raw-file aggregation could not use (0
   * for rows: they were parsed already).
   */
  public record Tables(
      Dataset<Row> daily, Dataset<Row> hourly, long rejectedLines, long unreadableFiles) {}

  private AlbStatus() {}

  /**
   * The status of the dates of {@code range}, per API and day ({@link #DAILY_COLUMNS}) and per API
   * and hour ({@link #HOURLY_COLUMNS}), from one scan of {@code requests}.
   *
   * <p>Requires the {@link #INPUT_COLUMNS}: {@code time} (timestamp), {@code target_group_arn}
   * (string, null or {@code -} without a target group), {@code elb_status_code} and {@code
   * target_status_code} (int, null when absent), {@code target_processing_time} (double, {@code -1}
   * without a measurement) and {@code received_bytes}, {@code sent_bytes} (long); other columns are
   * ignored. Requests are grouped by the UTC date and hour of {@code time}, whatever the session
   * time zone; those outside {@code range} are ignored. The API is {@code mapping}'s (see {@link
   * AlbApiMapping#apiOf}); status classes come from the hundreds digit of {@code elb_status_code},
   * for every code.
   *
   * <p>Every API of {@code mapping.listedApis()} has a daily row for every date, also without
   * requests: then every count is 0 and {@code error_rate}, {@code availability} and the latencies
   * are null (no traffic is not "100% available"; the report shows it as no traffic). Hours
   * without requests have no hourly row.
   */
  public static Tables aggregate(Dataset<Row> requests, AlbApiMapping mapping, DateRange range) {
    JavaRDD<Partial> partials =
        requests
            .selectExpr(INPUT_COLUMNS.toArray(String[]::new))
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .mapPartitions(rows -> foldRows(rows, new Folder(mapping, range)).result(0, 0).iterator());
    return tables(requests.sparkSession(), partials, mapping, range);
  }

  /**
   * The same aggregation straight from raw ALB files, without a row per line: each task folds its
   * files' parsed lines (in the time range the source was requested for) as they are parsed.
   * Rejected lines and unreadable files are counted in the result, as the reader would report them.
   */
  public static Tables aggregate(AlbLineSource raw, AlbApiMapping mapping, DateRange range) {
    JavaRDD<Partial> partials =
        raw.mapPartitions(lines -> foldLines(lines, mapping, range));
    return tables(raw.sparkSession(), partials, mapping, range);
  }

  private static Folder foldRows(Iterator<InternalRow> rows, Folder folder) {
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      if (!r.isNullAt(0)) {
        folder.add(
            r.getLong(0),
            r.isNullAt(1) ? null : r.getUTF8String(1),
            r.isNullAt(2) ? ApiDayCounts.NO_STATUS : r.getInt(2),
            r.isNullAt(3) ? ApiDayCounts.NO_STATUS : r.getInt(3),
            r.isNullAt(4) ? -1.0 : r.getDouble(4),
            r.isNullAt(5) ? 0L : r.getLong(5),
            r.isNullAt(6) ? 0L : r.getLong(6));
      }
    }
    return folder;
  }

  private static final int TIME_COL = AlbLogSchema.ordinal(TIME);
  private static final int ARN_COL = AlbLogSchema.ordinal(TARGET_GROUP_ARN);
  private static final int ELB_COL = AlbLogSchema.ordinal(ELB_STATUS_CODE);
  private static final int TARGET_COL = AlbLogSchema.ordinal(TARGET_STATUS_CODE);
  private static final int LATENCY_COL = AlbLogSchema.ordinal(TARGET_PROCESSING_TIME);
  private static final int RECEIVED_COL = AlbLogSchema.ordinal(RECEIVED_BYTES);
  private static final int SENT_COL = AlbLogSchema.ordinal(SENT_BYTES);

  /**
   * Folds one partition's parsed lines. A file that breaks halfway (corrupt gzip) must count for
   * nothing, as raw-to-processed keeps none of its rows: the partition is folded again without it.
   * That costs a second read of the partition, only when a file is broken.
   */
  private static List<Partial> foldLines(
      AlbParsedLines partition, AlbApiMapping mapping, DateRange range) throws IOException {
    Set<String> broken = new HashSet<>();
    AlbParsedLines lines = partition;
    try {
      while (true) {
        Folder folder = new Folder(mapping, range);
        String brokenFile = fold(lines, folder);
        if (brokenFile == null) {
          return folder.result(lines.rejectedCount(), broken.size());
        }
        broken.add(brokenFile);
        if (lines != partition) {
          lines.close();
        }
        lines = partition.without(broken);
      }
    } finally {
      if (lines != partition) {
        lines.close();
      }
    }
  }

  /** Folds every parsed line into {@code folder}; the first unreadable file's path, or null. */
  private static String fold(AlbParsedLines lines, Folder folder) {
    AlbLogParser p = lines.parser();
    for (AlbParsedLines.Outcome o = lines.next(); o != null; o = lines.next()) {
      if (o == AlbParsedLines.Outcome.UNREADABLE_FILE) {
        return lines.file();
      }
      if (o != AlbParsedLines.Outcome.PARSED) {
        continue; // a rejected line: counted by lines
      }
      UTF8String arn =
          p.isNull(ARN_COL)
              ? null
              : UTF8String.fromBytes(p.buffer(), p.start(ARN_COL), p.end(ARN_COL) - p.start(ARN_COL));
      folder.add(
          p.longValue(TIME_COL),
          arn,
          p.isNull(ELB_COL) ? ApiDayCounts.NO_STATUS : p.intValue(ELB_COL),
          p.isNull(TARGET_COL) ? ApiDayCounts.NO_STATUS : p.intValue(TARGET_COL),
          p.isNull(LATENCY_COL) ? -1.0 : p.doubleValue(LATENCY_COL),
          p.isNull(RECEIVED_COL) ? 0L : p.longValue(RECEIVED_COL),
          p.isNull(SENT_COL) ? 0L : p.longValue(SENT_COL));
    }
    return null;
  }

  /** Merges the partitions' counts per API and day, and builds both tables from them. */
  private static Tables tables(
      SparkSession spark, JavaRDD<Partial> partials, AlbApiMapping mapping, DateRange range) {
    int fromDay = (int) range.from().toEpochDay();
    int toDay = (int) range.to().toEpochDay();
    int partitions =
        Math.max(
            1, Math.min(spark.sessionState().conf().numShufflePartitions(), 4 * (toDay - fromDay + 1)));
    List<Output> outputs =
        partials
            .mapToPair(pt -> new Tuple2<>(pt.key(), pt))
            .reduceByKey(Partial::merge, partitions)
            .map(t -> t._2().output())
            .collect();
    List<Row> daily = new ArrayList<>();
    List<Row> hourly = new ArrayList<>();
    Set<Tuple2<Integer, String>> seen = new HashSet<>();
    long rejected = 0;
    long unreadable = 0;
    for (Output o : outputs) {
      rejected += o.rejectedLines;
      unreadable += o.unreadableFiles;
      if (o.rows.length > 0) {
        Row day = o.rows[0];
        daily.add(day);
        seen.add(new Tuple2<>((int) day.getDate(0).toLocalDate().toEpochDay(), day.getString(1)));
        hourly.addAll(List.of(o.rows).subList(1, o.rows.length));
      }
    }
    for (int day = fromDay; day <= toDay; day++) {
      for (String api : mapping.listedApis()) {
        if (!seen.contains(new Tuple2<>(day, api))) {
          daily.add(silent(day, api));
        }
      }
    }
    return new Tables(
        spark.createDataFrame(daily, DAILY_SCHEMA),
        spark.createDataFrame(hourly, HOURLY_SCHEMA),
        rejected,
        unreadable);
  }

  /**
   * What one partition contributes under one key: the counts of one API and day, or (key day
   * {@link #INPUT}) the lines and files it could not use. Plain classes, not records: Kryo cannot
   * set a record's fields when the shuffle deserializes them.
   */
  private static final class Partial implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int INPUT = Integer.MIN_VALUE;

    ApiDayCounts counts;
    long rejectedLines;
    long unreadableFiles;

    Tuple2<Integer, String> key() {
      return counts == null ? new Tuple2<>(INPUT, "") : new Tuple2<>(counts.epochDay, counts.api);
    }

    Partial merge(Partial other) {
      if (counts != null) {
        counts.merge(other.counts);
      }
      rejectedLines += other.rejectedLines;
      unreadableFiles += other.unreadableFiles;
      return this;
    }

    Output output() {
      Output o = new Output();
      o.rows = counts == null ? new Row[0] : counts.rows();
      o.rejectedLines = rejectedLines;
      o.unreadableFiles = unreadableFiles;
      return o;
    }
  }

  /** The rows of one API and day (daily first, then hourly), or the input accounting. */
  private static final class Output implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    Row[] rows;
    long rejectedLines;
    long unreadableFiles;
  }

  /** One task's counts per API and day, resolving each distinct target group ARN once. */
  private static final class Folder {
    private final AlbApiMapping mapping;
    private final int fromDay;
    private final int toDay;
    private final ArnState noTargetGroup;
    private final Map<UTF8String, ArnState> byArn = new HashMap<>();
    private final Map<Tuple2<Integer, String>, ApiDayCounts> counts = new HashMap<>();

    Folder(AlbApiMapping mapping, DateRange range) {
      this.mapping = mapping;
      this.fromDay = (int) range.from().toEpochDay();
      this.toDay = (int) range.to().toEpochDay();
      this.noTargetGroup = new ArnState(mapping.apiOf(null));
    }

    /** One request; {@code arn} may point into a reused buffer (it is copied when kept). */
    void add(
        long micros,
        UTF8String arn,
        int elbStatus,
        int targetStatus,
        double latency,
        long received,
        long sent) {
      long hourNumber = Math.floorDiv(micros, MICROS_PER_HOUR);
      int day = (int) Math.floorDiv(hourNumber, 24);
      if (day < fromDay || day > toDay) {
        return;
      }
      ArnState state = noTargetGroup;
      if (arn != null) {
        state = byArn.get(arn);
        if (state == null) {
          state = new ArnState(mapping.apiOf(arn.toString()));
          byArn.put(arn.clone(), state);
        }
      }
      if (state.counts == null || state.counts.epochDay != day) {
        String api = state.api;
        state.counts =
            counts.computeIfAbsent(new Tuple2<>(day, api), k -> new ApiDayCounts(day, api));
      }
      state.counts.add(
          (int) Math.floorMod(hourNumber, 24), elbStatus, targetStatus, latency, received, sent);
    }

    List<Partial> result(long rejectedLines, long unreadableFiles) {
      List<Partial> out = new ArrayList<>();
      for (ApiDayCounts c : counts.values()) {
        Partial p = new Partial();
        p.counts = c;
        out.add(p);
      }
      if (rejectedLines > 0 || unreadableFiles > 0) {
        Partial p = new Partial();
        p.rejectedLines = rejectedLines;
        p.unreadableFiles = unreadableFiles;
        out.add(p);
      }
      return out;
    }
  }

  /** What a task knows about one target group ARN: its API, and its counts of the last day seen. */
  private static final class ArnState {
    final String api;
    ApiDayCounts counts;

    ArnState(String api) {
      this.api = api;
    }
  }

  private static Row silent(int epochDay, String api) {
    return RowFactory.create(
        Date.valueOf(java.time.LocalDate.ofEpochDay(epochDay)), api, 0L, 0L, 0L, 0L, 0L, 0L, 0L,
        0L, 0L, null, null, null, null, null, null, 0L, 0L);
  }

  private static StructType schema(List<String> names, org.apache.spark.sql.types.DataType... types) {
    StructType s = new StructType();
    for (int i = 0; i < types.length; i++) {
      s = s.add(names.get(i), types[i], true);
    }
    return s;
  }
}
