package dev.loglake.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Web events (JSON lines) and transactions (CSV) of two generated days. */
class SampleDataEventsTest {

  private static final List<String> WEB_FIELDS =
      List.of(
          "event_id",
          "event_ts",
          "session_id",
          "user_id",
          "method",
          "path",
          "status",
          "latency_ms",
          "bytes",
          "client_ip",
          "user_agent",
          "referrer",
          "context");

  @TempDir static java.nio.file.Path root;

  @BeforeAll
  static void generateTwoSmallDays() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    new SampleDataGenerator(fs)
        .generate(
            new Path(root.toString()), new SampleDataOptions(LocalDate.of(2024, 2, 28), 2, 7L, 2));
  }

  @Test
  void writesWebEventsPerDayAsParseableJsonLines() throws IOException {
    assertThat(SampleDataGeneratorTest.relativeFiles(root.resolve("events/web")))
        .contains("year=2024/month=02/day=28/part-0.json", "year=2024/month=02/day=29/part-3.json")
        .hasSize(2 * 4);
    ObjectMapper mapper = new ObjectMapper();
    for (String line : lines("events/web/year=2024/month=02/day=29")) {
      JsonNode event = mapper.readTree(line);
      assertThat(event.fieldNames()).toIterable().containsExactlyElementsOf(WEB_FIELDS);
      assertThat(event.get("event_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-.*");
      assertThat(Instant.parse(event.get("event_ts").asText()).toString()).startsWith("2024-02-29");
      JsonNode page = event.get("context").get("page");
      assertThat(page.get("url").asText()).isEqualTo("https://" + AlbSite.WEB_HOST + event.get("path").asText());
      assertThat(page.get("title").asText()).isEqualTo(WebEventJson.title(event.get("path").asText()));
      JsonNode device = event.get("context").get("device");
      if (event.get("user_agent").isNull()) {
        assertThat(device).isNull();
      } else {
        assertThat(device.get("type").asText() + " " + device.get("os").asText())
            .isIn("mobile iOS", "mobile Android", "desktop Windows", "desktop macOS", "desktop Linux");
      }
    }
  }

  @Test
  void aPagesTitleIsItsPathsLastNameCapitalised() {
    assertThat(List.of("/", "/category/shoes", "/search?q=coffee", "/products/12345").stream().map(WebEventJson::title))
        .containsExactly("Home", "Shoes", "Search", "12345");
  }

  @Test
  void webEventsHoldDuplicatesNullsAndBadTypes() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> lineById = new HashMap<>();
    int duplicates = 0;
    Map<String, Integer> oddities = new HashMap<>();
    List<String> lines = lines("events/web");
    for (String line : lines) {
      JsonNode event = mapper.readTree(line);
      String id = event.get("event_id").asText();
      if (seen.merge(id, 1, Integer::sum) > 1) {
        duplicates++;
        assertThat(line).isEqualTo(lineById.get(id));
      }
      lineById.putIfAbsent(id, line);
      event
          .fields()
          .forEachRemaining(
              f -> {
                if (f.getValue().isNull()) {
                  oddities.merge("null " + f.getKey(), 1, Integer::sum);
                }
              });
      if (!event.get("status").isInt()) {
        oddities.merge("bad status", 1, Integer::sum);
      }
      if (!event.get("latency_ms").isNumber()) {
        oddities.merge("bad latency_ms", 1, Integer::sum);
      }
    }
    assertThat(duplicates).isBetween(lines.size() / 1000, lines.size() / 100);
    assertThat(oddities)
        .containsKeys(
            "null user_id", "null referrer", "null user_agent", "bad status", "bad latency_ms");
    assertThat(oddities.get("bad status") + oddities.get("bad latency_ms"))
        .isLessThan(lines.size() / 200);
  }

  @Test
  void mostCustomersAreWebUsersOfTheSameDay() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    java.util.Set<String> users = new java.util.HashSet<>();
    for (String line : lines("events/web/year=2024/month=02/day=28")) {
      JsonNode user = mapper.readTree(line).get("user_id");
      if (user != null && user.isTextual()) {
        users.add(user.asText());
      }
    }
    List<String> customers = new ArrayList<>();
    for (String row : lines("events/transactions/year=2024/month=02/day=28")) {
      String[] columns = row.split(",", -1);
      if (!row.startsWith("id,") && columns.length > 1) {
        customers.add(columns[1]);
      }
    }
    long registered = customers.stream().filter(c -> c.startsWith("u-")).count();
    long browsedThatDay = customers.stream().filter(users::contains).count();
    // About 70% by registered users; some of them browsed the same day (customer_activity_daily
    // joins those), and no guest (c-...) is a web user.
    assertThat(registered).isBetween(customers.size() * 65L / 100, customers.size() * 75L / 100);
    assertThat(browsedThatDay).isPositive().isLessThanOrEqualTo(registered);
    assertThat(customers).filteredOn(c -> !c.startsWith("u-")).allMatch(c -> c.matches("c-\\d+"));
  }

  @Test
  void writesTransactionsAsCsvWithHeaderAndAFewBadRows() throws IOException {
    List<String> files = SampleDataGeneratorTest.relativeFiles(root.resolve("events/transactions"));
    assertThat(files)
        .containsExactly(
            "year=2024/month=02/day=28/transactions-0.csv",
            "year=2024/month=02/day=28/transactions-1.csv",
            "year=2024/month=02/day=29/transactions-0.csv",
            "year=2024/month=02/day=29/transactions-1.csv");
    List<String> bad = new ArrayList<>();
    int rows = 0;
    for (String file : files) {
      List<String> lines = Files.readAllLines(root.resolve("events/transactions").resolve(file));
      assertThat(lines.get(0)).isEqualTo("id,customer_id,transaction_date,amount,currency,status");
      for (String row : lines.subList(1, lines.size())) {
        rows++;
        if (!row.matches(
            "tx-\\d{8}-\\d{7},[uc]-\\d+,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ,"
                + "\\d+\\.\\d\\d,[A-Z]{3},"
                + "(completed|pending|failed|refunded)")) {
          bad.add(row);
        }
      }
    }
    assertThat(bad).hasSizeBetween(rows / 1000, rows / 50);
    assertThat(bad).anyMatch(r -> r.split(",", -1).length == 5);
    assertThat(bad).anyMatch(r -> r.matches(".*,(N/A|abc|\\$19\\.99|\"12,50\"|),[A-Z]{3},.*"));
  }

  private static List<String> lines(String folder) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String file : SampleDataGeneratorTest.relativeFiles(root.resolve(folder))) {
      lines.addAll(Files.readAllLines(root.resolve(folder).resolve(file)));
    }
    return lines;
  }
}
