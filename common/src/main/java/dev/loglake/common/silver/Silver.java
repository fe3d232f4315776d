package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bin;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.dataset.ColumnSpec;
import dev.loglake.common.dataset.DatasetConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The silver conformance every dataset goes through once its columns are typed: validation,
 * lineage, record hash and key, per-record quality score, partition date, and PII treatment. Rows
 * with at least one reason in {@value #REASONS} belong in the quarantine.
 */
public final class Silver {

  public static final String TYPE_ERRORS = "_type_errors";
  public static final String REASONS = "_reasons";
  public static final String REASON = "_quarantine_reason";
  public static final String RECORD_HASH = "_record_hash";
  public static final String RECORD_KEY = "_record_key";
  public static final String QUALITY_SCORE = "_quality_score";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RUN_ID = "_run_id";
  public static final String DATE = "date";

  private Silver() {}

  /** Who ingests this batch, and with what PII salt. */
  public record Batch(String runId, Instant ingestedAt, String piiSalt) {}

  /**
   * Requires the declared columns (typed), {@code _source_file, _line_number, _raw, _malformed,
   * _type_errors}. Adds {@code _reasons} (array), {@code _quarantine_reason} (the first reason's
   * code), {@code _ingested_at}, {@code _run_id}, {@code _record_hash}, {@code _record_key},
   * {@code _quality_score} and {@code date}; PII columns are treated, dropped ones removed. The
   * checks see the values as read; {@code _record_hash} and {@code _record_key} the treated ones.
   */
  public static Dataset<Row> conform(Dataset<Row> typed, DatasetConfig ds, List<String> columns, Batch batch) {
    Column[] checks = reasonColumns(ds);
    Column none = array().cast("array<string>");
    // Most rows pass every check: they skip the array filter (interpreted, not compiled, in Spark).
    Column reasons =
        checks.length == 0
            ? none
            : when(coalesce(checks).isNull(), none).otherwise(filter(array(checks), Column::isNotNull));
    // A record that could not be parsed has one reason: the other checks would only echo it.
    Column all =
        when(col("_malformed").isNotNull(), array(col("_malformed")))
            .otherwise(concat(coalesce(col(TYPE_ERRORS), none), reasons));
    Column eventTime = ds.eventTime().map(c -> col(c)).orElse(lit(null).cast(DataTypes.TimestampType));
    Dataset<Row> out =
        typed
            .withColumn(REASONS, all)
            .withColumn(REASON, split(element_at(all, 1), ": ").getItem(0))
            .withColumn(INGESTED_AT, lit(Timestamp.from(batch.ingestedAt())))
            .withColumn(RUN_ID, lit(batch.runId()))
            .withColumn(RECORD_HASH, lit(null).cast(DataTypes.StringType))
            .withColumn(RECORD_KEY, lit(null).cast(DataTypes.StringType))
            .withColumn(QUALITY_SCORE, qualityScore(ds))
            .withColumn(DATE, to_date(eventTime))
            .drop(TYPE_ERRORS);
    // Hash and key are of the values as stored, after the PII treatment: a hash of the full value
    // would give it back to anyone who tries the few candidates (256 for the last octet of a /24).
    Dataset<Row> treated = SilverPii.apply(out, ds.pii(), batch.piiSalt());
    List<String> kept = columns.stream().filter(c -> !SilverPii.drops(ds.pii(), c)).toList();
    return treated.withColumn(RECORD_HASH, recordHash(kept, withMaps(treated, kept))).withColumn(RECORD_KEY, recordKey(ds));
  }

  /** Reason expressions (null when fine), in the order they are reported. */
  private static Column[] reasonColumns(DatasetConfig ds) {
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : ds.schema()) {
      if (!c.nullable()) {
        out.add(when(col(c.name()).isNull(), lit("missing_required:" + c.name())));
      }
    }
    ds.eventTime().ifPresent(t -> out.add(when(col(t).isNull(), lit("missing_event_time"))));
    ds.validation().forEach(rule -> out.add(when(SilverRules.violated(rule), lit(rule.reason()))));
    return out.toArray(Column[]::new);
  }

  /**
   * 96 bits from two independent hashes (xxHash64 and Murmur3) of every declared column's typed value
   * plus its null mask, as 24 hex characters. Hashing the values directly avoids turning each into a
   * string (SHA-256 over their text cost more than parsing the line); at 96 bits a collision between
   * two different records stays improbable (about 1e-17 for a billion keys in one partition).
   */
  static Column recordHash(List<String> columns) {
    return recordHash(columns, java.util.Set.of());
  }

  /**
   * As {@link #recordHash(List)}, hashing the JSON text of the columns {@code asJson}: Spark does not
   * hash maps (two equal maps may differ in order), and JSON keeps a map's keys in the order read.
   */
  static Column recordHash(List<String> columns, java.util.Set<String> asJson) {
    Column[] values =
        columns.stream().map(c -> asJson.contains(c) ? to_json(col(c)) : col(c)).toArray(Column[]::new);
    Column nulls = nullMask(columns);
    Column[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(values), java.util.stream.Stream.of(nulls))
        .toArray(Column[]::new);
    // What format_string("%016x%08x", ...) gives, without a java.util.Formatter per row (it cost
    // a third of reading and conforming an ALB batch): two's-complement hex, zero-padded.
    Column high = lpad(lower(hex(xxhash64(all))), 16, "0");
    Column low = lpad(lower(hex(hash(all).cast("long").bitwiseAND(lit(0xFFFFFFFFL)))), 8, "0");
    return concat(high, low);
  }

  /** The {@code columns} of {@code typed} holding a map, at any depth. */
  private static java.util.Set<String> withMaps(Dataset<Row> typed, List<String> columns) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (org.apache.spark.sql.types.StructField f : typed.schema().fields()) {
      if (columns.contains(f.name()) && holdsMap(f.dataType())) {
        out.add(f.name());
      }
    }
    return out;
  }

  private static boolean holdsMap(org.apache.spark.sql.types.DataType t) {
    if (t instanceof org.apache.spark.sql.types.MapType) {
      return true;
    }
    if (t instanceof org.apache.spark.sql.types.ArrayType a) {
      return holdsMap(a.elementType());
    }
    if (t instanceof org.apache.spark.sql.types.StructType s) {
      return java.util.Arrays.stream(s.fields()).anyMatch(f -> holdsMap(f.dataType()));
    }
    return false;
  }

  /** Bits per long of {@link #nullMask}: {@code bin} of a non-negative long. */
  private static final int MASK_BITS = 63;

  /**
   * One character per column, {@code 1} when null, else {@code 0}: what {@code concat_ws("",
   * when(isnull(c), "1").otherwise("0") ...)} gives (the record hashes already stored were made
   * with it), built from one bit mask per 63 columns ({@code lpad(bin(mask), n, '0')}) instead of a
   * string per column, which made the mask cost more than both hashes.
   */
  static Column nullMask(List<String> columns) {
    List<Column> parts = new ArrayList<>();
    for (int from = 0; from < columns.size(); from += MASK_BITS) {
      List<String> chunk = columns.subList(from, Math.min(columns.size(), from + MASK_BITS));
      Column bits = lit(0L);
      for (int i = 0; i < chunk.size(); i++) {
        bits = bits.bitwiseOR(when(col(chunk.get(i)).isNull(), lit(1L << (chunk.size() - 1 - i))).otherwise(lit(0L)));
      }
      parts.add(lpad(bin(bits), chunk.size(), "0"));
    }
    if (parts.isEmpty()) {
      return lit("");
    }
    return parts.size() == 1 ? parts.get(0) : concat(parts.toArray(Column[]::new));
  }

  private static Column recordKey(DatasetConfig ds) {
    if (ds.key().isEmpty()) {
      return col(RECORD_HASH);
    }
    if (ds.key().size() == 1) {
      return col(ds.key().get(0)).cast("string");
    }
    Column[] parts = ds.key().stream().map(c -> coalesce(col(c).cast("string"), lit("\u0000"))).toArray(Column[]::new);
    return concat_ws("\u0001", parts);
  }

  /** Share of the declared optional columns that hold a value (valid rows only have valid values). */
  private static Column qualityScore(DatasetConfig ds) {
    List<ColumnSpec> optional = ds.schema().stream().filter(ColumnSpec::nullable).toList();
    if (optional.isEmpty()) {
      return lit(1.0);
    }
    Column present = lit(0);
    for (ColumnSpec c : optional) {
      present = present.plus(when(col(c.name()).isNotNull(), 1).otherwise(0));
    }
    return present.cast("double").divide(optional.size());
  }
}
