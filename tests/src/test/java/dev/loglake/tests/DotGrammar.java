package dev.loglake.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checker for the DOT language as Graphviz defines it (https://graphviz.org/doc/info/lang.html),
 * for when Graphviz is not installed: {@code graph : [strict] (graph|digraph) [ID] '{' stmt_list '}'}
 * with node, edge, attribute, {@code ID '=' ID} and subgraph statements, IDs bare, numeral or
 * double-quoted. Throws unless the whole text is exactly one graph.
 */
final class DotGrammar {

  private static final Pattern TOKEN =
      Pattern.compile("\\s*(->|--|[{}\\[\\];,=:]|\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_\\x80-\\uffff][A-Za-z_0-9\\x80-\\uffff]*|-?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?))");

  private final List<String> tokens;
  private int at;

  private DotGrammar(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text} as one DOT graph; returns the number of edge statements. */
  static int parse(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int end = 0;
    while (m.lookingAt()) {
      tokens.add(m.group(1));
      end = m.end();
      m.region(end, text.length());
    }
    if (!text.substring(end).isBlank()) {
      throw new AssertionError("not DOT from offset " + end + ": " + text.substring(end, Math.min(text.length(), end + 80)));
    }
    DotGrammar g = new DotGrammar(tokens);
    int edges = g.graph();
    if (g.at != tokens.size()) {
      throw new AssertionError("text after the graph: " + tokens.subList(g.at, tokens.size()));
    }
    return edges;
  }

  private int graph() {
    accept("strict");
    if (!accept("digraph") && !accept("graph")) {
      throw fail("graph or digraph");
    }
    if (!peek("{")) {
      id();
    }
    return block();
  }

  private int block() {
    expect("{");
    int edges = 0;
    while (!accept("}")) {
      edges += stmt();
      accept(";");
    }
    return edges;
  }

  private int stmt() {
    if (peek("graph") || peek("node") || peek("edge")) {
      at++;
      attrList();
      return 0;
    }
    if (peek("subgraph") || peek("{")) {
      return subgraph();
    }
    id();
    if (accept("=")) {
      id();
      return 0;
    }
    port();
    int edges = 0;
    while (accept("->") || accept("--")) {
      if (peek("subgraph") || peek("{")) {
        subgraph();
      } else {
        id();
        port();
      }
      edges++;
    }
    if (peek("[")) {
      attrList();
    }
    return edges;
  }

  private int subgraph() {
    if (accept("subgraph") && !peek("{")) {
      id();
    }
    return block();
  }

  private void port() {
    while (accept(":")) {
      id();
    }
  }

  private void attrList() {
    do {
      expect("[");
      while (!accept("]")) {
        id();
        if (accept("=")) {
          id();
        }
        if (!accept(";")) {
          accept(",");
        }
      }
    } while (peek("["));
  }

  private void id() {
    String t = next();
    if (!t.startsWith("\"") && !Character.isLetterOrDigit(t.charAt(0)) && t.charAt(0) != '_' && t.charAt(0) != '-' && t.charAt(0) != '.') {
      throw fail("an ID");
    }
    at++;
  }

  private boolean peek(String token) {
    return at < tokens.size() && tokens.get(at).equals(token);
  }

  private boolean accept(String token) {
    if (peek(token)) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw fail("'" + token + "'");
    }
  }

  private String next() {
    if (at >= tokens.size()) {
      throw new AssertionError("DOT text ends early");
    }
    return tokens.get(at);
  }

  private AssertionError fail(String wanted) {
    return new AssertionError("expected " + wanted + " at token " + at + " but found " + (at < tokens.size() ? tokens.get(at) : "the end"));
  }
}
