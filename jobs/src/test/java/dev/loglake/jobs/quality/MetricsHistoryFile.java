package dev.loglake.jobs.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** Reads a table's Deequ metrics history, {@code <quality zone>/_metrics/<table>.json}, for tests. */
public final class MetricsHistoryFile {

  private MetricsHistoryFile() {}

  /** The Size metric (rows) saved for each partition date, by date. */
  public static Map<LocalDate, Double> sizes(Path qualityZone, String table) throws IOException {
    JsonNode history = new ObjectMapper().readTree(Files.readString(qualityZone.resolve("_metrics/" + table + ".json")));
    Map<LocalDate, Double> out = new TreeMap<>();
    for (JsonNode entry : history) {
      LocalDate date = Instant.ofEpochMilli(entry.get("resultKey").get("dataSetDate").asLong())
          .atZone(ZoneOffset.UTC).toLocalDate();
      for (JsonNode m : entry.get("analyzerContext").get("metricMap")) {
        if (m.get("analyzer").get("analyzerName").asText().equals("Size")) {
          out.put(date, m.get("metric").get("value").asDouble());
        }
      }
    }
    return out;
  }
}
