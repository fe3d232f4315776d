package dev.loglake.jobs.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A lake in a temp folder with the repo's conf/, where a day of raw data lands as an ALB log file,
 * a web events file and a transactions file, a few records each, that pass every error-level rule
 * of the shipped conf (the same records every day, so no anomaly either); and the pipeline run on it.
 */
final class PipelineLake {

  static final String ALB_DIR = "raw/AWSLogs/123456789012/elasticloadbalancing/us-east-1/";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s/6d0ecf831eec9f09";
  static final String TX_HEADER = "id,customer_id,transaction_date,amount,currency,status";

  /** What a pipeline run printed and returned. */
  record Run(int code, JsonNode summary, String err) {
    /** Each step as "job status". */
    List<String> steps() {
      List<String> out = new ArrayList<>();
      summary.get("steps").forEach(s -> out.add(s.get("job").asText() + " " + s.get("status").asText()));
      return out;
    }

    JsonNode step(String job) {
      for (JsonNode s : summary.get("steps")) {
        if (s.get("job").asText().equals(job)) {
          return s;
        }
      }
      throw new AssertionError("no step " + job + " in " + summary);
    }
  }

  final Path root;

  PipelineLake(Path root) {
    this.root = root;
  }

  /** The day's raw files: 4 ALB requests (2 APIs), 4 web events (2 path groups), 3 transactions. */
  void land(LocalDate day) throws IOException {
    String d = day.toString();
    String compact = d.replace("-", "");
    arrive(day, gzip(ALB_DIR + d.replace('-', '/') + "/123456789012_elasticloadbalancing_us-east-1_app.lb.abc_" + compact
        + "T1005Z_10.0.0.1_r" + compact + ".log.gz", String.join("\n",
        alb(d + "T10:00:01.000000Z", 200, "payments-tg"), alb(d + "T10:00:02.000000Z", 201, "payments-tg"),
        alb(d + "T11:00:00.000000Z", 200, "orders-tg"), alb(d + "T12:00:00.000000Z", 503, "orders-tg"))));
    arrive(day, write(folder("events/web", day) + "part-0.json", String.join("\n",
        web(d, "e1", "s1", "u1", "/home", 200), web(d, "e2", "s1", "u1", "/cart/1", 200),
        web(d, "e3", "s2", "u2", "/home", 404), web(d, "e4", "s2", "u2", "/cart/2", 200)) + "\n"));
    arrive(day, write(folder("events/transactions", day) + "part-0.csv", String.join("\n", TX_HEADER,
        "t" + compact + "-1,c1," + d + "T20:00:00Z,12.50,EUR,completed",
        "t" + compact + "-2,c2," + d + "T21:00:00Z,40.00,EUR,pending",
        "t" + compact + "-3,c1," + d + "T22:00:00Z,7.25,USD,completed") + "\n"));
  }

  /** One more transactions file for {@code day}, with a refund booked as a negative amount. */
  void landNegativeAmount(LocalDate day) throws IOException {
    String d = day.toString();
    arrive(day, write(folder("events/transactions", day) + "part-1.csv",
        TX_HEADER + "\nt" + d.replace("-", "") + "-9,c3," + d + "T23:00:00Z,-12.50,EUR,refunded\n"));
  }

  /** {@code pipeline --date day} through JobRunner, as scripts/loglake runs it. */
  Run pipeline(LocalDate day, String runId, String... more) throws IOException {
    Clock clock = Clock.fixed(day.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    List<String> args = new ArrayList<>(List.of("--date", day.toString()));
    args.addAll(List.of(more));
    return execute(new PipelineJob(clock), clock, runId, args.toArray(String[]::new));
  }

  /** {@code job} with {@code args} on this lake through JobRunner, as scripts/loglake runs it. */
  Run execute(EtlJob<?> job, Clock clock, String runId, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString()));
    if (runId != null) {
      all.addAll(List.of("--loglake.run-id", runId)); // null: the run generates its id
    }
    all.addAll(List.of(args));
    int code = JobRunner.execute(job, all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    String text = out.toString(StandardCharsets.UTF_8);
    JsonNode summary = new ObjectMapper().readTree(text.substring(text.lastIndexOf("SUMMARY ") + 8).strip());
    return new Run(code, summary, err.toString(StandardCharsets.UTF_8));
  }

  private static String alb(String time, int status, String group) {
    String target = "10.0.1.1:80";
    return "https " + time + " app/lb/abc 203.0.113.9:5000 " + target + " 0.001 0.040 0.000 " + status + " " + status
        + " 100 200 \"GET https://api.example.com:443/v1/x HTTP/1.1\" \"ua\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + String.format(TG, group) + " \"Root=1-abc\" \"api.example.com\" \"-\" 0 " + time + " \"forward\" \"-\" \"-\" \""
        + target + "\" \"" + status + "\" \"-\" \"-\" TID_0123 \"-\" \"-\" \"-\"";
  }

  private static String web(String day, String id, String session, String user, String path, int status) {
    return "{\"event_id\":\"" + day + "-" + id + "\",\"event_ts\":\"" + day + "T10:0" + id.substring(1) + ":00Z\","
        + "\"session_id\":\"" + day + "-" + session + "\",\"user_id\":\"" + user + "\",\"method\":\"GET\",\"path\":\""
        + path + "\",\"status\":" + status + ",\"latency_ms\":12.5,\"bytes\":512}";
  }

  private static String folder(String path, LocalDate day) {
    return String.format("raw/%s/year=%d/month=%02d/day=%02d/", path, day.getYear(), day.getMonthValue(),
        day.getDayOfMonth());
  }

  private Path write(String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content);
  }

  private Path gzip(String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write((content + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  /**
   * The file arrived at 05:00 the next day, an hour before the pipeline's clock (a real modification
   * time would be after it): pipeline_freshness times it from there.
   */
  private static void arrive(LocalDate day, Path file) throws IOException {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
        day.plusDays(1).atTime(5, 0).toInstant(ZoneOffset.UTC)));
  }
}
