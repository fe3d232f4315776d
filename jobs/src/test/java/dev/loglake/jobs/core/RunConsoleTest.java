package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The console's summary of a maintain step: one line, alb_requests' files and bytes before and after,
 * and the totals over every table.
 */
class RunConsoleTest {

  @Test
  void maintainShowsAlbRequestsAndTheTotalsOnOneLine() {
    Map<String, Object> tables = new LinkedHashMap<>();
    tables.put("processed.alb_requests", table(120, 2, 24_000_000, 21_500_000, 1, 0, 0));
    tables.put("processed.web_events", table(8, 8, 4_000_000, 4_000_000, 0, 0, 3));
    tables.put("curated.web_sessions", table(30, 24, 2_000_000, 1_600_000, 0, 6, 0));
    Map<String, Object> step = new LinkedHashMap<>(Map.of("job", "maintain", "status", "SUCCEEDED", "duration_s", 12.5,
        "tables_maintained", 3, "tables_changed", 2L));
    step.put("tables", tables);
    Map<String, Object> pipeline = Map.of("job", "pipeline", "status", "SUCCEEDED", "duration_s", 80.0, "steps", List.of(step));

    assertThat(RunConsole.stepLine(step)).isEqualTo("maintain SUCCEEDED in 12.5 s: 3 tables maintained, 2 changed");
    assertThat(RunConsole.summary(pipeline, Optional.empty())).containsExactly(
        "pipeline SUCCEEDED in 80.0 s",
        "  maintain               SUCCEEDED               12.5 s",
        "    processed.alb_requests files 120 -> 2, 24.0 MB -> 21.5 MB; 3 tables: 1 partitions compacted, 6 expired,"
            + " 3 files vacuumed");
  }

  @Test
  void aSqlRunsTablesAreNotShownAsMaintenance() {
    Map<String, Object> sql = new LinkedHashMap<>(Map.of("job", "sql", "status", "SUCCEEDED", "duration_s", 6.3,
        "rows_shown", 2));
    sql.put("tables", Map.of("processed._job_runs", "catalog processed._job_runs"));

    assertThat(RunConsole.summary(sql, Optional.empty())).containsExactly("sql SUCCEEDED in 6.3 s");
  }

  @Test
  void aQualityStepSaysHowManyPartitionsItCheckedSinceItsLinesNameOnlyTheFailedOnes() {
    Map<String, Object> step = new LinkedHashMap<>(Map.of("job", "quality-curated", "status", "SUCCEEDED",
        "duration_s", 58.2, "datasets", 5, "partitions_checked", 5, "rules_failed", 0, "gate", "PASSED"));

    assertThat(RunConsole.stepLine(step))
        .isEqualTo("quality-curated SUCCEEDED in 58.2 s: 5 partitions checked, 0 rules failed, gate PASSED");
  }

  private static Map<String, Object> table(long filesBefore, long filesAfter, long bytesBefore, long bytesAfter,
      int compacted, int expired, int vacuumed) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("files_before", filesBefore);
    t.put("files_after", filesAfter);
    t.put("bytes_before", bytesBefore);
    t.put("bytes_after", bytesAfter);
    t.put("partitions_compacted", compacted);
    t.put("files_vacuumed", vacuumed);
    t.put("partitions_expired", expired);
    return t;
  }
}
