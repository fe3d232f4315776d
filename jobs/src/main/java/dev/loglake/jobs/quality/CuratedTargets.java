package dev.loglake.jobs.quality;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.processedtocurated.Model;
import java.util.List;

/**
 * The curated tables the job scores: each table's rules with the model that builds it, whose {@code
 * partition-by} column the table is checked by. Rules for a table no model builds are a config error.
 */
final class CuratedTargets {

  /** A curated table's rules and its partition column (the model's {@code partition-by}). */
  record Target(CuratedRules rules, String partitionColumn) {}

  private CuratedTargets() {}

  /** The targets of {@code config}'s curated rules, in the same order ({@code lineage} is read only when there are rules). */
  static List<Target> resolve(QualityConfig config, ModelLineage lineage) {
    if (config.curated().isEmpty()) {
      return List.of();
    }
    return config.curated().stream().map(rules -> new Target(rules, lineage.catalog().get(rules.table())
        .map(Model::partitionBy).orElseThrow(() -> EtlErrors.badQualityRules(rules.file(),
            "they are for curated table " + rules.table() + ", which no model builds",
            "Name one of the models " + lineage.models().stream().map(Model::name).sorted().toList() + " in "
                + CuratedRules.KEY + ".<model> (conf/quality/<model>.conf), or remove the file and its include line"
                + " in conf/application.conf."))))
        .toList();
  }
}
