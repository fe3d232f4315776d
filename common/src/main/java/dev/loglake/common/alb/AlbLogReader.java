package dev.loglake.common.alb;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.objects.AssertNotNull;
import org.apache.spark.sql.catalyst.expressions.objects.AssertNotNull$;
import org.apache.spark.sql.types.StructField;

/**
 * Reads ALB access logs into parsed rows and rejects from one scan of {@link AlbDataSource}: files
 * are selected by name ({@code *.log.gz}, {@code *.log}; connection logs and {@code
 * ELBAccessLogTestFile} are skipped), gunzipped when {@code .gz}, streamed, and each line is parsed
 * once. A file that cannot be read shows up in {@code fileErrors} instead of failing the job. See
 * {@link AlbReadRequest} for paths and date ranges and {@link AlbReadResult} for how to consume
 * the outputs with one parse.
 */
public final class AlbLogReader {

  private AlbLogReader() {}

  public static AlbReadResult read(SparkSession spark, AlbReadRequest request) {
    var reader = spark.read().format(AlbDataSource.class.getName());
    if (request.hasDateRange()) {
      reader =
          reader.option("from", request.from().toString()).option("to", request.to().toString());
    }
    Dataset<Row> scan =
        request.files().isEmpty()
            ? reader.load(request.path())
            : reader.option("files", String.join("\n", request.files())).load();
    return new AlbReadResult(scan, rows(scan), rejects(scan), fileErrors(scan));
  }

  /**
   * The same files as {@link #read}, for a fold over parsed lines that needs no rows (see {@link
   * AlbLineSource}); nothing is listed or read yet.
   */
  public static AlbLineSource lines(SparkSession spark, AlbReadRequest request) {
    return new AlbLineSource(spark, request);
  }

  /** Parsed lines with the contract schema; a parsed line always has the four required values. */
  static Dataset<Row> rows(Dataset<Row> scan) {
    StructField[] fields = AlbLogSchema.schemaWithLineage().fields();
    Column[] columns = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      Column c = col(fields[i].name());
      boolean required = !fields[i].nullable() && i < AlbLogSchema.COLUMN_COUNT;
      columns[i] = required ? notNull(c, fields[i]) : c;
    }
    return scan.filter(
            col(AlbDataSource.REJECT_REASON).isNull().and(col(AlbDataSource.FILE_ERROR).isNull()))
        .select(columns);
  }

  /** Unparseable lines; file-error rows have no reject reason, so they are never among these. */
  static Dataset<Row> rejects(Dataset<Row> scan) {
    return scan.filter(col(AlbDataSource.REJECT_REASON).isNotNull())
        .select(
            col(AlbLogSchema.SOURCE_FILE),
            col(AlbLogSchema.LINE_NUMBER),
            notNull(col(AlbDataSource.REJECT_REASON), null).as(AlbLogSchema.REASON),
            notNull(col(AlbDataSource.RAW_LINE), null).as(AlbLogSchema.RAW_LINE));
  }

  /** One row per unreadable file: {@code _source_file, _file_error}, both non-null. */
  static Dataset<Row> fileErrors(Dataset<Row> scan) {
    return scan.filter(col(AlbDataSource.FILE_ERROR).isNotNull())
        .select(
            col(AlbLogSchema.SOURCE_FILE),
            notNull(col(AlbDataSource.FILE_ERROR), null).as(AlbDataSource.FILE_ERROR));
  }

  /** Marks a column non-nullable (failing loudly if the invariant were ever broken). */
  private static Column notNull(Column c, StructField field) {
    AssertNotNull assertion =
        AssertNotNull$.MODULE$.apply(c.expr(), AssertNotNull$.MODULE$.apply$default$2());
    Column out = new Column(assertion);
    return field == null ? out : out.as(field.name());
  }
}
