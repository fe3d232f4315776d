package dev.loglake.common.io;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files and bytes a read of some dates touches, from the table's log: each figure is checked
 * against the data files' own sizes on disk, across a new version of the table and a table deleted
 * and created again at the same path (the figures are kept per table version).
 */
@ExtendWith(SparkTestSession.class)
class DeltaInputsTest {

  static final LocalDate D1 = LocalDate.parse("2024-03-10");
  static final LocalDate D2 = LocalDate.parse("2024-03-11");
  static final LocalDate D3 = LocalDate.parse("2024-03-12");

  @TempDir Path dir;

  @Test
  void filesAndBytesOfADateRangeFollowEachNewVersionOfTheTable(SparkSession spark) throws IOException {
    checkFollowsVersions(spark, true);
  }

  /**
   * A table whose version checksums do not list its files (more than the threshold of files, here
   * set to none): the same figures from a Spark job over its log state.
   */
  @Test
  void aTableWhoseChecksumsListNoFilesGivesTheSameFigures(SparkSession spark) throws IOException {
    spark.conf().set(CRC_FILES, "false");
    try {
      checkFollowsVersions(spark, false);
    } finally {
      spark.conf().unset(CRC_FILES);
    }
  }

  private static final String CRC_FILES = "spark.databricks.delta.allFilesInCrc.enabled";

  private void checkFollowsVersions(SparkSession spark, boolean filesInChecksum) throws IOException {
    Path table = dir.resolve("t");
    String path = table.toString();
    assertThat(DeltaInputs.of(spark, path, "date", D1, D3)).isEqualTo(DeltaInputs.Figures.NONE);
    assertThat(DeltaInputs.partitionValues(spark, path, "date")).isEmpty();

    write(spark, path, SaveMode.Overwrite, 2, D1, D2);
    // Which of the two ways is under test.
    assertThat(Files.readString(table.resolve("_delta_log/00000000000000000001.crc"))).satisfies(
        crc -> assertThat(crc.contains("\"allFiles\"")).isEqualTo(filesInChecksum));
    assertThat(DeltaInputs.of(spark, path, "date", D1, D1)).isEqualTo(onDisk(table, D1));
    assertThat(DeltaInputs.of(spark, path, "date", D1, D3)).isEqualTo(onDisk(table, D1, D2));
    assertThat(DeltaInputs.of(spark, path, "date", D3, D3)).isEqualTo(DeltaInputs.Figures.NONE);
    assertThat(DeltaInputs.of(spark, path, null, null, null)).isEqualTo(onDisk(table, D1, D2));
    assertThat(DeltaInputs.partitionValues(spark, path, "date")).containsExactly(D1.toString(), D2.toString());
    // A column the table is not partitioned by holds no date.
    assertThat(DeltaInputs.of(spark, path, "day", D1, D3)).isEqualTo(DeltaInputs.Figures.NONE);

    // A new version: an append of D3 and more files on D2.
    write(spark, path, SaveMode.Append, 3, D2, D3);
    assertThat(DeltaInputs.of(spark, path, "date", D2, D3)).isEqualTo(onDisk(table, D2, D3));
    assertThat(DeltaInputs.of(spark, path, "date", D2, D3).files()).isEqualTo(2 + 3 + 3);
    assertThat(DeltaInputs.partitionValues(spark, path, "date"))
        .containsExactly(D1.toString(), D2.toString(), D3.toString());

    // Deleted and created again at the same path: version 0 again, with other files.
    deleteTree(table);
    write(spark, path, SaveMode.Overwrite, 1, D3);
    assertThat(DeltaInputs.of(spark, path, "date", D1, D3)).isEqualTo(onDisk(table, D3));
    assertThat(DeltaInputs.of(spark, path, "date", D1, D3).files()).isEqualTo(1);
    assertThat(DeltaInputs.partitionValues(spark, path, "date")).containsExactly(D3.toString());
  }

  /** {@code files} data files on each of {@code dates}, one commit per date. */
  private static void write(SparkSession spark, String path, SaveMode mode, int files, LocalDate... dates) {
    for (LocalDate d : dates) {
      spark.range(0, 100L * files, 1, files).toDF("id").withColumn("date", lit(java.sql.Date.valueOf(d)))
          .write().format("delta").mode(d == dates[0] ? mode : SaveMode.Append).partitionBy("date").save(path);
    }
  }

  /** The parquet files under the date partitions, and their bytes, as the file system has them. */
  private static DeltaInputs.Figures onDisk(Path table, LocalDate... dates) throws IOException {
    DeltaInputs.Figures total = DeltaInputs.Figures.NONE;
    for (LocalDate d : dates) {
      Path partition = table.resolve("date=" + d);
      if (!Files.isDirectory(partition)) {
        continue;
      }
      try (Stream<Path> files = Files.list(partition)) {
        for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
          total = total.plus(new DeltaInputs.Figures(1, Files.size(f)));
        }
      }
    }
    return total;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
