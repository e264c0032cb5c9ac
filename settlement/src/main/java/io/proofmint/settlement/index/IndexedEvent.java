package io.proofmint.settlement.index;

import java.math.BigInteger;
import java.util.List;

/** A decoded log the indexer stores, one record per table. Addresses are lower-case hex. */
public sealed interface IndexedEvent {

  LogPosition at();

  /** {@code ModelRegistered}: a model and the token whose logs the indexer then follows. */
  record ModelRegistered(
      LogPosition at, BigInteger modelId, String token, String owner, String symbol)
      implements IndexedEvent {}

  /**
   * A registry event about one task. Which fields are set depends on {@code kind}: {@code account}
   * is the trainer (claimed, committed, settled, expired), the disputer or the rewards' asset;
   * {@code amount} the reward, bond, slashed amount or per-attester reward; {@code deadline} the
   * commit deadline, verification deadline, window end or resolve-by time; {@code signers} the
   * attesters or the dispute committee, ascending.
   *
   * @param blockTime timestamp of the block, unix seconds
   */
  record TaskEvent(
      LogPosition at,
      long blockTime,
      BigInteger taskId,
      TaskEventKind kind,
      BigInteger modelId,
      String account,
      BigInteger amount,
      Long deadline,
      Integer verdict,
      Boolean overturned,
      List<String> signers)
      implements IndexedEvent {
    public TaskEvent {
      signers = signers == null ? List.of() : List.copyOf(signers);
    }
  }

  /** ERC-20 {@code Transfer} of a model token (a mint comes from the zero address). */
  record TokenTransfer(LogPosition at, String token, String from, String to, BigInteger amount)
      implements IndexedEvent {}

  /** ModelToken {@code RevenueClaimed}. */
  record RevenueClaimed(LogPosition at, String token, String account, BigInteger amount)
      implements IndexedEvent {}

  /** RevenueRouter {@code RevenuePaid}: a payment and its split. */
  record RevenuePaid(
      LogPosition at,
      String token,
      String payer,
      BigInteger amount,
      BigInteger toHolders,
      BigInteger toVerifiers,
      BigInteger toTreasury)
      implements IndexedEvent {}

  /** UsageEscrow {@code Deposited}. */
  record Deposited(
      LogPosition at,
      String user,
      String token,
      String payer,
      BigInteger amount,
      BigInteger balance)
      implements IndexedEvent {}

  /** UsageEscrow {@code VoucherRedeemed}: {@code redeemed} is the channel's total after it. */
  record VoucherRedeemed(
      LogPosition at,
      String user,
      String token,
      BigInteger cumulative,
      BigInteger paid,
      BigInteger redeemed)
      implements IndexedEvent {}

  /** UsageEscrow {@code VoucherSkipped} with the contract's skip reason code. */
  record VoucherSkipped(
      LogPosition at, String user, String token, BigInteger cumulative, int reason)
      implements IndexedEvent {}
}
