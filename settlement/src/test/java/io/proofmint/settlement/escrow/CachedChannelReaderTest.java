package io.proofmint.settlement.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedChannelReaderTest {

  private static final ChannelKey KEY =
      new ChannelKey(
          Address.fromHex("0x00000000000000000000000000000000000000b1"),
          Address.fromHex("0x00000000000000000000000000000000000000a1"));

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void readsTheChainOncePerTtl() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ChannelReader chain =
        key ->
            new ChannelState(
                BigInteger.valueOf(reads.incrementAndGet()), BigInteger.ZERO, BigInteger.ZERO, 0);
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    CachedChannelReader cached = new CachedChannelReader(chain, clock, Duration.ofSeconds(2));

    assertThat(cached.channel(KEY).balance()).isEqualTo(1);
    now = now.plusMillis(1_999);
    assertThat(cached.channel(KEY).balance()).isEqualTo(1);
    now = now.plusMillis(1);
    assertThat(cached.channel(KEY).balance()).isEqualTo(2);
    cached.invalidate(KEY);
    assertThat(cached.channel(KEY).balance()).isEqualTo(3);
  }
}
