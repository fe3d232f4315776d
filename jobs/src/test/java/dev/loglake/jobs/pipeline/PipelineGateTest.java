package dev.loglake.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A failed quality gate stops the pipeline with exit 3 and the steps that ran on its SUMMARY line. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class PipelineGateTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void aFailedGateStopsBeforeCuratedWithEveryRunStepOnTheSummary(SparkSession spark) throws Exception {
    Path day = Files.createDirectories(dir.resolve("raw/events/web/year=2024/month=03/day=10"));
    Files.writeString(day.resolve("part-0.json"), String.join("\n",
        "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"session_id\":\"s\",\"status\":200,\"bytes\":5}",
        "{\"event_id\":\"e2\",\"event_ts\":\"2024-03-10T10:01:00Z\",\"session_id\":\"s\",\"status\":200,\"bytes\":50}", ""));
    Path rules = dir.resolve("rules.conf");
    Files.writeString(rules, "loglake.datasets.web_events.quality = [\"between(bytes, 0, 10)\"]\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", dir.toString(),
        "--config", rules.toString(), "--date", "2024-03-10"));

    int code = JobRunner.execute(new PipelineJob(CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);

    String text = out.toString(StandardCharsets.UTF_8);
    JsonNode summary = new ObjectMapper().readTree(text.substring(text.lastIndexOf("SUMMARY ") + 8).strip());
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
    assertThat(summary.get("status").asText()).isEqualTo("QUALITY_GATE_FAILED");
    List<String> steps = new ArrayList<>();
    summary.get("steps").forEach(s -> steps.add(s.get("job").asText() + " " + s.get("status").asText()));
    assertThat(steps).containsExactly("raw-to-processed SUCCEEDED", "quality QUALITY_GATE_FAILED");
    assertThat(summary.get("steps").get(0).get("datasets").get("web_events").get("rows_written").asLong()).isEqualTo(2);
    assertThat(summary.get("steps").get(1).get("failed_rules").toString())
        .isEqualTo("{\"web_events\":{\"2024-03-10\":[\"between(bytes, 0, 10)\"]}}");
    assertThat(summary.get("error").asText()).startsWith("Quality gate failed: 1 blocking rule failure(s)");
    assertThat(dir.resolve("curated")).doesNotExist();
  }
}
