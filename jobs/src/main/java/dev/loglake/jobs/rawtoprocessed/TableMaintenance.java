package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.Quarantine;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.spark.SmallInputCodegen;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code raw-to-processed --optimize}: compacts the small files five-minute deliveries leave behind
 * (Delta OPTIMIZE) and removes files no longer referenced and older than the retention (VACUUM), for
 * every dataset's table, its quarantine, the ledger and the run log.
 */
final class TableMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

  private TableMaintenance() {}

  static Map<String, Object> optimize(SparkSession spark, RawToProcessedConfig config) {
    LakeZones zones = config.etl().zones();
    List<String> paths = new ArrayList<>();
    for (DatasetConfig ds : config.datasets()) {
      paths.add(LakeZones.join(zones.processed(), ds.table()));
      paths.add(Quarantine.path(zones, ds.name()));
    }
    paths.add(LakeZones.join(zones.processed(), Ledger.TABLE));
    paths.add(RunLog.path(zones.processed()));
    Map<String, Object> out = new LinkedHashMap<>();
    for (String path : paths) {
      if (DeltaTable.isDeltaTable(spark, path)) {
        out.put(path, optimizeOne(spark, path, config.vacuumRetentionHours()));
      }
    }
    return out;
  }

  private static Map<String, Object> optimizeOne(SparkSession spark, String path, long retentionHours) {
    DeltaTable table = DeltaTable.forPath(spark, path);
    // Its size is not looked up: compacted with code generation, as any big input.
    Row metrics = SmallInputCodegen.run(spark, Long.MAX_VALUE,
        () -> table.optimize().executeCompaction().select("metrics.numFilesAdded", "metrics.numFilesRemoved").first());
    long removed = DeltaTable.forPath(spark, path).vacuum(retentionHours).count();
    LOG.info("Optimized {}: {} files compacted into {}", path, metrics.getLong(1), metrics.getLong(0));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files_added", metrics.getLong(0));
    m.put("files_removed", metrics.getLong(1));
    m.put("vacuumed", removed);
    return m;
  }
}
