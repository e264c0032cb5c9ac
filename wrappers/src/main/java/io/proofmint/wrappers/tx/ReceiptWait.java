package io.proofmint.wrappers.tx;

import java.io.IOException;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * How {@link JournaledSender} waits for a broadcast transaction to be mined: {@link
 * TxSubmitter#await} on the shared receipt poller, or a caller's own polling loop. A wait that
 * gives up throws; the transaction then stays unresolved in the journal.
 */
@FunctionalInterface
public interface ReceiptWait {
  TransactionReceipt await(JournaledTx<?> tx) throws IOException;
}
