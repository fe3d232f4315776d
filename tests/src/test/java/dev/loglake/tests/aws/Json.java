package dev.loglake.tests.aws;

import java.util.List;
import java.util.Map;

/** Casts for parsed YAML/JSON trees that fail with the path named. */
final class Json {

  private Json() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String where) {
    if (!(o instanceof Map)) {
      throw new AssertionError(where + ": expected a mapping, got " + o);
    }
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String where) {
    if (!(o instanceof List)) {
      throw new AssertionError(where + ": expected a list, got " + o);
    }
    return (List<Object>) o;
  }

  /** A value that may be a single item or a list of items, as IAM's Action and Resource. */
  static List<Object> oneOrMany(Object o) {
    return o instanceof List<?> l ? List.copyOf(l) : List.of(o);
  }
}
