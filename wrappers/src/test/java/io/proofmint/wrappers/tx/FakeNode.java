package io.proofmint.wrappers.tx;

import io.proofmint.wrappers.tx.TxSubmitter.Estimate;
import io.proofmint.wrappers.tx.TxSubmitter.Signed;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A node for one account: a pool, mined receipts, the account's nonce, and faults to inject. */
final class FakeNode implements TxNode {

  final Map<String, Signed> pool = new LinkedHashMap<>();
  final Map<String, TransactionReceipt> mined = new HashMap<>();
  final List<String> broadcasts = new ArrayList<>();
  long nextNonce = 5;
  String revertsWith;
  String refusesWith;
  boolean reverting;
  int signed;

  @Override
  public String address() {
    return "0xsender";
  }

  @Override
  public Estimate estimate(String to, String data) {
    return revertsWith != null
        ? new Estimate.Reverts(revertsWith)
        : new Estimate.Gas(BigInteger.valueOf(50_000));
  }

  @Override
  public Signed sign(String to, String data, BigInteger gas) {
    signed++;
    long nonce = nextNonce;
    return new Signed("0x" + to + data + "-" + nonce, nonce, "0xraw:" + to + data + ":" + nonce);
  }

  @Override
  public Optional<String> broadcast(Signed tx) {
    broadcasts.add(tx.raw());
    if (refusesWith != null) {
      return Optional.of(refusesWith);
    }
    pool.put(tx.hash(), tx);
    return Optional.empty();
  }

  @Override
  public Optional<TransactionReceipt> receipt(String txHash) {
    return Optional.ofNullable(mined.get(txHash));
  }

  @Override
  public boolean known(String txHash) {
    return pool.containsKey(txHash) || mined.containsKey(txHash);
  }

  /** Mines everything in the pool, spending its nonces. */
  void mine() {
    for (Signed tx : pool.values()) {
      TransactionReceipt r = new TransactionReceipt();
      r.setTransactionHash(tx.hash());
      r.setStatus(reverting ? "0x0" : "0x1");
      r.setBlockNumber("0x10");
      r.setGasUsed("0x5208");
      mined.put(tx.hash(), r);
      nextNonce = Math.max(nextNonce, tx.nonce() + 1);
    }
    pool.clear();
  }

  /** The pool forgets its transactions (a restarted node, an evicted transaction). */
  void dropPool() {
    pool.clear();
  }

  /** Waits by mining: a chain that mines whatever it holds when asked. */
  TransactionReceipt mineAndAwait(JournaledTx<?> tx) throws IOException {
    mine();
    TransactionReceipt r = mined.get(tx.hash());
    if (r == null) {
      throw new IOException("no receipt for " + tx.hash());
    }
    return r;
  }
}
