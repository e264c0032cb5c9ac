package io.proofmint.wrappers.tx;

import io.proofmint.wrappers.tx.TxSubmitter.Estimate;
import io.proofmint.wrappers.tx.TxSubmitter.Signed;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What {@link JournaledSender} asks of a node, for one account: {@link TxSubmitter} over JSON-RPC,
 * a fake in tests. Every method may throw {@link IOException} when the node cannot be asked.
 */
public interface TxNode {

  /** The sending account, lower-case. */
  String address();

  /** Simulates the call: its gas, or why it would revert. */
  Estimate estimate(String to, String data) throws IOException;

  /** Signs the call with the account's next nonce; nothing is sent. */
  Signed sign(String to, String data, BigInteger gas) throws IOException;

  /** Sends a signed transaction: the node's reason if it refused it, else empty. */
  Optional<String> broadcast(Signed tx) throws IOException;

  /** The receipt, once the transaction is mined. */
  Optional<TransactionReceipt> receipt(String txHash) throws IOException;

  /** True if the node has the transaction, in its pool or mined. */
  boolean known(String txHash) throws IOException;
}
