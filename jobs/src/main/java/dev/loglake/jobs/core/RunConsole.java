package dev.loglake.jobs.core;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lines a person reads on the console (they go to the log file too): a header naming the run,
 * the lake and the dates, and a short summary at the end, rendered from the SUMMARY figures (for the
 * pipeline, its step table).
 */
final class RunConsole {

  /** The reports a person opens; the SUMMARY line names the CSV and JSON copies too. */
  private static final List<String> REPORT_KEYS = List.of("report_pdf", "report_html");

  private RunConsole() {}

  /** The header: job, run id, dates and the lake (or its buckets); then where the log file is. */
  static List<String> header(EtlJob<?> job, EtlConfig config, Optional<Path> logFile) {
    List<String> lines = new ArrayList<>();
    String dates = dates(job, config);
    StringBuilder first = new StringBuilder(job.name()).append(" run ").append(config.runId());
    if (!dates.isEmpty()) {
      first.append(", dates ").append(dates);
    }
    Optional<Path> lake = RunLogFile.localLakeRoot(config);
    if (lake.isPresent()) {
      first.append(", lake ").append(lake.get());
    } else {
      first.append(", buckets");
      config.zones().asMap().forEach((zone, location) -> first.append(' ').append(zone).append('=').append(location));
    }
    lines.add(first.toString());
    logFile.ifPresent(f -> lines.add("  log " + f));
    return lines;
  }

  /** The dates the job was given, or "the job's default (...)"; empty for a job without date options. */
  static String dates(EtlJob<?> job, EtlConfig config) {
    Map<String, String> given = new java.util.LinkedHashMap<>();
    String defaultText = null;
    for (JobOption o : job.options()) {
      if (List.of("date", "from", "to", "start", "days").contains(o.name())) {
        Configs.optionalString(config.config(), config.jobKey(o.name()))
            .filter(v -> !v.isBlank())
            .ifPresent(v -> given.put(o.name(), v));
        int at = o.description().indexOf("(default: ");
        if (defaultText == null && at >= 0 && !o.name().equals("days")) {
          defaultText = o.description().substring(at + "(default: ".length()).replaceFirst("\\)$", "");
        }
      }
    }
    boolean anyDateOption = job.options().stream().anyMatch(o -> List.of("date", "from", "to", "start").contains(o.name()));
    if (!anyDateOption) {
      return "";
    }
    if (given.containsKey("date")) {
      return given.get("date");
    }
    if (given.containsKey("from") || given.containsKey("to")) {
      return given.getOrDefault("from", "…") + " to " + given.getOrDefault("to", "…");
    }
    if (given.containsKey("start")) {
      return "from " + given.get("start") + (given.containsKey("days") ? ", " + given.get("days") + " day(s)" : "");
    }
    return "the job's default" + (defaultText == null ? "" : " (" + defaultText + ")");
  }

  /** One progress line for a finished step of the pipeline: status, time and its main counts. */
  static String stepLine(Map<String, Object> step) {
    return String.format(Locale.ROOT, "%s %s in %.1f s%s", step.get("job"), step.get("status"),
        number(step.get("duration_s")), counts(step));
  }

  /** The short summary at the end: status and time, the steps or datasets, the reports, the log file. */
  static List<String> summary(Map<String, Object> summary, Optional<Path> logFile) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%s %s in %.1f s%s", summary.get("job"), summary.get("status"),
        number(summary.get("duration_s")),
        summary.get("error") == null ? counts(summary) : ": " + summary.get("error")));
    if (summary.get("steps") instanceof List<?> steps) {
      for (Object s : steps) {
        if (s instanceof Map<?, ?> step) {
          lines.add(String.format(Locale.ROOT, "  %-22s %-20s %7.1f s", step.get("job"), step.get("status"),
              number(step.get("duration_s"))));
          details(step, "    ", lines);
        }
      }
    } else {
      details(summary, "  ", lines);
    }
    logFile.ifPresent(f -> lines.add("Full log: " + f));
    return lines;
  }

  private static void details(Map<?, ?> result, String indent, List<String> lines) {
    if (result.get("datasets") instanceof Map<?, ?> datasets) {
      datasets.forEach((name, value) -> {
        if (value instanceof Map<?, ?> d) {
          lines.add(String.format(Locale.ROOT, "%s%-16s files %-5s read %-8s written %-8s quarantined %-6s duplicate %s",
              indent, name, d.get("files"), d.get("rows_read"), d.get("rows_written"), d.get("rows_quarantined"),
              d.get("rows_duplicate")));
        }
      });
    }
    // maintain's figures per table; other jobs' "tables" (sql's: where each table it read came from) are not.
    if (result.get("tables") instanceof Map<?, ?> tables && tables.values().stream().anyMatch(Map.class::isInstance)) {
      lines.add(indent + maintainLine(tables));
    }
    for (String key : REPORT_KEYS) {
      if (result.get(key) != null) {
        lines.add(String.format(Locale.ROOT, "%s%-16s %s", indent, key.replace('_', ' '), result.get(key)));
      }
    }
  }

  /**
   * maintain's one line: processed.alb_requests' files and bytes before and after (the table ALB's small
   * files land in), then the totals over every table. Each table's figures are in the SUMMARY and the log.
   */
  static String maintainLine(Map<?, ?> tables) {
    long compacted = 0;
    long expired = 0;
    long vacuumed = 0;
    for (Object v : tables.values()) {
      if (v instanceof Map<?, ?> t) {
        compacted += (long) number(t.get("partitions_compacted"));
        expired += (long) number(t.get("partitions_expired"));
        vacuumed += (long) number(t.get("files_vacuumed"));
      }
    }
    String alb = "";
    if (tables.get("processed.alb_requests") instanceof Map<?, ?> t) {
      alb = String.format(Locale.ROOT, "processed.alb_requests files %s -> %s, %.1f MB -> %.1f MB; ",
          t.get("files_before"), t.get("files_after"), number(t.get("bytes_before")) / 1e6, number(t.get("bytes_after")) / 1e6);
    }
    return String.format(Locale.ROOT, "%s%d tables: %d partitions compacted, %d expired, %d files vacuumed",
        alb, tables.size(), compacted, expired, vacuumed);
  }

  /** The counts a step line shows: rows over its datasets, models built, requests reported, the gate. */
  private static String counts(Map<String, Object> step) {
    List<String> parts = new ArrayList<>();
    if (step.get("datasets") instanceof Map<?, ?> datasets) {
      long read = 0;
      long written = 0;
      for (Object v : datasets.values()) {
        if (v instanceof Map<?, ?> d) {
          read += (long) number(d.get("rows_read"));
          written += (long) number(d.get("rows_written"));
        }
      }
      parts.add(datasets.size() + " datasets, " + read + " rows read, " + written + " written");
    }
    if (step.get("partitions_checked") != null) {
      // Its lines name only the partitions with failed rules: this says how many were clean too.
      parts.add(step.get("partitions_checked") + " partitions checked, " + step.get("rules_failed") + " rules failed");
    }
    if (step.get("gate") != null) {
      parts.add("gate " + step.get("gate"));
    }
    if (step.get("tables_maintained") != null) {
      parts.add(step.get("tables_maintained") + " tables maintained, " + step.get("tables_changed") + " changed");
    }
    if (step.get("models_built") != null) {
      parts.add(step.get("models_built") + " models built");
    }
    if (step.get("requests") != null) {
      parts.add(step.get("requests") + " requests");
    }
    return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
