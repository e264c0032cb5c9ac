package io.proofmint.devnet;

import io.proofmint.wrappers.ChainConnection;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * The test-node methods of anvil (also answered by Hardhat): mine a block, switch automatic mining,
 * move the clock, take and restore snapshots. Only for devnets; a production node answers "method
 * not found", which this class reports as an {@link IOException} naming the method.
 */
public final class DevnetControl {

  /** A JSON-RPC answer whose result may be any JSON value. */
  public static final class AnyResponse extends Response<Object> {}

  private final ChainConnection chain;
  private final HttpService service;

  public DevnetControl(ChainConnection chain) {
    this.chain = chain;
    this.service = new HttpService(chain.rpcUrl().toString());
  }

  /** Mines one block now. */
  public void mine() throws IOException {
    call("evm_mine", List.of());
  }

  /**
   * Turns mining a block for every transaction on or off; while off, transactions wait in the
   * node's pool until {@link #mine()}.
   */
  public void setAutomine(boolean enabled) throws IOException {
    call("evm_setAutomine", List.of(enabled));
  }

  /** Moves the chain's clock forward by {@code seconds} and mines a block with the new time. */
  public void advanceTime(long seconds) throws IOException {
    if (seconds < 0) {
      throw new IllegalArgumentException("advance time: expected >= 0 seconds, got " + seconds);
    }
    call("evm_increaseTime", List.of(seconds));
    mine();
  }

  /** Takes a snapshot of the whole chain state; {@link #revert} returns to it. */
  public BigInteger snapshot() throws IOException {
    Object id = call("evm_snapshot", List.of());
    return new BigInteger(String.valueOf(id).replaceFirst("^0x", ""), 16);
  }

  /**
   * Returns the chain to {@code snapshot} (which is then used up). The senders of the connection
   * this control was made from read their nonces from the node again before their next transaction;
   * senders of other connections to the node still count from before the revert.
   */
  public void revert(BigInteger snapshot) throws IOException {
    Object ok = call("evm_revert", List.of("0x" + snapshot.toString(16)));
    if (!Boolean.TRUE.equals(ok)) {
      throw new IOException("evm_revert to snapshot " + snapshot + " was refused by the node");
    }
    chain.stateRewound();
  }

  private Object call(String method, List<?> params) throws IOException {
    AnyResponse response = new Request<>(method, params, service, AnyResponse.class).send();
    if (response.hasError()) {
      throw new IOException(
          method + " failed: " + response.getError().getMessage() + " (is this a devnet node?)");
    }
    return response.getResult();
  }
}
