package dev.loglake.jobs.sample;

/**
 * The values of one access-log entry while it is being built. A mutable holder, reused for every
 * line of a file, because the ALB generator produces millions of entries and the sampler fills the
 * fields in a different order than the log prints them. {@code null} strings and negative numbers
 * print as ALB's {@code -} / {@code -1}.
 */
final class AlbRequest {

  /** Field count of the line: 29 (until 2024-05), 30 (+conn_trace_id) or 33 (2025 layout). */
  int fieldCount;

  String type;
  long timeMicros;
  long creationMicros;
  String clientIp;
  int clientPort;
  String target;
  int requestMillis;
  int targetMillis;
  int responseMillis;
  int elbStatus;
  int targetStatus;
  long receivedBytes;
  long sentBytes;
  String method;
  String url;
  String protocol;
  String userAgent;
  String sslCipher;
  String sslProtocol;
  String targetGroupArn;
  boolean traced;
  long traceBits;
  String domainName;
  String chosenCertArn;
  int rulePriority;
  String actions;
  String redirectUrl;
  String errorReason;
  String classification;
  String classificationReason;
  long connTraceHigh;
  long connTraceLow;

  void reset(long timeMicros) {
    this.fieldCount = 33;
    this.type = "https";
    this.timeMicros = timeMicros;
    this.creationMicros = timeMicros;
    this.target = null;
    this.requestMillis = 0;
    this.targetMillis = 0;
    this.responseMillis = 0;
    this.targetStatus = -1;
    this.sslCipher = null;
    this.sslProtocol = null;
    this.targetGroupArn = null;
    this.traced = true;
    this.domainName = null;
    this.chosenCertArn = null;
    this.rulePriority = 0;
    this.actions = "forward";
    this.redirectUrl = null;
    this.errorReason = null;
    this.classification = null;
    this.classificationReason = null;
  }
}
