package io.proofmint.protocol.artifacts;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The one text form a locator accepts for an IPv6 host: RFC 5952's recommended form (lower-case
 * hex, no leading zeros in a group, the longest run of two or more zero groups, the first of equal
 * runs, written {@code ::}, no embedded IPv4 notation, no zone). So {@code [::1]} is the host and
 * {@code [0:0:0:0:0:0:0:1]}, {@code [::0001]} or {@code [::ffff:127.0.0.1]} are refused.
 */
final class Ipv6Text {

  private Ipv6Text() {}

  /** The canonical text of the bracketed literal {@code host}, or empty if it is not one. */
  static Optional<String> canonical(String host) {
    if (!host.startsWith("[") || !host.endsWith("]") || host.contains(".")) {
      return Optional.empty();
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host); // a literal: no name lookup
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    if (!(address instanceof Inet6Address) || bytes.length != 16) {
      return Optional.empty(); // Java maps ::ffff:a.b.c.d to IPv4
    }
    int[] groups = new int[8];
    for (int g = 0; g < 8; g++) {
      groups[g] = ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not compressed
    for (int g = 0; g < 8; ) {
      if (groups[g] != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && groups[g] == 0) {
        g++;
      }
      if (g - start > bestLength) {
        bestStart = start;
        bestLength = g - start;
      }
    }
    StringBuilder text = new StringBuilder("[");
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        text.append("::");
        g += bestLength - 1;
        continue;
      }
      if (text.length() > 1 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[g]));
    }
    return Optional.of(text.append(']').toString());
  }
}
