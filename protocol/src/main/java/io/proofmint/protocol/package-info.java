/**
 * The Proofmint protocol in pure Java: the proof-of-learning format, Merkle commitments, the
 * checkpoint codec and hash, challenge sampling and the EIP-712 messages. Nothing here touches a
 * chain or ND4J, so an independent verifier can be checked against it byte for byte.
 */
package io.proofmint.protocol;
