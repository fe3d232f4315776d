package dev.loglake.common.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test credentials for the AWS SDK's default chain, which finds the {@code aws.accessKeyId} and
 * {@code aws.secretAccessKey} system properties first (as a job finds its IAM role's on Glue and
 * EMR): {@code @ExtendWith(AwsTestCredentials.class)} sets them for the test class and clears them
 * after. Requests are signed with key {@link #KEY}.
 */
public final class AwsTestCredentials implements BeforeAllCallback, AfterAllCallback {

  public static final String KEY = "test-key";

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("aws.accessKeyId", KEY);
    System.setProperty("aws.secretAccessKey", "test-secret");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }
}
