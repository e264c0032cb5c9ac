package io.proofmint.settlement.keeper;

import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.ChannelState;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.VoucherInbox;
import io.proofmint.wrappers.generated.UsageEscrow;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@code redeem} batches from the voucher inbox: the latest voucher of each channel, only
 * when the chain shows it would pay (cumulative above the channel's redeemed total, balance left,
 * not expired). Batches are sent when full, when the oldest voucher has waited {@code redeemDelay},
 * or when a voucher is about to expire. Vouchers are grouped by model token so each batch makes as
 * few router payments as possible.
 */
public final class VoucherRedeemer {

  /** Inbox rows looked at per pass. */
  static final int SCAN_LIMIT = 5_000;

  private final Database db;
  private final VoucherInbox inbox;
  private final EscrowReader channels;
  private final UsageEscrow escrow;
  private final KeeperConfig config;
  private final Clock clock;

  public VoucherRedeemer(
      Database db,
      VoucherInbox inbox,
      EscrowReader channels,
      UsageEscrow escrow,
      KeeperConfig config,
      Clock clock) {
    this.db = db;
    this.inbox = inbox;
    this.channels = channels;
    this.escrow = escrow;
    this.config = config;
    this.clock = clock;
  }

  /** A planned batch and how many vouchers it holds. */
  public record Batch(PlannedTx tx, int vouchers, BigInteger expectedTotal) {}

  /**
   * The next batch to send, if one is due.
   *
   * @param blocked subjects of unresolved intents: their channels are left out
   * @param chainTime the latest block's timestamp
   */
  public Optional<Batch> next(Set<String> blocked, long chainTime)
      throws IOException, SQLException {
    List<VoucherInbox.Pending> pending = new ArrayList<>();
    for (VoucherInbox.Pending p : db.transaction(c -> inbox.unredeemed(c, SCAN_LIMIT))) {
      if (!blocked.contains(p.channel().subject())
          && !p.voucher().voucher().expiredAt(chainTime + 1)) {
        pending.add(p);
      }
    }
    if (pending.isEmpty() || !due(pending, chainTime)) {
      return Optional.empty();
    }
    List<VoucherInbox.Pending> candidates =
        pending.subList(0, Math.min(pending.size(), 4 * config.redeemBatch()));
    Map<ChannelKey, ChannelState> onChain =
        channels.channels(candidates.stream().map(VoucherInbox.Pending::channel).toList());
    List<SignedVoucher> chosen = new ArrayList<>();
    BigInteger expected = BigInteger.ZERO;
    for (VoucherInbox.Pending p : candidates) {
      ChannelState state = onChain.get(p.channel());
      BigInteger cumulative = p.voucher().voucher().cumulativeAmount();
      if (state != null && state.wouldPay(cumulative)) {
        chosen.add(p.voucher());
        expected = expected.add(cumulative.subtract(state.redeemed()).min(state.balance()));
        if (chosen.size() == config.redeemBatch()) {
          break;
        }
      }
    }
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    chosen.sort(Comparator.comparing(v -> v.voucher().modelToken().toHex()));
    List<UsageEscrow.Voucher> vouchers = new ArrayList<>(chosen.size());
    List<byte[]> signatures = new ArrayList<>(chosen.size());
    List<String> subjects = new ArrayList<>(chosen.size());
    for (SignedVoucher s : chosen) {
      vouchers.add(
          new UsageEscrow.Voucher(
              s.voucher().user().toHex(),
              s.voucher().modelToken().toHex(),
              s.voucher().cumulativeAmount(),
              s.voucher().expiry()));
      signatures.add(s.signature());
      subjects.add(new ChannelKey(s.voucher().user(), s.voucher().modelToken()).subject());
    }
    PlannedTx tx =
        new PlannedTx(
            IntentKind.REDEEM,
            escrow.getContractAddress(),
            escrow.redeem(vouchers, signatures).encodeFunctionCall(),
            subjects,
            "redeem " + chosen.size() + " voucher(s) expected to pay " + expected);
    return Optional.of(new Batch(tx, chosen.size(), expected));
  }

  private boolean due(List<VoucherInbox.Pending> pending, long chainTime) {
    if (pending.size() >= config.redeemBatch()) {
      return true;
    }
    long oldest = pending.stream().mapToLong(VoucherInbox.Pending::receivedAt).min().orElseThrow();
    if (clock.millis() - oldest >= config.redeemDelay().toMillis()) {
      return true;
    }
    long soon = chainTime + config.expiryMargin().toSeconds();
    return pending.stream().anyMatch(p -> p.voucher().voucher().expiredAt(soon));
  }
}
