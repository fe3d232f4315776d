package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * A column computed from the typed columns: {@code derive = [{ name = total, expr = "price *
 * quantity" }]}. Evaluated after typing, in order (an expression may use the columns derived before
 * it), and before validation, so rules can check it. A name that is a declared column replaces it
 * (a normalised value: {@code { name = country, expr = "upper(trim(country))" }}).
 *
 * @param name the column's name in the processed table
 * @param expr a Spark SQL expression over the row's columns
 */
public record DerivedColumn(String name, String expr) {

  /** The quarantine reason of a row on which {@link #expr} fails. */
  public String reason() {
    return "derive:" + name;
  }

  static DerivedColumn from(Config c, String where) {
    String name = Configs.requireString(c, "name", "Every derived column in " + where + " needs a name.");
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw EtlErrors.badValue(where + ".name", name, "a column name of letters, digits and _ (not starting with _)");
    }
    String expr = Configs.requireString(c, "expr", "Derived column " + name + " in " + where + " needs an expr.");
    try {
      CatalystSqlParser$.MODULE$.parseExpression(expr);
    } catch (Exception e) {
      if (!(e instanceof ParseException)) {
        throw e;
      }
      throw EtlErrors.badValue(where + ".expr", expr, "a Spark SQL expression (" + firstLine(e.getMessage()) + ")");
    }
    return new DerivedColumn(name, expr);
  }

  /** The first line of a Spark error message (the rest is a picture of the expression). */
  public static String firstLine(String message) {
    String m = String.valueOf(message).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }
}
