package dev.loglake.jobs.processedtocurated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.error.ConfigException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Model files, their header settings, dependency order and errors; no Spark. */
class CuratedModelCatalogTest {

  static final Set<String> PROCESSED = Set.of("web_events", "transactions", "_runs");

  static ModelFile file(String name, String sql) {
    return new ModelFile(name, "conf/curated/" + name + ".sql", sql, Optional.empty());
  }

  static ModelCatalog catalog(ModelFile... files) {
    return ModelCatalog.of(List.of(files), List.of(), PROCESSED, t -> t.equals("alb_status_daily"));
  }

  @Test
  void ordersModelsAfterTheCuratedModelsTheyRead() {
    ModelCatalog catalog = catalog(
        file("a_report", "SELECT * FROM curated.b_daily JOIN curated.alb_status_daily USING (date)"),
        file("b_daily", "SELECT date, COUNT(*) AS n FROM curated.c_sessions GROUP BY date"),
        file("c_sessions", "SELECT * FROM processed.web_events"),
        file("d_tx", "SELECT * FROM processed.transactions"));

    assertThat(catalog.ordered().stream().map(Model::name)).containsExactly("c_sessions", "b_daily", "a_report", "d_tx");
    assertThat(catalog.get("a_report").get().dependsOn())
        .containsExactly(TableRef.curated("alb_status_daily"), TableRef.curated("b_daily"));
  }

  @Test
  void rejectsADependencyCycleNamingTheFileAndThePath() {
    assertThatThrownBy(() -> catalog(
            file("a", "SELECT * FROM curated.b"),
            file("b", "SELECT * FROM curated.c"),
            file("c", "SELECT * FROM curated.a JOIN processed.web_events")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Curated model conf/curated/a.sql: its dependencies form a cycle: curated.a -> curated.b -> curated.c"
            + " -> curated.a. A model may read other curated models, but not itself through them; remove one of these references.");
  }

  @Test
  void rejectsAReferenceToATableThatDoesNotExist() {
    assertThatThrownBy(() -> catalog(file("a", "SELECT * FROM processed.web_event")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Curated model conf/curated/a.sql: it reads processed.web_event, which does not exist.");
    assertThatThrownBy(() -> catalog(file("a", "-- depends-on: curated.nope\nSELECT 1 AS date")))
        .hasMessageStartingWith("Curated model conf/curated/a.sql: it reads curated.nope, which does not exist.");
  }

  @Test
  void readsHeaderSettingsAndASiblingConfThatWins() {
    String sql = String.join("\n",
        "-- description: sessions,",
        "--   one row each",
        "-- grain: session",
        "-- write-mode: merge",
        "-- key: session_id",
        "-- reads-days-before: 1",
        "SELECT * FROM processed.web_events -- depends-on: not a setting",
        "");
    Model m = ModelParser.parse(new ModelFile("s", "x/s.sql", sql, Optional.of("reads-days-after = 2\ndepends-on = [processed._runs]")));

    assertThat(m).isEqualTo(new Model("s", "x/s.sql", sql, "date",
        List.of(TableRef.processed("_runs"), TableRef.processed("web_events")), "session",
        new WriteMode.Merge(List.of("session_id")), 1, 2, "sessions, one row each"));
  }

  @Test
  void rejectsAnUnknownHeaderSettingAndMergeWithoutKey() {
    assertThatThrownBy(() -> ModelParser.parse(file("m", "-- depend-on: processed.x\nSELECT 1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Curated model conf/curated/m.sql: unknown header setting 'depend-on'.");
    assertThatThrownBy(() -> ModelParser.parse(file("m", "-- write-mode: merge\nSELECT 1")))
        .hasMessageStartingWith("Curated model conf/curated/m.sql: write-mode merge needs a key.");
  }

  @Test
  void rewritesTableReferencesOutsideCommentsAndStrings() {
    String sql = "SELECT w.a, 'processed.web_events' AS s -- curated.x\nFROM processed.web_events w"
        + " JOIN `curated`.`b_daily` b ON b.date = w.date /* processed.nope */ WHERE w.x.processed.y = 1";

    assertThat(SqlRefs.find(sql)).containsExactly(TableRef.curated("b_daily"), TableRef.processed("web_events"));
    assertThat(SqlRefs.rewrite(sql)).isEqualTo("SELECT w.a, 'processed.web_events' AS s -- curated.x\nFROM"
        + " `processed.web_events` w JOIN `curated.b_daily` b ON b.date = w.date /* processed.nope */ WHERE w.x.processed.y = 1");
  }

  @Test
  void plansTheDaysAroundAChangedDayForAModelReadingNeighbourDays() {
    Model sessions = ModelParser.parse(file("s", "-- reads-days-before: 1\n-- reads-days-after: 1\nSELECT * FROM processed.web_events"));
    LocalDate d = LocalDate.parse("2024-03-10");

    assertThat(DatePlan.outputDates(sessions, Map.of(TableRef.processed("web_events"), Set.of(d))))
        .containsExactly(d.minusDays(1), d, d.plusDays(1));
    assertThat(DatePlan.inputDates(sessions, List.of(d))).containsExactly(d.minusDays(1), d, d.plusDays(1));
    Model daily = ModelParser.parse(file("daily", "SELECT * FROM processed.web_events"));
    assertThat(DatePlan.outputDates(daily, Map.of(TableRef.processed("transactions"), Set.of(d)))).isEmpty();
  }
}
