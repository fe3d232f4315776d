package dev.loglake.jobs.quality;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig;
import dev.loglake.quality.QualityGate.FailOn;
import dev.loglake.quality.QualityRule;
import dev.loglake.quality.QualityRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * quality's options, with every selected dataset's and curated table's rules parsed (a bad rule stops
 * the job with exit 2).
 *
 * @param datasets the selected, enabled datasets and their rules, in name order
 * @param curated the selected curated tables and their rules, in table order
 * @param models where the curated models are, to find each curated table's model when the job runs
 * @param range the event dates to check; empty = the partitions touched since the last passing run
 * @param profile also write a column profile per dataset
 * @param failOn which failures fail the gate
 * @param quarantineRule the built-in rule on the quarantined share of a partition's input
 * @param trendDays days of scores the HTML report's sparkline shows
 * @param allowEmpty a --from/--to range whose tables hold no row succeeds instead of failing
 * @param gating which zone is checked, and where the per-dataset verdict goes
 * @param warnings where the message of failed warning-level rules goes ({@code loglake.quality.warnings})
 * @param parallelism how many tables are checked at the same time (1: one after the other)
 */
public record QualityConfig(
    EtlConfig etl,
    List<DatasetRules> datasets,
    List<CuratedRules> curated,
    ModelSource models,
    Optional<DateRange> range,
    boolean profile,
    FailOn failOn,
    QualityRule quarantineRule,
    int trendDays,
    boolean allowEmpty,
    Gating gating,
    QualityWarnings.Settings warnings,
    int parallelism) {

  /** Which tables a run checks: the processed datasets, the curated tables, or both. */
  public enum Zone {
    ALL,
    PROCESSED,
    CURATED;

    /** The zone as written in config and in the gate file: all, processed, curated. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The gate's use by the steps after it (the pipeline job, the state machine).
   *
   * @param zone which tables are checked: before processed-to-curated the processed datasets, after
   *     it the curated tables it built
   * @param gateFile where to write the run's {@link QualityVerdict} as JSON (local path or URI); empty
   *     = nowhere
   * @param albStatusFromRaw alb-status reads raw ALB files ({@code loglake.jobs.alb-status.source =
   *     raw}), so no dataset's gate holds it back
   */
  public record Gating(Zone zone, String gateFile, boolean albStatusFromRaw) {}

  /**
   * A dataset and its rules.
   *
   * @param rules the rules Deequ computes
   * @param quarantineRule the dataset's own {@code quarantine-share <= x} rule, else the job's built-in one
   */
  public record DatasetRules(DatasetConfig dataset, List<QualityRule> rules, QualityRule quarantineRule) {
    public DatasetRules {
      rules = List.copyOf(rules);
    }

    static DatasetRules of(DatasetConfig dataset, List<QualityRule> all, QualityRule builtIn) {
      List<QualityRule> own = all.stream().filter(r -> r.kind() == QualityRule.Kind.QUARANTINE_SHARE).toList();
      List<QualityRule> deequ = all.stream().filter(r -> r.kind() != QualityRule.Kind.QUARANTINE_SHARE).toList();
      return new DatasetRules(dataset, deequ, own.isEmpty() ? builtIn : own.get(own.size() - 1));
    }
  }

  /**
   * Where processed-to-curated's models are, as lineage reads them.
   *
   * @param modelsDir the model files' folder; empty = the conf/curated copy inside the jar
   * @param datasetModels whether the per-dataset summaries are generated (processed-to-curated's key)
   * @param datasets every configured dataset (the processed tables models may read)
   */
  public record ModelSource(String modelsDir, boolean datasetModels, List<DatasetConfig> datasets) {
    public ModelSource {
      datasets = List.copyOf(datasets);
    }
  }

  public QualityConfig {
    datasets = List.copyOf(datasets);
    curated = List.copyOf(curated);
    if (trendDays < 1) {
      throw EtlErrors.badValue(etl.jobKey("trend-days"), trendDays, "at least 1 day");
    }
    if (parallelism < 1) {
      throw EtlErrors.badValue(etl.jobKey("parallelism"), parallelism, "1 or more (1 checks the tables one after the other)");
    }
  }

  static QualityConfig from(EtlConfig etl) {
    String p = "loglake.jobs.quality";
    Config c = etl.config();
    QualityRule builtIn = quarantineRule(c, p + ".quarantine");
    Gating gating = new Gating(zone(c, p + ".zone"), Configs.optionalString(c, p + ".gate-file").orElse(""),
        c.getString("loglake.jobs.alb-status.source").equals("raw"));
    // --datasets names datasets and curated.<table>s; empty = all of both. The zone keeps its own part.
    List<String> names = Configs.stringList(c, p + ".datasets");
    List<String> curatedNames = names.stream().filter(n -> n.startsWith(CuratedRules.PREFIX)).toList();
    List<String> datasetNames = names.stream().filter(n -> !n.startsWith(CuratedRules.PREFIX)).toList();
    Map<String, DatasetConfig> catalog = DatasetCatalog.load(etl);
    List<DatasetRules> datasets = new ArrayList<>();
    if (gating.zone() != Zone.CURATED && (names.isEmpty() || !datasetNames.isEmpty())) {
      for (DatasetConfig ds : DatasetCatalog.select(catalog, datasetNames, p + ".datasets")) {
        datasets.add(DatasetRules.of(ds, rules(ds), builtIn));
      }
    }
    List<CuratedRules> curated = gating.zone() == Zone.PROCESSED ? List.of()
        : CuratedRules.select(CuratedRules.load(c), curatedNames, names.isEmpty(), p + ".datasets");
    ModelSource models = new ModelSource(ProcessedToCuratedConfig.modelsDir(etl, p + ".models-dir"),
        Configs.booleanValue(c, "loglake.jobs.processed-to-curated.dataset-models"), List.copyOf(catalog.values()));
    return new QualityConfig(etl, datasets, curated, models, DateRange.fromConfig(c, p),
        Configs.booleanValue(c, p + ".profile"), failOn(c, p + ".fail-on"), builtIn, Configs.intValue(c, p + ".trend-days"),
        Configs.booleanValue(c, p + ".allow-empty"),
        gating, QualityWarnings.Settings.from(c), Configs.intValue(c, p + ".parallelism"));
  }

  private static Zone zone(Config c, String key) {
    String value = c.getString(key);
    for (Zone z : Zone.values()) {
      if (z.label().equals(value.strip())) {
        return z;
      }
    }
    throw EtlErrors.badValue(key, value, "all, processed (the datasets, before processed-to-curated) or curated"
        + " (the curated tables, after it)");
  }

  private static List<QualityRule> rules(DatasetConfig ds) {
    String key = "loglake.datasets." + ds.name() + ".quality";
    List<QualityRule> rules = rules(ds.config(), key);
    List<String> declared = ds.columnNames();
    for (QualityRule rule : rules) {
      for (String column : rule.columns()) {
        if (!declared.isEmpty() && !declared.contains(column) && !column.equals("date") && !column.startsWith("_")) {
          throw EtlErrors.badValue(key, rule.name(), "rules on declared columns " + declared + " (or date)");
        }
      }
    }
    return rules;
  }

  /** The rules of {@code owner}'s {@code quality} list; {@code key} is its full key, for messages. */
  static List<QualityRule> rules(Config owner, String key) {
    try {
      return QualityRules.parse(owner.getList("quality"), key);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw EtlErrors.badValue(key, owner.getValue("quality").unwrapped(), "a list of rules");
    }
  }

  private static FailOn failOn(Config c, String key) {
    try {
      return FailOn.parse(c.getString(key));
    } catch (IllegalArgumentException e) {
      throw EtlErrors.badValue(key, c.getString(key), "error, warning or never");
    }
  }

  private static QualityRule quarantineRule(Config c, String key) {
    double maxShare = Configs.doubleValue(c, key + ".max-share");
    double weight = Configs.doubleValue(c, key + ".weight");
    if (maxShare < 0 || maxShare > 1) {
      throw EtlErrors.badValue(key + ".max-share", maxShare, "a share between 0 and 1");
    }
    if (!(weight > 0)) {
      throw EtlErrors.badValue(key + ".weight", weight, "a weight > 0");
    }
    String level = c.getString(key + ".level");
    if (!level.equals("error") && !level.equals("warning")) {
      throw EtlErrors.badValue(key + ".level", level, "error or warning");
    }
    return QualityRule.quarantineShare(maxShare, level.equals("error") ? QualityRule.Level.ERROR : QualityRule.Level.WARNING, weight);
  }
}
