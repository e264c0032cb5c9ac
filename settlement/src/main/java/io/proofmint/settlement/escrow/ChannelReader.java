package io.proofmint.settlement.escrow;

import java.io.IOException;

/** Reads the state of an escrow channel. */
@FunctionalInterface
public interface ChannelReader {
  ChannelState channel(ChannelKey key) throws IOException;
}
