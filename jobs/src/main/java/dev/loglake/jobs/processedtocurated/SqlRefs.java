package dev.loglake.jobs.processedtocurated;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code processed.<table>} and {@code curated.<table>} references in SQL text (outside
 * comments and string literals, plain or back-quoted) and rewrites them to the temp views the job
 * registers: Spark's temp views take one-part names only, so {@code processed.web_events} becomes
 * {@code `processed.web_events`}, a view whose name holds the dot. The SQL otherwise runs as
 * written.
 */
public final class SqlRefs {

  private SqlRefs() {}

  /** A lexical token: an identifier (unquoted text), a dot, or anything else. */
  private record Token(int start, int end, char kind, String text) {}

  /** Every table reference in {@code sql}, sorted. */
  public static Set<TableRef> find(String sql) {
    Set<TableRef> out = new TreeSet<>();
    for (Match m : matches(sql)) {
      out.add(m.ref());
    }
    return out;
  }

  /** {@code sql} with every reference replaced by its back-quoted view name. */
  public static String rewrite(String sql) {
    return rewrite(sql, ref -> "`" + ref.viewName() + "`");
  }

  /** {@code sql} with every reference replaced by what {@code replacement} gives for it. */
  public static String rewrite(String sql, java.util.function.Function<TableRef, String> replacement) {
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (Match m : matches(sql)) {
      sb.append(sql, at, m.start()).append(replacement.apply(m.ref()));
      at = m.end();
    }
    return sb.append(sql.substring(at)).toString();
  }

  private record Match(int start, int end, TableRef ref) {}

  private static List<Match> matches(String sql) {
    List<Token> tokens = tokens(sql);
    List<Match> out = new ArrayList<>();
    for (int i = 0; i + 2 < tokens.size(); i++) {
      Token zone = tokens.get(i);
      boolean afterDot = i > 0 && tokens.get(i - 1).kind() == '.';
      if (zone.kind() != 'i'
          || afterDot
          || tokens.get(i + 1).kind() != '.'
          || tokens.get(i + 2).kind() != 'i') {
        continue;
      }
      Optional<TableRef> ref = TableRef.parse(zone.text() + "." + tokens.get(i + 2).text());
      if (ref.isPresent()) {
        out.add(new Match(zone.start(), tokens.get(i + 2).end(), ref.get()));
        i += 2;
      }
    }
    return out;
  }

  /** Identifiers, dots and other tokens; whitespace, comments and string literals are skipped. */
  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (s.startsWith("--", i)) {
        i = indexOrEnd(s, "\n", i);
      } else if (s.startsWith("/*", i)) {
        i = indexOrEnd(s, "*/", i + 2) + 2;
      } else if (c == '\'' || c == '"') {
        i = endOfString(s, i, c);
        out.add(new Token(i - 1, i, 's', ""));
      } else if (c == '`') {
        int end = indexOrEnd(s, "`", i + 1);
        out.add(new Token(i, Math.min(end + 1, s.length()), 'i', s.substring(i + 1, end)));
        i = end + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(start, i, 'i', s.substring(start, i)));
      } else {
        out.add(new Token(i, i + 1, c == '.' ? '.' : 'o', String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  private static int indexOrEnd(String s, String what, int from) {
    int at = s.indexOf(what, from);
    return at < 0 ? s.length() : at;
  }

  /** The index after the literal opened by {@code quote} at {@code start} (backslash escapes). */
  private static int endOfString(String s, int start, char quote) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }
}
