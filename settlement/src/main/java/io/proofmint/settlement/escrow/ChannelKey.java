package io.proofmint.settlement.escrow;

import io.proofmint.protocol.crypto.Address;

/** A channel of the escrow: one user paying for one model. */
public record ChannelKey(Address user, Address modelToken) {

  /** The keeper's name for this channel in its intent journal. */
  public String subject() {
    return "channel:" + user.toHex() + ":" + modelToken.toHex();
  }
}
