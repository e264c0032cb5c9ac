package io.proofmint.cli.usage;

import io.proofmint.cli.Amounts;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.ChannelState;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.wrappers.generated.MockERC20;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * One user's channel for one model token as the chain shows it, with the payment asset's terms and
 * the user's balance and allowance of it. Amounts in base units; {@link #amount} shows token units.
 *
 * @param asset the model's payment asset (empty fields when the model token is not registered)
 * @param chainTime the latest block's timestamp, the clock the escrow's withdraw check uses
 */
record ChannelView(
    long chainId,
    Address escrow,
    Address model,
    Address user,
    boolean registered,
    String asset,
    String symbol,
    int decimals,
    ChannelState channel,
    Duration withdrawDelay,
    BigInteger walletBalance,
    BigInteger allowance,
    BigInteger gasBalance,
    Instant chainTime) {

  /** Reads the view of {@code user}'s channel for {@code model}. */
  static ChannelView read(Suite suite, String model, String user) throws Exception {
    var web3j = suite.chain().web3j();
    String escrow = suite.address(SuiteRoles.USAGE_ESCROW);
    var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
    if (block.getBlock() == null) {
      throw new IOException("RPC " + suite.chain().rpcUrl() + " returned no latest block");
    }
    Instant chainTime = Instant.ofEpochSecond(block.getBlock().getTimestamp().longValueExact());
    BigInteger gas =
        web3j.ethGetBalance(user, DefaultBlockParameterName.LATEST).send().getBalance();
    ChannelState state =
        new EscrowReader(web3j, escrow)
            .channel(new ChannelKey(Address.fromHex(user), Address.fromHex(model)));
    Duration delay =
        Duration.ofSeconds(suite.usageEscrow().withdrawDelay().send().longValueExact());
    boolean registered = Boolean.TRUE.equals(suite.revenueRouter().isModelToken(model).send());
    if (!registered) {
      return new ChannelView(
          suite.chain().chainId(),
          Address.fromHex(escrow),
          Address.fromHex(model),
          Address.fromHex(user),
          false,
          "",
          "",
          0,
          state,
          delay,
          BigInteger.ZERO,
          BigInteger.ZERO,
          gas,
          chainTime);
    }
    String asset = suite.revenueRouter().paymentAssetOf(model).send();
    MockERC20 token = paymentAsset(suite, asset);
    return new ChannelView(
        suite.chain().chainId(),
        Address.fromHex(escrow),
        Address.fromHex(model),
        Address.fromHex(user),
        true,
        asset,
        token.symbol().send(),
        token.decimals().send().intValueExact(),
        state,
        delay,
        token.balanceOf(user).send(),
        token.allowance(user, escrow).send(),
        gas,
        chainTime);
  }

  /** The payment asset as an ERC-20, sending as the suite's account. */
  static MockERC20 paymentAsset(Suite suite, String asset) {
    return MockERC20.load(asset, suite.chain().web3j(), suite.sender(), suite.gas());
  }

  /** The refusal for a model token the RevenueRouter does not know, else empty. */
  Optional<String> refuseUnknownModel() {
    if (registered) {
      return Optional.empty();
    }
    return Optional.of(
        "model token "
            + model.toChecksumHex()
            + " is not registered with the RevenueRouter of this deployment (chain "
            + chainId
            + "); expected the token of a registered model");
  }

  /** The refusal for a user without ether for gas, else empty. */
  Optional<String> refuseWithoutGas() {
    if (gasBalance.signum() == 0) {
      return Optional.of(
          "account "
              + user.toChecksumHex()
              + " holds no ether to pay gas on chain "
              + chainId
              + "; send it some first");
    }
    return Optional.empty();
  }

  /** True when a withdrawal was requested (`usage close`) and not yet withdrawn. */
  boolean closing() {
    return channel.unlockAt() != 0;
  }

  Instant unlockAt() {
    return Instant.ofEpochSecond(channel.unlockAt());
  }

  boolean withdrawableNow() {
    return closing() && !chainTime.isBefore(unlockAt());
  }

  /** What the server may still be owed beyond the chain's redeemed total, per the local state. */
  BigInteger unredeemed(VoucherState local) {
    return local.signed().subtract(channel.redeemed()).max(BigInteger.ZERO);
  }

  /** What further calls can spend: balance not asked back, minus what signed vouchers may claim. */
  BigInteger remaining(VoucherState local) {
    return channel.spendable().subtract(unredeemed(local)).max(BigInteger.ZERO);
  }

  /** {@code baseUnits} in token units with the symbol: "1.5 mUSD". */
  String amount(BigInteger baseUnits) {
    return Amounts.format(baseUnits, decimals) + " " + symbol;
  }
}
