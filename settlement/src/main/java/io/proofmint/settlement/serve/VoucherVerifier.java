package io.proofmint.settlement.serve;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.ChannelReader;
import io.proofmint.settlement.escrow.ChannelState;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's checks of a paid call (docs/usage-payments.md, "What the server must check"): the
 * voucher is for the served model, lives long enough to be redeemed, is signed by its user over
 * this escrow's EIP-712 domain, raises the channel's cumulative amount by at least the price over
 * both the shared inbox and the on-chain redeemed total, and the channel's spendable balance covers
 * it. Cheap checks come first, so junk costs no signature recovery or chain read.
 */
public final class VoucherVerifier {

  private final VoucherDomain domain;
  private final Address modelToken;
  private final BigInteger price;
  private final Duration minLifetime;
  private final ChannelReader channels;
  private final Clock clock;

  public VoucherVerifier(
      VoucherDomain domain,
      Address modelToken,
      BigInteger price,
      Duration minLifetime,
      ChannelReader channels,
      Clock clock) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price per call: expected > 0, got " + price);
    }
    this.domain = domain;
    this.modelToken = modelToken;
    this.price = price;
    this.minLifetime = minLifetime;
    this.channels = channels;
    this.clock = clock;
  }

  public BigInteger price() {
    return price;
  }

  public Address modelToken() {
    return modelToken;
  }

  public VoucherDomain domain() {
    return domain;
  }

  public Duration minLifetime() {
    return minLifetime;
  }

  /**
   * Checks {@code signed}.
   *
   * @param inboxPrevious the channel's latest accepted cumulative amount, if any
   * @throws IOException if the channel could not be read from the chain
   */
  public PaymentCheck verify(SignedVoucher signed, Optional<BigInteger> inboxPrevious)
      throws IOException {
    Voucher v = signed.voucher();
    if (!v.modelToken().equals(modelToken)) {
      return PaymentCheck.rejected(
          Rejection.WRONG_MODEL,
          "voucher is for model token " + v.modelToken() + "; this server serves " + modelToken);
    }
    long earliestExpiry = clock.instant().getEpochSecond() + minLifetime.toSeconds();
    if (v.expiredAt(earliestExpiry)) {
      return PaymentCheck.rejected(
          Rejection.EXPIRES_TOO_SOON,
          "voucher expires at " + v.expiry() + "; expected an expiry >= " + earliestExpiry);
    }
    Optional<Address> signer = domain.recover(signed);
    if (signer.isEmpty() || !signer.get().equals(v.user())) {
      return PaymentCheck.rejected(
          Rejection.BAD_SIGNATURE,
          signer
              .map(s -> "signature recovers " + s + ", expected the voucher's user " + v.user())
              .orElse(
                  "signature is not a 65-byte low-s ECDSA signature over this escrow's voucher"
                      + " digest"));
    }
    ChannelState channel = channels.channel(new ChannelKey(v.user(), v.modelToken()));
    BigInteger previous = inboxPrevious.orElse(BigInteger.ZERO).max(channel.redeemed());
    BigInteger required = previous.add(price);
    if (v.cumulativeAmount().compareTo(required) < 0) {
      return PaymentCheck.rejected(
          Rejection.NOT_INCREASED,
          "expected cumulativeAmount >= "
              + required
              + " (previous "
              + previous
              + " + price "
              + price
              + "), got "
              + v.cumulativeAmount());
    }
    BigInteger owed = v.cumulativeAmount().subtract(channel.redeemed());
    if (owed.compareTo(channel.spendable()) > 0) {
      return PaymentCheck.rejected(
          Rejection.UNDERFUNDED,
          "channel can pay "
              + channel.spendable()
              + " beyond the "
              + channel.redeemed()
              + " redeemed; the voucher needs "
              + owed
              + " (deposit more)");
    }
    return PaymentCheck.accepted(previous, channel);
  }
}
