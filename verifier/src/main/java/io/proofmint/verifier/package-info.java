/**
 * The verifier role: replays sampled segments of committed proofs with the worker's own engine,
 * signs EIP-712 attestations and raises disputes.
 */
package io.proofmint.verifier;
