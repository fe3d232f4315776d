package dev.loglake.jobs.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's SUMMARY fields ({@link JobResult#toSummary()}) in the two shapes monitoring reads: one flat
 * object for log search (the {@code LOGLAKE_SUMMARY} log line), and the numeric figures as metrics
 * with their dimensions (CloudWatch).
 */
final class SummaryFigures {

  /** The metric of the run's outcome: 0 when it succeeded, 1 otherwise. */
  static final String FAILED = "failed";

  /** A checked partition's 0-100 quality score (one data point per partition of the run). */
  static final String QUALITY_SCORE = "quality_score";

  /** The share (0-1) of a dataset's input rows raw-to-processed quarantined, once per quality run. */
  static final String QUARANTINE_SHARE = "quarantine_share";

  /**
   * One numeric figure.
   *
   * @param name the SUMMARY key, e.g. {@code rows_read}
   * @param dimensions {@code Job}, then {@code Step} for a pipeline step's figure and {@code Dataset}
   *     for a dataset's figure
   * @param value the number
   * @param unit a CloudWatch unit name: {@code Seconds} for {@code duration_s}, {@code Count} for
   *     whole numbers, else {@code None}
   */
  record Metric(String name, Map<String, String> dimensions, double value, String unit) {
    Metric {
      dimensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    }
  }

  private SummaryFigures() {}

  /**
   * Nested objects become dotted keys ({@code datasets.alb_logs.rows_read}); a list of step
   * summaries (the pipeline's {@code steps}) is keyed by each step's job instead of holding it
   * ({@code steps.quality.gate}); other lists stay lists.
   */
  static Map<String, Object> flatten(Map<String, Object> summary) {
    Map<String, Object> out = new LinkedHashMap<>();
    flattenInto("", summary, out);
    return out;
  }

  /**
   * {@code failed}, then every top-level number (duration_s and the job's own counts), every number
   * directly under {@code datasets.<dataset>} with a Dataset dimension, and the same for each step
   * of {@code steps} with a Step dimension. The quality job's figures (its own run's or a pipeline
   * step's, not the health check's) add {@link #QUALITY_SCORE} per checked partition and {@link #QUARANTINE_SHARE} per
   * dataset, with the dimensions {@code Dataset} and {@code Table} only, so that one alarm query
   * covers them whichever job ran the check. Other deeper figures (quarantine reasons) and
   * non-finite numbers are left out.
   */
  static List<Metric> metrics(Map<String, Object> summary) {
    Map<String, String> job = Map.of("Job", String.valueOf(summary.get("job")));
    List<Metric> out = new ArrayList<>();
    boolean succeeded = JobResult.Status.SUCCEEDED.name().equals(summary.get("status"));
    out.add(new Metric(FAILED, job, succeeded ? 0 : 1, "Count"));
    collect(summary, job, out);
    // Not the health check's: its quality step scores a generated sample day.
    if ("quality".equals(summary.get("job"))) {
      collectQuality(summary, out);
    } else if ("pipeline".equals(summary.get("job")) && isStepList(summary.get("steps"))) {
      for (Object step : (List<?>) summary.get("steps")) {
        if ("quality".equals(((Map<?, ?>) step).get("job"))) {
          collectQuality((Map<?, ?>) step, out);
        }
      }
    }
    return out;
  }

  /**
   * The quality metrics of a quality run's figures: {@code scores} {dataset: {date: score}} and
   * {@code quarantine_share} {dataset: share}, each dataset's Table from {@code checked_tables}
   * {dataset: table}.
   */
  private static void collectQuality(Map<?, ?> figures, List<Metric> out) {
    if (!(figures.get("checked_tables") instanceof Map<?, ?> tables)) {
      return;
    }
    if (figures.get("scores") instanceof Map<?, ?> scores) {
      scores.forEach((dataset, byDate) -> {
        if (byDate instanceof Map<?, ?> dates) {
          dates.values().forEach(v -> {
            if (v instanceof Number n) {
              add(QUALITY_SCORE, n, tableDimensions(dataset, tables), out);
            }
          });
        }
      });
    }
    if (figures.get(QUARANTINE_SHARE) instanceof Map<?, ?> shares) {
      shares.forEach((dataset, v) -> {
        if (v instanceof Number n) {
          add(QUARANTINE_SHARE, n, tableDimensions(dataset, tables), out);
        }
      });
    }
  }

  private static Map<String, String> tableDimensions(Object dataset, Map<?, ?> tables) {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("Dataset", String.valueOf(dataset));
    dims.put("Table", String.valueOf(tables.get(dataset)));
    return dims;
  }

  private static void flattenInto(String prefix, Map<?, ?> map, Map<String, Object> out) {
    map.forEach(
        (k, v) -> {
          String key = prefix + k;
          if (v instanceof Map<?, ?> nested) {
            flattenInto(key + ".", nested, out);
          } else if (isStepList(v)) {
            for (Object step : (List<?>) v) {
              Map<Object, Object> rest = new LinkedHashMap<>((Map<?, ?>) step);
              flattenInto(key + "." + rest.remove("job") + ".", rest, out);
            }
          } else {
            out.put(key, v);
          }
        });
  }

  private static void collect(Map<?, ?> figures, Map<String, String> dims, List<Metric> out) {
    figures.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            add(String.valueOf(k), n, dims, out);
          } else if ("datasets".equals(k) && v instanceof Map<?, ?> datasets) {
            datasets.forEach(
                (dataset, f) -> {
                  if (f instanceof Map<?, ?> own) {
                    Map<String, String> withDataset = with(dims, "Dataset", dataset);
                    own.forEach((name, x) -> {
                      if (x instanceof Number n) {
                        add(String.valueOf(name), n, withDataset, out);
                      }
                    });
                  }
                });
          } else if (isStepList(v)) {
            for (Object step : (List<?>) v) {
              Map<?, ?> s = (Map<?, ?>) step;
              collect(s, with(dims, "Step", s.get("job")), out);
            }
          }
        });
  }

  private static void add(String name, Number n, Map<String, String> dims, List<Metric> out) {
    double value = n.doubleValue();
    if (!Double.isFinite(value)) {
      return;
    }
    boolean whole = n instanceof Integer || n instanceof Long;
    String unit = name.equals("duration_s") ? "Seconds" : whole ? "Count" : "None";
    out.add(new Metric(name, dims, value, unit));
  }

  private static Map<String, String> with(Map<String, String> dims, String name, Object value) {
    Map<String, String> out = new LinkedHashMap<>(dims);
    out.put(name, String.valueOf(value));
    return out;
  }

  /** The pipeline's {@code steps}: a non-empty list of step summaries, each naming its job. */
  private static boolean isStepList(Object v) {
    return v instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(e -> e instanceof Map<?, ?> m && m.get("job") instanceof String);
  }
}
