package dev.loglake.common.silver;

/**
 * Names of the ALB request columns the status transforms read (the public contract of the parsed
 * schema, issue 3) and of the columns {@link SilverAlb#enrich} adds.
 */
public final class AlbColumns {

  private AlbColumns() {}

  // Parsed columns (AlbLogSchema).
  public static final String TIME = "time";
  public static final String TARGET_PROCESSING_TIME = "target_processing_time";
  public static final String ELB_STATUS_CODE = "elb_status_code";
  public static final String TARGET_STATUS_CODE = "target_status_code";
  public static final String RECEIVED_BYTES = "received_bytes";
  public static final String SENT_BYTES = "sent_bytes";
  public static final String TARGET_GROUP_ARN = "target_group_arn";

  // Columns added by SilverAlb.enrich.
  public static final String TARGET_GROUP_NAME = "target_group_name";
  public static final String API = "api";
  public static final String STATUS_CLASS = "status_class";
  public static final String ELB_GENERATED = "elb_generated";
  public static final String DATE = "date";
  public static final String HOUR = "hour";

  /** The enrichment columns, in the order {@link SilverAlb#enrich} appends them. */
  public static final java.util.List<String> ENRICHMENT =
      java.util.List.of(TARGET_GROUP_NAME, API, STATUS_CLASS, ELB_GENERATED, DATE, HOUR);
}
