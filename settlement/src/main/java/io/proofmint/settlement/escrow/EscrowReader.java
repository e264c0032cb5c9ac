package io.proofmint.settlement.escrow;

import io.proofmint.wrappers.ChainAccessException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** Reads channels of one UsageEscrow with {@code eth_call}, many in one JSON-RPC batch. */
public final class EscrowReader implements ChannelReader {

  private static final int BATCH = 200;

  private final Web3j web3j;
  private final String escrow;

  public EscrowReader(Web3j web3j, String escrow) {
    this.web3j = web3j;
    this.escrow = escrow;
  }

  @Override
  public ChannelState channel(ChannelKey key) throws IOException {
    return channels(List.of(key)).get(key);
  }

  /** The state of every channel in {@code keys}, read at the latest block. */
  public Map<ChannelKey, ChannelState> channels(List<ChannelKey> keys) throws IOException {
    Map<ChannelKey, ChannelState> out = new LinkedHashMap<>();
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<ChannelKey> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH));
      BatchRequest batch = web3j.newBatch();
      for (ChannelKey key : chunk) {
        batch.add(
            web3j.ethCall(
                Transaction.createEthCallTransaction(null, escrow, encode(key)),
                DefaultBlockParameterName.LATEST));
      }
      List<? extends Response<?>> responses = batch.send().getResponses();
      List<ChannelState> states = new ArrayList<>(chunk.size());
      for (Response<?> r : responses) {
        states.add(decode((EthCall) r));
      }
      for (int i = 0; i < chunk.size(); i++) {
        out.put(chunk.get(i), states.get(i));
      }
    }
    return out;
  }

  private static String encode(ChannelKey key) {
    return FunctionEncoder.encode(
        new Function(
            "channel",
            List.of(new Address(key.user().toHex()), new Address(key.modelToken().toHex())),
            List.of()));
  }

  @SuppressWarnings("rawtypes")
  private static ChannelState decode(EthCall call) throws ChainAccessException {
    if (call.hasError() || call.isReverted()) {
      String why = call.hasError() ? call.getError().getMessage() : call.getRevertReason();
      throw new ChainAccessException("UsageEscrow.channel call failed: " + why);
    }
    List<Type> values =
        FunctionReturnDecoder.decode(
            call.getValue(),
            org.web3j.abi.Utils.convert(
                List.<TypeReference<?>>of(
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint64>() {})));
    if (values.size() != 4) {
      throw new ChainAccessException(
          "UsageEscrow.channel: expected 4 return values, got " + values.size());
    }
    return new ChannelState(
        (BigInteger) values.get(0).getValue(),
        (BigInteger) values.get(1).getValue(),
        (BigInteger) values.get(2).getValue(),
        ((BigInteger) values.get(3).getValue()).longValueExact());
  }
}
