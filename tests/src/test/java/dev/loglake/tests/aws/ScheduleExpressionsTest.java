package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedule-expression checker itself: what EventBridge accepts and rejects. */
class ScheduleExpressionsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "rate(1 hour)", "rate(15 minutes)", "rate(2 days)", "cron(30 2 * * ? *)", "cron(5 * * * ? *)",
      "cron(0/15 8-18 ? * MON-FRI *)", "cron(0 12 L * ? 2030)", "cron(0 6 ? JAN,JUL 2#1 *)"})
  void acceptsValidExpressions(String expr) {
    assertThat(ScheduleExpressions.problem(expr)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rate(1 hours)", "rate(5 minute)", "rate(0 minutes)", "cron(30 2 * * *)", "cron(30 2 * * * *)",
      "cron(30 2 ? * ? *)", "cron(61 2 * * ? *)", "cron(0 24 * * ? *)", "cron(0 1 32 * ? *)",
      "cron(0 1 ? * 8 *)", "every hour", "cron(0 2 * FOO ? *)"})
  void rejectsInvalidExpressions(String expr) {
    assertThat(ScheduleExpressions.problem(expr)).isPresent();
  }
}
