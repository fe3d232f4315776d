package dev.loglake.jobs.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.processedtocurated.Model;
import dev.loglake.quality.QualityGate;
import dev.loglake.quality.QualityReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one quality run's gate means for the steps after it, per dataset: which datasets (and {@code
 * curated.<table>}s) passed and which failed, and, after a check of the processed datasets, which
 * curated models may be built (none of their input datasets failed) and whether alb-status may run.
 * The pipeline job reads it from the run's figures; the Step Functions machine from the gate file.
 *
 * @param zone the zone checked
 * @param passedDatasets checked (at least one partition) without failing the gate, in check order
 * @param failedDatasets those whose failures fail the gate under fail-on, in check order
 * @param curatedModels (zone processed) the models none of whose input datasets failed, in
 *     build order: processed-to-curated's {@code --models}
 * @param blockedModels (zone processed) the other models, each with the failed datasets it reads
 * @param albStatus (zone processed) {@link #RUN}, or {@link #SKIP} when the dataset of the
 *     table alb-status reads failed (alb-status reading raw files is never held back)
 */
public record QualityVerdict(
    QualityConfig.Zone zone,
    List<String> passedDatasets,
    List<String> failedDatasets,
    List<String> curatedModels,
    Map<String, List<String>> blockedModels,
    String albStatus) {

  public static final String RUN = "run";
  public static final String SKIP = "skip";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public QualityVerdict {
    passedDatasets = List.copyOf(passedDatasets);
    failedDatasets = List.copyOf(failedDatasets);
    curatedModels = List.copyOf(curatedModels);
    blockedModels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blockedModels));
  }

  /** PASSED, or FAILED when a dataset failed. */
  public String gate() {
    return failedDatasets.isEmpty() ? "PASSED" : "FAILED";
  }

  /** The verdict of a run's {@code reports}; {@code lineage} is read for the processed zone only. */
  static QualityVerdict of(QualityConfig config, Map<String, List<QualityReport>> reports, ModelLineage lineage) {
    List<String> passed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    reports.forEach((name, partitions) -> {
      if (QualityGate.fails(partitions, config.failOn())) {
        failed.add(name);
      } else if (!partitions.isEmpty()) {
        passed.add(name);
      }
    });
    QualityConfig.Zone zone = config.gating().zone();
    if (zone != QualityConfig.Zone.PROCESSED) {
      return new QualityVerdict(zone, passed, failed, List.of(), Map.of(), RUN);
    }
    Set<String> failing = Set.copyOf(failed);
    List<String> build = new ArrayList<>();
    Map<String, List<String>> blocked = new LinkedHashMap<>();
    for (Model m : lineage.models()) {
      List<String> failedInputs = lineage.datasetsOf(m).stream().filter(failing::contains).toList();
      if (failedInputs.isEmpty()) {
        build.add(m.name());
      } else {
        blocked.put(m.name(), failedInputs);
      }
    }
    boolean alb = config.gating().albStatusFromRaw()
        || lineage.datasetsIn(AlbStatusJob.PROCESSED_TABLE).stream().noneMatch(failing::contains);
    return new QualityVerdict(zone, passed, failed, build, blocked, alb ? RUN : SKIP);
  }

  /**
   * The SUMMARY figures: zone, passed_datasets, failed_datasets and, for the processed zone,
   * curated_models, blocked_models {model: [failed datasets]} and alb_status.
   */
  public Map<String, Object> figures() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zone", zone.label());
    out.put("passed_datasets", passedDatasets);
    out.put("failed_datasets", failedDatasets);
    if (zone == QualityConfig.Zone.PROCESSED) {
      out.put("curated_models", curatedModels);
      out.put("blocked_models", blockedModels);
      out.put("alb_status", albStatus);
    }
    return out;
  }

  /**
   * The gate file: job, run_id, gate, fail_on, the {@link #figures()}, and for the processed zone
   * models_arg, the curated models comma-separated as processed-to-curated's {@code
   * --models} takes them ("" when none may be built).
   */
  public String gateFileJson(String runId, String failOn) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("job", "quality");
    doc.put("run_id", runId);
    doc.put("gate", gate());
    doc.put("fail_on", failOn);
    doc.putAll(figures());
    if (zone == QualityConfig.Zone.PROCESSED) {
      doc.put("models_arg", String.join(",", curatedModels));
    }
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the quality gate file", e);
    }
  }

  /** The verdict in a quality run's figures (its SUMMARY), as the pipeline job reads it. */
  @SuppressWarnings("unchecked")
  public static QualityVerdict from(Map<String, ?> summary) {
    Map<String, Object> figures = (Map<String, Object>) summary;
    QualityConfig.Zone zone = QualityConfig.Zone.valueOf(String.valueOf(figures.get("zone")).toUpperCase(java.util.Locale.ROOT));
    return new QualityVerdict(zone, (List<String>) figures.get("passed_datasets"),
        (List<String>) figures.get("failed_datasets"),
        (List<String>) figures.getOrDefault("curated_models", List.of()),
        (Map<String, List<String>>) figures.getOrDefault("blocked_models", Map.of()),
        String.valueOf(figures.getOrDefault("alb_status", RUN)));
  }
}
