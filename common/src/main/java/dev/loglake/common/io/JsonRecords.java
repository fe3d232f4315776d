package dev.loglake.common.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** JSON records as field maps: strings as they are, other values as their JSON text. */
final class JsonRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonRecords() {}

  static RecordFileReader.Parsed parseLine(String line) {
    try {
      return fromNode(JSON.readTree(line));
    } catch (JsonProcessingException e) {
      return new RecordFileReader.Parsed(null, "malformed_json: " + e.getOriginalMessage());
    }
  }

  static RecordFileReader.Parsed fromNode(JsonNode node) {
    if (node == null || !node.isObject()) {
      return new RecordFileReader.Parsed(null, "malformed_json: not a JSON object");
    }
    Map<String, String> fields = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      fields.put(e.getKey(), v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString());
    }
    return new RecordFileReader.Parsed(fields, null);
  }
}
