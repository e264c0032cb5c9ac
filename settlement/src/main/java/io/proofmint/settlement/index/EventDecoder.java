package io.proofmint.settlement.index;

import io.proofmint.settlement.index.IndexedEvent.Deposited;
import io.proofmint.settlement.index.IndexedEvent.ModelRegistered;
import io.proofmint.settlement.index.IndexedEvent.RevenueClaimed;
import io.proofmint.settlement.index.IndexedEvent.RevenuePaid;
import io.proofmint.settlement.index.IndexedEvent.TokenTransfer;
import io.proofmint.settlement.index.IndexedEvent.VoucherRedeemed;
import io.proofmint.settlement.index.IndexedEvent.VoucherSkipped;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.generated.UsageEscrow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns logs into {@link IndexedEvent}s with the generated wrappers' decoders. Which contract a log
 * came from is the caller's business: it asks for logs by address.
 */
public final class EventDecoder {

  /** Topics of the registry, router and escrow events the indexer keeps. */
  public static final List<String> CORE_TOPICS =
      topics(
          TrainingRegistry.MODELREGISTERED_EVENT,
          TrainingRegistry.TASKCREATED_EVENT,
          TrainingRegistry.TASKCLAIMED_EVENT,
          TrainingRegistry.TASKCOMMITTED_EVENT,
          TrainingRegistry.SEEDDRAWN_EVENT,
          TrainingRegistry.ATTESTATIONSSUBMITTED_EVENT,
          TrainingRegistry.TASKDISPUTED_EVENT,
          TrainingRegistry.DISPUTERESOLVED_EVENT,
          TrainingRegistry.TASKFINALIZED_EVENT,
          TrainingRegistry.TASKSTALE_EVENT,
          TrainingRegistry.TASKREJECTED_EVENT,
          TrainingRegistry.TASKEXPIRED_EVENT,
          TrainingRegistry.ATTESTERREWARDSPAID_EVENT,
          RevenueRouter.REVENUEPAID_EVENT,
          UsageEscrow.DEPOSITED_EVENT,
          UsageEscrow.VOUCHERREDEEMED_EVENT,
          UsageEscrow.VOUCHERSKIPPED_EVENT);

  /** Topics of the model-token events the indexer keeps. */
  public static final List<String> TOKEN_TOPICS =
      topics(ModelToken.TRANSFER_EVENT, ModelToken.REVENUECLAIMED_EVENT);

  private static final Map<String, String> NAMES =
      Map.ofEntries(
          entry(TrainingRegistry.MODELREGISTERED_EVENT),
          entry(TrainingRegistry.TASKCREATED_EVENT),
          entry(TrainingRegistry.TASKCLAIMED_EVENT),
          entry(TrainingRegistry.TASKCOMMITTED_EVENT),
          entry(TrainingRegistry.SEEDDRAWN_EVENT),
          entry(TrainingRegistry.ATTESTATIONSSUBMITTED_EVENT),
          entry(TrainingRegistry.TASKDISPUTED_EVENT),
          entry(TrainingRegistry.DISPUTERESOLVED_EVENT),
          entry(TrainingRegistry.TASKFINALIZED_EVENT),
          entry(TrainingRegistry.TASKSTALE_EVENT),
          entry(TrainingRegistry.TASKREJECTED_EVENT),
          entry(TrainingRegistry.TASKEXPIRED_EVENT),
          entry(TrainingRegistry.ATTESTERREWARDSPAID_EVENT),
          entry(RevenueRouter.REVENUEPAID_EVENT),
          entry(UsageEscrow.DEPOSITED_EVENT),
          entry(UsageEscrow.VOUCHERREDEEMED_EVENT),
          entry(UsageEscrow.VOUCHERSKIPPED_EVENT),
          entry(ModelToken.TRANSFER_EVENT),
          entry(ModelToken.REVENUECLAIMED_EVENT));

  private EventDecoder() {}

  /** True if {@code log} is a {@code ModelRegistered} event (checked before the token pass). */
  public static Optional<String> registeredToken(Log log) {
    if (!"ModelRegistered".equals(name(log))) {
      return Optional.empty();
    }
    return Optional.of(lower(TrainingRegistry.getModelRegisteredEventFromLog(log).token));
  }

  /**
   * Decodes {@code log}; empty for an event the indexer does not keep.
   *
   * @param blockTime the timestamp of the log's block (used by task events), or -1 if unknown
   */
  public static Optional<IndexedEvent> decode(Log log, long blockTime) {
    String name = name(log);
    if (name == null) {
      return Optional.empty();
    }
    LogPosition at =
        new LogPosition(
            log.getBlockNumber().longValueExact(),
            log.getLogIndex().intValueExact(),
            lower(log.getTransactionHash()));
    String emitter = lower(log.getAddress());
    IndexedEvent event =
        switch (name) {
          case "ModelRegistered" -> {
            var e = TrainingRegistry.getModelRegisteredEventFromLog(log);
            yield new ModelRegistered(at, e.modelId, lower(e.token), lower(e.owner), e.symbol);
          }
          case "Transfer" -> {
            var e = ModelToken.getTransferEventFromLog(log);
            yield new TokenTransfer(at, emitter, lower(e.from), lower(e.to), e.value);
          }
          case "RevenueClaimed" -> {
            var e = ModelToken.getRevenueClaimedEventFromLog(log);
            yield new RevenueClaimed(at, emitter, lower(e.account), e.amount);
          }
          case "RevenuePaid" -> {
            var e = RevenueRouter.getRevenuePaidEventFromLog(log);
            yield new RevenuePaid(
                at,
                lower(e.token),
                lower(e.payer),
                e.amount,
                e.toHolders,
                e.toVerifiers,
                e.toTreasury);
          }
          case "Deposited" -> {
            var e = UsageEscrow.getDepositedEventFromLog(log);
            yield new Deposited(
                at, lower(e.user), lower(e.modelToken), lower(e.payer), e.amount, e.balance);
          }
          case "VoucherRedeemed" -> {
            var e = UsageEscrow.getVoucherRedeemedEventFromLog(log);
            yield new VoucherRedeemed(
                at, lower(e.user), lower(e.modelToken), e.cumulativeAmount, e.paid, e.redeemed);
          }
          case "VoucherSkipped" -> {
            var e = UsageEscrow.getVoucherSkippedEventFromLog(log);
            yield new VoucherSkipped(
                at,
                lower(e.user),
                lower(e.modelToken),
                e.cumulativeAmount,
                e.reason.intValueExact());
          }
          default -> TaskEvents.decode(name, log, at, blockTime);
        };
    return Optional.of(event);
  }

  /** Whether decoding {@code log} needs its block's timestamp (task events do). */
  public static boolean needsBlockTime(Log log) {
    String name = name(log);
    return name != null && TaskEvents.NAMES.contains(name);
  }

  private static String name(Log log) {
    List<String> topics = log.getTopics();
    return topics == null || topics.isEmpty() ? null : NAMES.get(lower(topics.get(0)));
  }

  static String lower(String hex) {
    return hex.toLowerCase(Locale.ROOT);
  }

  private static List<String> topics(Event... events) {
    return java.util.Arrays.stream(events).map(EventEncoder::encode).toList();
  }

  private static Map.Entry<String, String> entry(Event event) {
    return Map.entry(EventEncoder.encode(event), event.getName());
  }
}
