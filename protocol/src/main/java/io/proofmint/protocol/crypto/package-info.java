/** Keccak-256, 32-byte hashes, addresses and ABI words: the primitives of every commitment. */
package io.proofmint.protocol.crypto;
