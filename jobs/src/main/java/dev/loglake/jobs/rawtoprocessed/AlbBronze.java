package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.alb.AlbDataSource;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbLogSchema;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.io.RawFile;
import dev.loglake.common.io.RawRecords;
import dev.loglake.common.silver.Silver;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * ALB access logs as bronze rows: the parser's typed columns, from one scan that parses each line
 * once; a line the parser rejects becomes a malformed row carrying the reason and the raw text,
 * and a file that cannot be read (corrupt or truncated gzip) one row with {@code _file_error} set
 * (rows read from it before the error are still there; see {@code AlbDataSource}).
 */
final class AlbBronze {

  private AlbBronze() {}

  static Dataset<Row> read(SparkSession spark, List<RawFile> files) {
    Dataset<Row> scan =
        AlbLogReader.read(spark, AlbReadRequest.files(files.stream().map(RawFile::path).toList())).scan();
    List<Column> out = new ArrayList<>();
    for (StructField f : AlbLogSchema.schema().fields()) {
      out.add(col(f.name()));
    }
    Column reason = col(AlbDataSource.REJECT_REASON);
    out.add(col(AlbLogSchema.SOURCE_FILE).as(RawRecords.SOURCE_FILE));
    out.add(col(AlbLogSchema.LINE_NUMBER).as(RawRecords.LINE_NUMBER));
    out.add(col(AlbDataSource.RAW_LINE).as(RawRecords.RAW));
    out.add(when(reason.isNotNull(), concat(lit("malformed_alb: "), reason)).as(RawRecords.MALFORMED));
    out.add(col(AlbDataSource.FILE_ERROR).as(RawRecords.FILE_ERROR));
    out.add(array().cast("array<string>").as(Silver.TYPE_ERRORS));
    return scan.select(out.toArray(Column[]::new));
  }
}
