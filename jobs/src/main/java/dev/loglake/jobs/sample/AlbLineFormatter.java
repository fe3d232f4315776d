package dev.loglake.jobs.sample;

/**
 * Prints an {@link AlbRequest} as one access-log line. Field order (Q = double-quoted):
 *
 * <pre>
 *  1 type  2 time  3 elb  4 client:port  5 target:port  6 request_processing_time
 *  7 target_processing_time  8 response_processing_time  9 elb_status_code  10 target_status_code
 * 11 received_bytes  12 sent_bytes  13 request(Q)  14 user_agent(Q)  15 ssl_cipher  16 ssl_protocol
 * 17 target_group_arn  18 trace_id(Q)  19 domain_name(Q)  20 chosen_cert_arn(Q)
 * 21 matched_rule_priority  22 request_creation_time  23 actions_executed(Q)  24 redirect_url(Q)
 * 25 error_reason(Q)  26 target:port_list(Q)  27 target_status_code_list(Q)  28 classification(Q)
 * 29 classification_reason(Q)  30 conn_trace_id  31 transformed_host(Q)  32 transformed_uri(Q)
 * 33 request_transform_status(Q)
 * </pre>
 *
 * <p>29-field lines stop after classification_reason, 30-field lines after conn_trace_id. Not
 * thread-safe (caches the date prefix): use one per file.
 */
final class AlbLineFormatter {

  private final TextFormat time = new TextFormat();

  void format(AlbRequest r, StringBuilder sb) {
    sb.append(r.type).append(' ');
    time.appendMicros(sb, r.timeMicros);
    sb.append(' ').append(AlbSite.LOAD_BALANCER).append(' ');
    sb.append(r.clientIp).append(':').append(r.clientPort).append(' ');
    bare(sb, r.target);
    TextFormat.appendSecondsOf(sb, r.requestMillis);
    sb.append(' ');
    TextFormat.appendSecondsOf(sb, r.targetMillis);
    sb.append(' ');
    TextFormat.appendSecondsOf(sb, r.responseMillis);
    sb.append(' ').append(r.elbStatus).append(' ');
    status(sb, r.targetStatus).append(' ');
    sb.append(r.receivedBytes).append(' ').append(r.sentBytes).append(" \"");
    sb.append(r.method).append(' ').append(r.url).append(' ').append(r.protocol).append("\" ");
    quoted(sb, r.userAgent);
    bare(sb, r.sslCipher);
    bare(sb, r.sslProtocol);
    bare(sb, r.targetGroupArn);
    appendTraceId(sb, r);
    quoted(sb, r.domainName);
    quoted(sb, r.chosenCertArn);
    appendRuleAndActions(sb, r);
    appendTargetsAndClassification(sb, r);
    if (r.fieldCount >= 30) {
      sb.append(" TID_");
      TextFormat.appendHex(sb, r.connTraceHigh, 16);
      TextFormat.appendHex(sb, r.connTraceLow, 16);
    }
    if (r.fieldCount >= 33) {
      sb.append(" \"-\" \"-\" \"-\"");
    }
  }

  private void appendRuleAndActions(StringBuilder sb, AlbRequest r) {
    if (r.rulePriority == Integer.MIN_VALUE) {
      sb.append("- ");
    } else {
      sb.append(r.rulePriority).append(' ');
    }
    time.appendMicros(sb, r.creationMicros);
    sb.append(' ');
    quoted(sb, r.actions);
    quoted(sb, r.redirectUrl);
    quoted(sb, r.errorReason);
  }

  private static void appendTargetsAndClassification(StringBuilder sb, AlbRequest r) {
    quoted(sb, r.target);
    sb.append('"');
    status(sb, r.targetStatus).append("\" ");
    quoted(sb, r.classification);
    sb.append('"').append(r.classificationReason == null ? "-" : r.classificationReason);
    sb.append('"');
  }

  private static void appendTraceId(StringBuilder sb, AlbRequest r) {
    if (!r.traced) {
      sb.append("\"-\" ");
      return;
    }
    sb.append("\"Root=1-");
    TextFormat.appendHex(sb, Math.floorDiv(r.creationMicros, 1_000_000L), 8);
    sb.append('-');
    TextFormat.appendHex(sb, r.traceBits, 16);
    TextFormat.appendHex(sb, Seeds.mix(r.traceBits), 8);
    sb.append("\" ");
  }

  private static StringBuilder status(StringBuilder sb, int status) {
    return status < 0 ? sb.append('-') : sb.append(status);
  }

  private static void bare(StringBuilder sb, String value) {
    sb.append(value == null ? "-" : value).append(' ');
  }

  private static void quoted(StringBuilder sb, String value) {
    sb.append('"').append(value == null ? "-" : value).append("\" ");
  }
}
