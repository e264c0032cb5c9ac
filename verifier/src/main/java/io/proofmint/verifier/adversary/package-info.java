/**
 * Dishonest trainers, for calibration, benchmarks and the adversarial tests: each writes a proof
 * bundle that validates (hashes, chaining, root) but whose segments do not replay. Never used by
 * the verifier's own decisions.
 */
package io.proofmint.verifier.adversary;
