package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.dataset.PiiRule;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** PII treatments: hash (salted SHA-256), mask, drop, truncate-ip. */
final class SilverPii {

  private SilverPii() {}

  static Dataset<Row> apply(Dataset<Row> in, List<PiiRule> rules, String salt) {
    Dataset<Row> out = in;
    for (PiiRule rule : rules) {
      Column v = col(rule.column()).cast("string");
      out =
          switch (rule.action()) {
            case DROP -> out.drop(rule.column());
            case HASH -> out.withColumn(rule.column(), when(v.isNotNull(), sha2(concat(lit(salt), v), 256)));
            case MASK -> out.withColumn(rule.column(), mask(v));
            case TRUNCATE_IP -> out.withColumn(rule.column(), truncateIp(rule).apply(v));
          };
    }
    return out;
  }

  /** Whether {@code rules} remove {@code column}. */
  static boolean drops(List<PiiRule> rules, String column) {
    return rules.stream().anyMatch(r -> r.action() == PiiRule.Action.DROP && r.column().equals(column));
  }

  /** The rule's prefix lengths, as a UDF: a Java function over the short address text, per row. */
  private static UserDefinedFunction truncateIp(PiiRule rule) {
    int v4 = rule.ipv4Prefix();
    int v6 = rule.ipv6Prefix();
    return org.apache.spark.sql.functions.udf(
        (UDF1<String, String>) ip -> IpTruncation.truncate(ip, v4, v6), DataTypes.StringType);
  }

  /** All but the last 4 characters become '*'; values of 4 characters or fewer are fully masked. */
  private static Column mask(Column v) {
    Column n = length(v);
    return when(n.leq(4), regexp_replace(v, ".", "*"))
        .otherwise(concat(maskedPrefix(v, n), substring(v, -4, 4)));
  }

  private static Column maskedPrefix(Column v, Column n) {
    return regexp_replace(v.substr(lit(1), n.minus(4)), ".", "*");
  }
}
