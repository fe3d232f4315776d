package dev.loglake.common.testing;

import java.io.IOException;

/**
 * A local HTTP endpoint standing in for SNS: records each request the real SDK sends (its form
 * parameters: Action, TopicArn, Subject, Message ...) and answers with a Publish response, or with
 * an AuthorizationError when told to fail.
 */
public final class SnsStub extends QueryProtocolStub {

  public SnsStub() throws IOException {
    super(PUBLISHED, DENIED);
  }

  private static final String PUBLISHED =
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>"
          + "<ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata></PublishResponse>";

  private static final String DENIED =
      "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
          + "<Code>AuthorizationError</Code><Message>User is not authorized to perform SNS:Publish"
          + "</Message></Error><RequestId>9d3c</RequestId></ErrorResponse>";
}
