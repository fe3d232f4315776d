package dev.loglake.common.silver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses keep only their network prefix; anything that is not an address becomes null. */
class IpTruncationTest {

  @ParameterizedTest(name = "{0} /{1} /{2} -> {3}")
  @CsvSource(
      nullValues = "null",
      value = {
        // The defaults: /24 and /48.
        "203.0.113.9, 24, 48, 203.0.113.0",
        "' 198.51.100.255 ', 24, 48, 198.51.100.0",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 48, 2001:db8:85a3::",
        "2a02:a33c:4538:1:bcf4:5264:e01c:f215, 24, 48, 2a02:a33c:4538::",
        "2001:DB8::1, 24, 48, 2001:db8:0::",
        "::1, 24, 48, 0:0:0::",
        // Other prefix lengths, also inside an octet or a group.
        "203.0.113.9, 16, 48, 203.0.0.0",
        "203.0.113.9, 20, 48, 203.0.112.0",
        "203.0.113.9, 32, 48, 203.0.113.9",
        "203.0.113.9, 0, 48, 0.0.0.0",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 64, 2001:db8:85a3:8d3::",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 56, 2001:db8:85a3:800::",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 128, 2001:db8:85a3:8d3:1319:8a2e:370:7348",
        "2001:db8:85a3:8d3:1319:8a2e:370:7348, 24, 0, ::",
        // Not an address: nothing of it is kept.
        "null, 24, 48, null",
        "'  ', 24, 48, null",
        "-, 24, 48, null",
        "203.0.113, 24, 48, null",
        "203.0.113.9.1, 24, 48, null",
        "203.0.113.256, 24, 48, null",
        "203.0.113.1000, 24, 48, null",
        "203.0..9, 24, 48, null",
        "203.0.113.9:443, 24, 48, null",
        "alice@example.com, 24, 48, null",
        "1:2:3:4:5:6:7, 24, 48, null",
        "1:2:3:4:5:6:7:8:9, 24, 48, null",
        "1::2::3, 24, 48, null",
        "1:2:3:4::5:6:7:8, 24, 48, null",
        "12345::1, 24, 48, null",
        "2001:db8:g::1, 24, 48, null",
        "2001:db8::1:, 24, 48, null",
        "::ffff:192.0.2.1, 24, 48, null"
      })
  void keepsTheNetworkPrefix(String ip, int ipv4Prefix, int ipv6Prefix, String expected) {
    assertThat(IpTruncation.truncate(ip, ipv4Prefix, ipv6Prefix)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"203.0.113.9, 203.0.113.0", "2001:db8:85a3:8d3::7348, 2001:db8:85a3::"})
  void defaultsToSlash24AndSlash48(String ip, String expected) {
    assertThat(IpTruncation.truncate(ip)).isEqualTo(expected);
  }
}
