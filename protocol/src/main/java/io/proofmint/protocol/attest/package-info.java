/**
 * EIP-712 domain and attestation digests (protocol.md section 6); signing happens where the keys
 * are.
 */
package io.proofmint.protocol.attest;
