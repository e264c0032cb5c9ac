package io.proofmint.settlement.serve;

import java.math.BigInteger;
import java.time.Duration;

/**
 * How the model server listens and prices calls.
 *
 * @param host address to bind (loopback unless the operator says otherwise)
 * @param port TCP port, 0 for any free one
 * @param price payment-asset base units each call adds to the cumulative amount
 * @param minLifetime a voucher must stay redeemable at least this long after it arrives
 * @param channelCacheTtl how long a channel read from the chain is reused
 * @param maxBodyBytes larger requests are refused (413)
 */
public record ServerConfig(
    String host,
    int port,
    BigInteger price,
    Duration minLifetime,
    Duration channelCacheTtl,
    int maxBodyBytes) {

  public ServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: expected 0..65535, got " + port);
    }
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price: expected > 0 base units, got " + price);
    }
    if (minLifetime.isNegative() || channelCacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "voucher lifetime and cache TTL: expected >= 0, got "
              + minLifetime
              + " and "
              + channelCacheTtl);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max body: expected >= 1024 bytes, got " + maxBodyBytes);
    }
  }

  /** Loopback, a free port, vouchers living an hour, channels cached 2 s, 1 MiB bodies. */
  public static ServerConfig loopback(BigInteger price) {
    return new ServerConfig(
        "127.0.0.1", 0, price, Duration.ofHours(1), Duration.ofSeconds(2), 1 << 20);
  }
}
