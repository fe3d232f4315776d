package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.alb.AlbLogParser;
import dev.loglake.common.alb.AlbLogSchema;
import dev.loglake.common.alb.AlbValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template's Athena table over the raw ALB logs (a RegexSerDe Glue table with partition
 * projection, as in AWS's "Create the table for ALB access logs in Athena using partition
 * projection": https://docs.aws.amazon.com/athena/latest/ug/create-alb-access-logs-table-partition-projection.html).
 * Its regex, read from the template, is applied as RegexSerDe applies it ({@link RegexSerDeRows})
 * to every line of the parser's golden cases (common/src/test/resources/golden/alb), and each
 * column must equal what AlbLogParser gives for that line. Where RegexSerDe cannot give the same
 * value, {@link #asParserValue} converts and says why; lines the parser rejects must be rows of
 * nulls, with the exceptions in {@link #REJECTED_BUT_MATCHED}.
 */
class RawAlbLogsTableTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final Intrinsics IN = new Intrinsics(MAIN, Map.of());
  private static final Path GOLDEN = CfnTemplate.repoRoot().resolve("common/src/test/resources/golden/alb");

  /** Golden lines the parser rejects but the regex matches, and why a regex cannot reject them. */
  private static final Map<String, String> REJECTED_BUT_MATCHED = Map.of(
      "rejects.log:5", "2024-02-30 has the shape of a date; a regex does not know the calendar");

  record Line(String where, String text) {
    @Override
    public String toString() {
      return where;
    }
  }

  @Test
  void columnsAreTheParsersInOrderWithTypesRegexSerDeCanGive() {
    List<RegexSerDeRows.Column> columns = columns();

    assertThat(columns).extracting(RegexSerDeRows.Column::name).containsExactlyElementsOf(AlbLogSchema.COLUMNS);
    for (int c = 0; c < columns.size(); c++) {
      String expected = switch (AlbLogSchema.kind(c)) {
        case STRING -> "string";
        case INT -> "int";
        case LONG -> "bigint";
        case DOUBLE -> "double";
        // RegexSerDe has no arrays, and its timestamp is java.sql.Timestamp.valueOf, which rejects
        // ISO-8601 "T...Z": both stay text (as in AWS's table), converted in queries.
        case TIMESTAMP, STRING_LIST, INT_LIST -> "string";
      };
      assertThat(columns.get(c).type()).as(columns.get(c).name()).isEqualTo(expected);
    }
    // One capture group per column, or RegexSerDe fails every read (checked in the constructor).
    new RegexSerDeRows(regex(), columns);
  }

  @Test
  void partitionProjectionMapsDayToTheAlbDeliveryPrefixOfTheRawBucket() {
    Map<String, Object> input = tableInput();
    Map<String, Object> storage = Json.map(input.get("StorageDescriptor"), "StorageDescriptor");
    Map<String, String> parameters = resolved(Json.map(input.get("Parameters"), "Parameters"));
    String location = IN.resolve(storage.get("Location"));

    // ALB delivers to bucket/AWSLogs/<account>/elasticloadbalancing/<region>/yyyy/mm/dd/
    // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
    assertThat(location).isEqualTo("s3://" + IN.ref("RawBucket") + "/AWSLogs/" + Intrinsics.ACCOUNT
        + "/elasticloadbalancing/" + Intrinsics.REGION + "/");
    assertThat(input.get("PartitionKeys")).isEqualTo(List.of(Map.of("Name", "day", "Type", "string")));
    assertThat(parameters).containsEntry("projection.enabled", "true")
        .containsEntry("projection.day.type", "date")
        .containsEntry("projection.day.format", "yyyy/MM/dd")
        .containsEntry("projection.day.interval", "1")
        .containsEntry("projection.day.interval.unit", "DAYS")
        .containsEntry("storage.location.template", location + "${day}");
    assertThat(parameters.get("projection.day.range")).endsWith(",NOW");
    String day = DateTimeFormatter.ofPattern(parameters.get("projection.day.format")).format(LocalDate.of(2024, 3, 1));
    assertThat(parameters.get("storage.location.template").replace("${day}", day))
        .endsWith("/elasticloadbalancing/" + Intrinsics.REGION + "/2024/03/01");

    assertThat(input).containsEntry("TableType", "EXTERNAL_TABLE");
    assertThat(storage).containsEntry("InputFormat", "org.apache.hadoop.mapred.TextInputFormat")
        .containsEntry("OutputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
  }

  @Test
  void tableLivesInATemplateDatabase() {
    Map<String, Object> table = Json.map(MAIN.resources().get(tableId()), "table");
    Object databaseName = Json.map(table.get("Properties"), "p").get("DatabaseName");
    String database = IN.resolve(databaseName);
    // A Ref to the database resource: CloudFormation creates the database first.
    String databaseResource = (String) Json.map(databaseName, "DatabaseName").get("Ref");

    assertThat(MAIN.typeOf(databaseResource)).isEqualTo("AWS::Glue::Database");
    Map<String, Object> db = MAIN.resourcesOfType("AWS::Glue::Database").get(databaseResource);
    assertThat(IN.resolve(Json.map(db.get("DatabaseInput"), "DatabaseInput").get("Name"))).isEqualTo(database);
  }

  @Test
  void savedQueryCounts5xxPerTargetFromTheTablePrunedByDay() {
    Map<String, Object> table = Json.map(MAIN.resources().get(tableId()), "table");
    String qualified = IN.resolve(Json.map(table.get("Properties"), "p").get("DatabaseName")) + "."
        + tableInput().get("Name");
    Map<String, Map<String, Object>> queries = new LinkedHashMap<>();
    MAIN.resourcesOfType("AWS::Athena::NamedQuery").forEach((id, p) -> {
      if (IN.resolve(p.get("QueryString")).contains(qualified)) {
        queries.put(id, p);
      }
    });

    assertThat(queries).hasSize(1);
    Map<String, Object> q = queries.values().iterator().next();
    String sql = IN.resolve(q.get("QueryString"));
    assertThat(q.get("WorkGroup")).isEqualTo(Map.of("Ref", "AthenaWorkGroup"));
    assertThat(q.get("Database")).isEqualTo(Json.map(table.get("Properties"), "p").get("DatabaseName"));
    // Partition projection prunes only on the partition column, in its projected format.
    assertThat(sql).contains("WHERE day >= date_format(", "'%Y/%m/%d')", "elb_status_code >= 500",
        "GROUP BY target_ip, target_port");
  }

  static Stream<Line> goldenLines() throws IOException {
    List<Line> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          out.add(new Line(log.getFileName() + ":" + (i + 1), lines.get(i)));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenLines")
  void athenaGivesWhatTheParserGives(Line line) {
    Object[] athena = new RegexSerDeRows(regex(), columns()).deserialize(line.text());
    AlbLogParser parser = new AlbLogParser();

    if (!parser.parse(line.text())) {
      if (REJECTED_BUT_MATCHED.containsKey(line.where())) {
        // What Athena gives instead: the row as written (here the impossible date as text).
        assertThat(athena[AlbLogSchema.ordinal(AlbLogSchema.TIME)]).as(REJECTED_BUT_MATCHED.get(line.where()))
            .isEqualTo(line.text().split(" ")[1]);
      } else {
        assertThat(RegexSerDeRows.allNull(athena)).as("rejected (" + parser.rejectReason()
            + ") so Athena must give a row of nulls, got " + Arrays.toString(athena)).isTrue();
      }
      return;
    }
    assertThat(line.where()).isNotIn(REJECTED_BUT_MATCHED.keySet());
    Object[] expected = AlbValues.of(parser);
    for (int c = 0; c < expected.length; c++) {
      assertThat(asParserValue(c, athena[c])).as("%s: %s (Athena: %s)", line, AlbLogSchema.COLUMNS.get(c), athena[c])
          .isEqualTo(expected[c]);
    }
  }

  @Test
  void everyGoldenCaseFileIsCovered() throws IOException {
    // The walk above must see accepted and rejected lines, with no golden file skipped.
    List<Line> lines = goldenLines().toList();
    long rejected = lines.stream().filter(l -> !new AlbLogParser().parse(l.text())).count();
    assertThat(rejected).isBetween(1L, lines.size() - 1L);
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertThat(lines.stream().map(l -> l.where().split(":")[0]).distinct())
          .containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".log")).toList());
    }
  }

  /**
   * Athena's value of column {@code c} in the parser's representation. Same value for string,
   * int, bigint and double columns. The exceptions, where RegexSerDe cannot give the parser's type:
   * time and request_creation_time are the ISO-8601 text (RegexSerDe's timestamp conversion,
   * java.sql.Timestamp.valueOf, rejects "T...Z"); actions_executed, target_port_list and
   * target_status_code_list are the list as written (RegexSerDe has no arrays): comma- or
   * space-separated, "" for an empty list, "-" for a missing status code.
   */
  private static Object asParserValue(int c, Object athena) {
    if (athena == null) {
      return null;
    }
    String text = String.valueOf(athena);
    return switch (AlbLogSchema.kind(c)) {
      case TIMESTAMP -> Instant.parse(text);
      case STRING_LIST -> text.isEmpty() ? List.of() : List.of(text.split(AlbValues.listSeparator(c) == ',' ? "," : " ", -1));
      case INT_LIST -> Arrays.stream(text.split(" ", -1)).map(s -> s.equals("-") ? null : Integer.valueOf(s)).toList();
      default -> athena;
    };
  }

  private static String tableId() {
    List<String> ids = new ArrayList<>();
    MAIN.resourcesOfType("AWS::Glue::Table").forEach((id, p) -> {
      Map<String, Object> serde = Json.map(Json.map(Json.map(p.get("TableInput"), id).get("StorageDescriptor"), id)
          .get("SerdeInfo"), id);
      if ("org.apache.hadoop.hive.serde2.RegexSerDe".equals(serde.get("SerializationLibrary"))) {
        ids.add(id);
      }
    });
    assertThat(ids).as("one RegexSerDe table over the raw ALB logs").hasSize(1);
    return ids.get(0);
  }

  private static Map<String, Object> tableInput() {
    return Json.map(MAIN.resourcesOfType("AWS::Glue::Table").get(tableId()).get("TableInput"), "TableInput");
  }

  private static String regex() {
    Map<String, Object> storage = Json.map(tableInput().get("StorageDescriptor"), "StorageDescriptor");
    Map<String, Object> serde = Json.map(storage.get("SerdeInfo"), "SerdeInfo");
    return IN.resolve(Json.map(serde.get("Parameters"), "SerdeInfo.Parameters").get("input.regex"));
  }

  private static List<RegexSerDeRows.Column> columns() {
    Map<String, Object> storage = Json.map(tableInput().get("StorageDescriptor"), "StorageDescriptor");
    return Json.list(storage.get("Columns"), "Columns").stream()
        .map(c -> Json.map(c, "column"))
        .map(c -> new RegexSerDeRows.Column((String) c.get("Name"), (String) c.get("Type")))
        .toList();
  }

  private static Map<String, String> resolved(Map<String, Object> values) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, IN.resolve(v)));
    return out;
  }
}
