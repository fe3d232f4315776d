package dev.loglake.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local table catalog outlives a run: raw-to-processed registers its tables in the Derby Hive
 * metastore under the lake folder, and a later, separate spark-submit of {@code sql} finds them there.
 */
@Tag("e2e")
class CatalogLauncherTest {

  @TempDir Path work;

  @Test
  void tablesRegisteredByOneRunAreInTheCatalogOfTheNext() throws Exception {
    Path day = Files.createDirectories(work.resolve("lake/raw/events/web/year=2024/month=03/day=10"));
    Files.writeString(day.resolve("part-0.json"), String.join("\n",
        "{\"event_id\":\"e2\",\"event_ts\":\"2024-03-10T10:01:00Z\",\"path\":\"/b\",\"status\":500,\"bytes\":50}",
        "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"path\":\"/a\",\"status\":200,\"bytes\":100}", ""));

    Launcher.Result ingest = Launcher.run(work, Map.of(),
        "raw-to-processed", "--datasets", "web_events", "--from", "2024-03-10", "--to", "2024-03-10");
    Launcher.Result query = Launcher.run(work, Map.of(),
        "sql", "SELECT event_id, path, status, bytes FROM processed.web_events ORDER BY event_id");

    assertThat(ingest.code()).as(ingest.err()).isZero();
    JsonNode registered = new ObjectMapper().readTree(ingest.summaryJson()).get("catalog_registered");
    assertThat(registered.toString()).contains("\"processed.web_events\"").contains("\"processed._ledger\"");
    assertThat(work.resolve("lake/_catalog/metastore_db")).isDirectory();
    assertThat(work.resolve("lake/_catalog/derby.log")).isRegularFile();
    assertThat(work.resolve("derby.log")).doesNotExist();

    assertThat(query.code()).as(query.err()).isZero();
    assertThat(query.out().substring(0, query.out().lastIndexOf("SUMMARY "))).isEqualTo(String.join("\n",
        "event_id | path | status | bytes",
        "-------- | ---- | ------ | -----",
        "e1       | /a   | 200    | 100  ",
        "e2       | /b   | 500    | 50   ",
        "(2 rows)", ""));
    assertThat(new ObjectMapper().readTree(query.summaryJson()).get("tables").toString())
        .isEqualTo("{\"processed.web_events\":\"catalog processed.web_events\"}");
    assertThat(query.err()).doesNotContain("ObjectStore").doesNotContain("Hive SerDe");

    // A second day: its files add rows, no table. The tables are recorded as registered at their
    // locations, so the run does not start the metastore (Derby writes derby.log at every start).
    Path next = Files.createDirectories(work.resolve("lake/raw/events/web/year=2024/month=03/day=11"));
    Files.writeString(next.resolve("part-0.json"),
        "{\"event_id\":\"e3\",\"event_ts\":\"2024-03-11T10:00:00Z\",\"path\":\"/c\",\"status\":200,\"bytes\":10}\n");
    Path derbyLog = work.resolve("lake/_catalog/derby.log");
    String booted = Files.readString(derbyLog);
    java.nio.file.attribute.FileTime bootedAt = Files.getLastModifiedTime(derbyLog);
    Thread.sleep(1_100);
    Launcher.Result nextDay = Launcher.run(work, Map.of(),
        "raw-to-processed", "--datasets", "web_events", "--from", "2024-03-11", "--to", "2024-03-11");
    assertThat(nextDay.code()).as(nextDay.err()).isZero();
    JsonNode nextSummary = new ObjectMapper().readTree(nextDay.summaryJson());
    assertThat(nextSummary.get("catalog_registered").toString()).isEqualTo("[]");
    assertThat(nextSummary.at("/datasets/web_events/rows_written").asLong()).isEqualTo(1L);
    assertThat(Files.getLastModifiedTime(derbyLog)).isEqualTo(bootedAt);
    assertThat(Files.readString(derbyLog)).isEqualTo(booted);
    assertThat(work.resolve("lake/_catalog/registered-tables.tsv")).content()
        .containsPattern("(?m)^processed\\.web_events\tfile:.*/lake/processed/web_events$");
  }
}
