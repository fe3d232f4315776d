package dev.loglake.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local endpoint standing in for the Glue Data Catalog: records what the real SDK sends and keeps
 * the tables it is given, as Glue does. GetTable answers a stored table (its TableInput, with
 * DatabaseName) or EntityNotFoundException; CreateTable stores one (EntityNotFoundException when the
 * database is unknown, AlreadyExistsException when the table exists); UpdateTable replaces one.
 * The errors (HTTP 400) are those the operations' pages list:
 * https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html, API_CreateTable.html,
 * API_UpdateTable.html.
 */
public final class GlueStub extends JsonProtocolStub {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> databases;
  private final Map<String, JsonNode> tables = new ConcurrentHashMap<>();

  /** A catalog with these databases and no tables. */
  public GlueStub(String... databases) throws IOException {
    this.databases = Set.of(databases);
  }

  /** Stores {@code tableInput} as {@code database}'s table, as if someone had created it before. */
  public void put(String database, String tableInputJson) throws IOException {
    JsonNode input = JSON.readTree(tableInputJson);
    tables.put(database + "." + input.get("Name").asText(), input);
  }

  /** The requests so far whose operation is one of {@code operations} (GetTable, ...), in order. */
  public List<Request> calls(String... operations) {
    Set<String> wanted = Set.of(operations);
    return requests().stream().filter(r -> wanted.contains(operation(r))).toList();
  }

  /** The operations of every request so far, in order. */
  public List<String> operations() {
    return requests().stream().map(GlueStub::operation).toList();
  }

  /** The operation of {@code r}: GetTable for X-Amz-Target AWSGlue.GetTable. */
  public static String operation(Request r) {
    return r.target() == null ? "" : r.target().substring(r.target().indexOf('.') + 1);
  }

  @Override
  protected Answer answer(Request request) {
    String database = request.body().path("DatabaseName").asText();
    return switch (operation(request)) {
      case "GetTable" -> {
        JsonNode table = tables.get(database + "." + request.body().path("Name").asText());
        if (table == null) {
          yield error("EntityNotFoundException", "Table " + request.body().path("Name").asText() + " not found.");
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("Table", ((ObjectNode) table.deepCopy()).put("DatabaseName", database));
        yield ok(out);
      }
      case "CreateTable" -> {
        JsonNode input = request.body().get("TableInput");
        String key = database + "." + input.get("Name").asText();
        if (!databases.contains(database)) {
          yield error("EntityNotFoundException", "Database " + database + " not found.");
        } else if (tables.putIfAbsent(key, input) != null) {
          yield error("AlreadyExistsException", "Table already exists.");
        }
        yield ok(JSON.createObjectNode());
      }
      case "UpdateTable" -> {
        JsonNode input = request.body().get("TableInput");
        String key = database + "." + input.get("Name").asText();
        if (tables.replace(key, input) == null) {
          yield error("EntityNotFoundException", "Table " + input.get("Name").asText() + " not found.");
        }
        yield ok(JSON.createObjectNode());
      }
      default -> error("InvalidInputException", "GlueStub does not answer " + request.target());
    };
  }
}
