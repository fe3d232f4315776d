package dev.loglake.jobs.maintain;

import dev.loglake.common.io.DeltaInputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * What maintain decides from without reading any data: a Delta table's current files (from its
 * log's AddFile actions: partition values, size, modification time), partition columns and
 * properties. Reading it costs no Spark job for a table under 50 files (its version checksum lists
 * them, {@link DeltaInputs#checksumFiles}) and one small job over the log otherwise, never a scan of
 * the table.
 *
 * @param path the table's location
 * @param version the snapshot's version
 * @param partitionColumns the table's partition columns, in order
 * @param properties the table's properties ({@code delta.*} included)
 * @param files every file of the snapshot
 */
record TableSnapshot(
    String path, long version, List<String> partitionColumns, Map<String, String> properties, List<DataFile> files) {

  /** One current file of the table. */
  record DataFile(String partition, long size, long modificationTime) {}

  TableSnapshot {
    partitionColumns = List.copyOf(partitionColumns);
    properties = Map.copyOf(properties);
    files = List.copyOf(files);
  }

  static TableSnapshot read(SparkSession spark, String path) {
    Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    List<String> partitionColumns = JavaConverters.seqAsJavaList(snapshot.metadata().partitionColumns());
    String column = datePartitionColumn(partitionColumns);
    List<DataFile> files = new ArrayList<>();
    Optional<List<AddFile>> listed = DeltaInputs.checksumFiles(snapshot);
    if (listed.isPresent()) {
      // A small table's files, from its version checksum: no Spark job.
      for (AddFile f : listed.get()) {
        files.add(new DataFile(DeltaInputs.partitionValue(f, column), f.size(), f.modificationTime()));
      }
    } else {
      List<Row> rows = snapshot.allFiles().toDF()
          .selectExpr(column == null ? "CAST(NULL AS STRING)" : "partitionValues['" + column + "']", "size", "modificationTime")
          .collectAsList();
      for (Row r : rows) {
        files.add(new DataFile(r.getString(0), r.getLong(1), r.getLong(2)));
      }
    }
    return new TableSnapshot(path, snapshot.version(), partitionColumns,
        JavaConverters.mapAsJavaMap(snapshot.metadata().configuration()), files);
  }

  /**
   * The partition column maintain works by: {@code date}, else the only partition column; null when
   * the table is not partitioned that way (it is then compacted and expired as a whole, never).
   */
  static String datePartitionColumn(List<String> partitionColumns) {
    if (partitionColumns.contains("date")) {
      return "date";
    }
    return partitionColumns.size() == 1 ? partitionColumns.get(0) : null;
  }

  String partitionColumn() {
    return datePartitionColumn(partitionColumns);
  }

  long bytes() {
    return files.stream().mapToLong(DataFile::size).sum();
  }

  /** Per partition value (in order), its files. */
  Map<String, List<DataFile>> byPartition() {
    Map<String, List<DataFile>> out = new TreeMap<>();
    for (DataFile f : files) {
      if (f.partition() != null) {
        out.computeIfAbsent(f.partition(), k -> new ArrayList<>()).add(f);
      }
    }
    return out;
  }

  /** The table properties maintain sets that differ from {@code wanted}. */
  Map<String, String> differing(Map<String, String> wanted) {
    Map<String, String> out = new LinkedHashMap<>();
    wanted.forEach((k, v) -> {
      if (!v.equals(properties.get(k))) {
        out.put(k, v);
      }
    });
    return out;
  }
}
