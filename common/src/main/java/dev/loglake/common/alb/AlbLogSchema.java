package dev.loglake.common.alb;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names, ordinals and the Spark schema of a parsed ALB access-log entry. The columns follow
 * Athena's ALB table: {@code client:port}, {@code target:port} and {@code request} are split, the
 * rest keeps the AWS field order (see {@link AlbLogParser} for the line layout). This is a public
 * contract: append columns, never reorder them.
 */
public final class AlbLogSchema {

  /** How a column's value is typed; drives parsing and both materializers (Java and Spark). */
  public enum Kind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    TIMESTAMP,
    STRING_LIST,
    INT_LIST
  }

  public static final String TYPE = "type";
  public static final String TIME = "time";
  public static final String ELB = "elb";
  public static final String CLIENT_IP = "client_ip";
  public static final String CLIENT_PORT = "client_port";
  public static final String TARGET_IP = "target_ip";
  public static final String TARGET_PORT = "target_port";
  public static final String REQUEST_PROCESSING_TIME = "request_processing_time";
  public static final String TARGET_PROCESSING_TIME = "target_processing_time";
  public static final String RESPONSE_PROCESSING_TIME = "response_processing_time";
  public static final String ELB_STATUS_CODE = "elb_status_code";
  public static final String TARGET_STATUS_CODE = "target_status_code";
  public static final String RECEIVED_BYTES = "received_bytes";
  public static final String SENT_BYTES = "sent_bytes";
  public static final String REQUEST_VERB = "request_verb";
  public static final String REQUEST_URL = "request_url";
  public static final String REQUEST_PROTO = "request_proto";
  public static final String USER_AGENT = "user_agent";
  public static final String SSL_CIPHER = "ssl_cipher";
  public static final String SSL_PROTOCOL = "ssl_protocol";
  public static final String TARGET_GROUP_ARN = "target_group_arn";
  public static final String TRACE_ID = "trace_id";
  public static final String DOMAIN_NAME = "domain_name";
  public static final String CHOSEN_CERT_ARN = "chosen_cert_arn";
  public static final String MATCHED_RULE_PRIORITY = "matched_rule_priority";
  public static final String REQUEST_CREATION_TIME = "request_creation_time";
  public static final String ACTIONS_EXECUTED = "actions_executed";
  public static final String REDIRECT_URL = "redirect_url";
  public static final String ERROR_REASON = "error_reason";
  public static final String TARGET_PORT_LIST = "target_port_list";
  public static final String TARGET_STATUS_CODE_LIST = "target_status_code_list";
  public static final String CLASSIFICATION = "classification";
  public static final String CLASSIFICATION_REASON = "classification_reason";
  public static final String CONN_TRACE_ID = "conn_trace_id";
  public static final String TRANSFORMED_HOST = "transformed_host";
  public static final String TRANSFORMED_URI = "transformed_uri";
  public static final String REQUEST_TRANSFORM_STATUS = "request_transform_status";

  /** Lineage columns the Spark reader adds to parsed rows and to rejects. */
  public static final String SOURCE_FILE = "_source_file";

  public static final String LINE_NUMBER = "_line_number";

  /** Reject columns: why the line was rejected and the line itself (UTF-8 decoded). */
  public static final String REASON = "reason";

  public static final String RAW_LINE = "raw_line";

  /** The 37 column names, in schema order; a column's ordinal is its index here. */
  public static final List<String> COLUMNS =
      List.of(
          TYPE, TIME, ELB, CLIENT_IP, CLIENT_PORT, TARGET_IP, TARGET_PORT,
          REQUEST_PROCESSING_TIME, TARGET_PROCESSING_TIME, RESPONSE_PROCESSING_TIME,
          ELB_STATUS_CODE, TARGET_STATUS_CODE, RECEIVED_BYTES, SENT_BYTES, REQUEST_VERB,
          REQUEST_URL, REQUEST_PROTO, USER_AGENT, SSL_CIPHER, SSL_PROTOCOL, TARGET_GROUP_ARN,
          TRACE_ID, DOMAIN_NAME, CHOSEN_CERT_ARN, MATCHED_RULE_PRIORITY, REQUEST_CREATION_TIME,
          ACTIONS_EXECUTED, REDIRECT_URL, ERROR_REASON, TARGET_PORT_LIST, TARGET_STATUS_CODE_LIST,
          CLASSIFICATION, CLASSIFICATION_REASON, CONN_TRACE_ID, TRANSFORMED_HOST, TRANSFORMED_URI,
          REQUEST_TRANSFORM_STATUS);

  public static final int COLUMN_COUNT = 37;

  /** Value kind per ordinal. */
  private static final Kind[] KINDS = new Kind[COLUMN_COUNT];

  static {
    for (int i = 0; i < COLUMN_COUNT; i++) {
      KINDS[i] = kindOf(COLUMNS.get(i));
    }
  }

  private AlbLogSchema() {}

  /** The Spark schema: {@link #COLUMNS} with their types; only the first four are non-null. */
  public static StructType schema() {
    return SparkTypes.SCHEMA;
  }

  /** Schema of reject rows: {@code _source_file, _line_number, reason, raw_line}. */
  public static StructType rejectSchema() {
    return SparkTypes.REJECT_SCHEMA;
  }

  /** The ordinal of {@code column} in {@link #SCHEMA}. */
  public static int ordinal(String column) {
    int i = COLUMNS.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("Not an ALB log column: " + column);
    }
    return i;
  }

  public static Kind kind(int ordinal) {
    return KINDS[ordinal];
  }

  /** Parsed rows with lineage: {@link #schema()} + {@code _source_file, _line_number}. */
  public static StructType schemaWithLineage() {
    return SparkTypes.SCHEMA
        .add(SOURCE_FILE, DataTypes.StringType, false)
        .add(LINE_NUMBER, DataTypes.LongType, false);
  }

  private static Kind kindOf(String name) {
    return switch (name) {
      case TIME, REQUEST_CREATION_TIME -> Kind.TIMESTAMP;
      case CLIENT_PORT, TARGET_PORT, ELB_STATUS_CODE, TARGET_STATUS_CODE, MATCHED_RULE_PRIORITY ->
          Kind.INT;
      case RECEIVED_BYTES, SENT_BYTES -> Kind.LONG;
      case REQUEST_PROCESSING_TIME, TARGET_PROCESSING_TIME, RESPONSE_PROCESSING_TIME -> Kind.DOUBLE;
      case ACTIONS_EXECUTED, TARGET_PORT_LIST -> Kind.STRING_LIST;
      case TARGET_STATUS_CODE_LIST -> Kind.INT_LIST;
      default -> Kind.STRING;
    };
  }

  /**
   * Holder so that plain-Java users ({@link AlbParseCli}) never load Spark classes: the JVM builds
   * these only on first call of {@link #schema()}.
   */
  private static final class SparkTypes {
    static final StructType SCHEMA = buildSchema();
    static final StructType REJECT_SCHEMA =
        new StructType()
            .add(SOURCE_FILE, DataTypes.StringType, false)
            .add(LINE_NUMBER, DataTypes.LongType, false)
            .add(REASON, DataTypes.StringType, false)
            .add(RAW_LINE, DataTypes.StringType, false);

    private static StructType buildSchema() {
      StructField[] fields = new StructField[COLUMN_COUNT];
      for (int i = 0; i < COLUMN_COUNT; i++) {
        fields[i] = DataTypes.createStructField(COLUMNS.get(i), sparkType(KINDS[i]), i > 3);
      }
      return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(Kind kind) {
      return switch (kind) {
        case STRING -> DataTypes.StringType;
        case INT -> DataTypes.IntegerType;
        case LONG -> DataTypes.LongType;
        case DOUBLE -> DataTypes.DoubleType;
        case TIMESTAMP -> DataTypes.TimestampType;
        case STRING_LIST -> DataTypes.createArrayType(DataTypes.StringType, true);
        case INT_LIST -> DataTypes.createArrayType(DataTypes.IntegerType, true);
      };
    }
  }
}
