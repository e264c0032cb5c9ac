/**
 * The worker role: a deterministic ND4J training engine that records a proof-of-learning under a
 * declared reproducibility profile, and the daemon that stakes, claims tasks and commits proofs.
 */
package io.proofmint.worker;
