package io.proofmint.wrappers.chain;

/** What the roles read of a block: where it sits in the chain and its time. */
public record BlockHeader(long number, String hash, String parentHash, long timestamp) {}
