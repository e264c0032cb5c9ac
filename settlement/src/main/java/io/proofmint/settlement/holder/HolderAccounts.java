package io.proofmint.settlement.holder;

import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.suite.Suite;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A holder's model tokens and revenue: balances and claimable revenue of every registered model,
 * and claims. A claim is O(1) on chain whatever the number of holders, and transfers move no
 * revenue (ModelToken's accumulator), so what {@link #positions} shows is exactly what a claim
 * pays.
 */
public final class HolderAccounts {

  private final Suite suite;

  /**
   * @param suite the suite as seen by the holder (claims are sent from its account)
   */
  public HolderAccounts(Suite suite) {
    this.suite = suite;
  }

  /** Every registered model's token with {@code account}'s balance and claimable revenue. */
  public List<HolderPosition> positions(String account) throws IOException {
    BigInteger count = call(() -> suite.registry().modelCount().send(), "modelCount");
    List<HolderPosition> out = new ArrayList<>();
    for (BigInteger id = BigInteger.ONE; id.compareTo(count) <= 0; id = id.add(BigInteger.ONE)) {
      BigInteger modelId = id;
      String token = call(() -> suite.registry().getModel(modelId).send().token, "getModel");
      out.add(position(modelId, token, account));
    }
    return out;
  }

  /** The position of {@code account} in one model token. */
  public HolderPosition position(BigInteger modelId, String token, String account)
      throws IOException {
    ModelToken t = suite.modelToken(token);
    return new HolderPosition(
        modelId,
        token.toLowerCase(Locale.ROOT),
        call(() -> t.symbol().send(), "symbol"),
        call(() -> t.balanceOf(account).send(), "balanceOf"),
        call(() -> t.claimable(account).send(), "claimable"));
  }

  /** Claims the holder's revenue in {@code token}; sends nothing when there is none. */
  public ClaimOutcome claim(String token) throws IOException {
    ModelToken t = suite.modelToken(token);
    String symbol = call(() -> t.symbol().send(), "symbol");
    BigInteger claimable =
        call(() -> t.claimable(suite.account().getAddress()).send(), "claimable");
    if (claimable.signum() == 0) {
      return ClaimOutcome.skipped(token, symbol);
    }
    TransactionReceipt receipt = call(() -> t.claim().send(), "claim");
    if (!receipt.isStatusOK()) {
      throw new ChainAccessException(
          "claim of " + symbol + " reverted in transaction " + receipt.getTransactionHash());
    }
    BigInteger paid =
        ModelToken.getRevenueClaimedEvents(receipt).stream()
            .map(e -> e.amount)
            .reduce(BigInteger.ZERO, BigInteger::add);
    return new ClaimOutcome(
        token, symbol, paid, receipt.getTransactionHash(), receipt.getGasUsed().longValueExact());
  }

  @FunctionalInterface
  private interface ChainCall<T> {
    T run() throws Exception;
  }

  private static <T> T call(ChainCall<T> call, String what) throws IOException {
    try {
      return call.run();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ChainAccessException(what + " failed: " + e.getMessage(), e);
    }
  }
}
