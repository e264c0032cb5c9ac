/**
 * The security suite auditors run: the threat model, invariant and adversarial suites, and the
 * report that maps each threat to the tests that cover it.
 */
package io.proofmint.audits;
