package io.proofmint.settlement.keeper;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * What became of one planned transaction.
 *
 * @param receipt the receipt when it was mined, else null
 * @param reason why it was not sent or failed, else empty
 */
public record Dispatch(Result result, TransactionReceipt receipt, String reason) {

  public enum Result {
    /** Mined and succeeded. */
    MINED,
    /** Mined and reverted. */
    FAILED,
    /** The simulation reverted: the chain no longer needs it (or never did). Nothing was sent. */
    NOT_NEEDED,
    /** The node refused the signed transaction. */
    REFUSED
  }

  public boolean succeeded() {
    return result == Result.MINED;
  }

  public long gasUsed() {
    return receipt == null ? 0 : receipt.getGasUsed().longValueExact();
  }
}
