package dev.loglake.common.alb;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read().format("alb").option("from", "2024-03-01").option("to", "2024-03-01")
 * .load(path)}: ALB access logs as one scan with every line, parsed once. Columns: the {@link
 * AlbLogSchema} columns (all nullable here, null on rejected lines), {@code _source_file}, {@code
 * _line_number}, {@code _reject_reason} / {@code _raw_line} (null on parsed lines) and {@code
 * _file_error}. Supports column pruning: only selected columns are materialized. Small files are
 * packed into input partitions like Spark's own file sources ({@code
 * spark.sql.files.maxPartitionBytes}, {@code openCostInBytes}, {@code minPartitionNum}). {@link
 * AlbLogReader} splits the scan into rows, rejects and file errors; see {@link AlbReadRequest} for
 * path and date-range semantics.
 *
 * <p><b>Unreadable files do not fail the scan.</b> When a file cannot be opened or read to its end
 * (not gzip, truncated or corrupt gzip, any {@code IOException}), the scan emits one <em>file-error
 * row</em> for it: {@code _source_file} set, {@code _line_number} = 0, {@code _file_error} = the
 * exception's class name and message, every other column null. Rows already emitted from that file
 * before the error (a truncated gzip fails only where the data ends) stay in the scan, because a
 * scan cannot take rows back. <b>A consumer must therefore treat a file with a file-error row as
 * unread and discard every row whose {@code _source_file} is that file</b>; rows without such a
 * file-error row are complete. {@link AlbLogReader#read} keeps file-error rows out of {@code rows}
 * and {@code rejects} and returns them as {@code fileErrors}. With a date range, the error of a
 * file of the extra next-day folder is reported by both days' reads (its rows may belong to
 * either).
 */
public final class AlbDataSource implements TableProvider, DataSourceRegister {

  public static final String REJECT_REASON = "_reject_reason";
  public static final String RAW_LINE = "_raw_line";

  /** Set only on the one row of an unreadable file: exception class and message. */
  public static final String FILE_ERROR = "_file_error";

  static final StructType SCAN_SCHEMA = scanSchema();

  @Override
  public String shortName() {
    return "alb";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SCAN_SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> props) {
    return new AlbTable(request(new CaseInsensitiveStringMap(props)));
  }

  static AlbReadRequest request(CaseInsensitiveStringMap options) {
    String from = options.get("from");
    String to = options.get("to");
    String files = options.get("files");
    if (files != null && !files.isBlank()) {
      return AlbReadRequest.files(java.util.List.of(files.split("\n")));
    }
    return new AlbReadRequest(
        options.get("path"),
        from == null ? null : LocalDate.parse(from),
        to == null ? null : LocalDate.parse(to));
  }

  private static StructType scanSchema() {
    StructType s = new StructType();
    for (StructField f : AlbLogSchema.schema().fields()) {
      s = s.add(f.name(), f.dataType(), true);
    }
    return s.add(AlbLogSchema.SOURCE_FILE, DataTypes.StringType, false)
        .add(AlbLogSchema.LINE_NUMBER, DataTypes.LongType, false)
        .add(REJECT_REASON, DataTypes.StringType, true)
        .add(RAW_LINE, DataTypes.StringType, true)
        .add(FILE_ERROR, DataTypes.StringType, true);
  }

  /** The logs of one request, readable in batch. */
  private record AlbTable(AlbReadRequest request) implements SupportsRead {

    @Override
    public String name() {
      return "alb(" + request.path() + ")";
    }

    @Override
    public StructType schema() {
      return SCAN_SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      return new AlbScan(request, SCAN_SCHEMA);
    }
  }
}
