/**
 * The proof bundle on disk: crash-safe, resumable writer and validating reader (protocol.md section
 * 10).
 */
package io.proofmint.protocol.bundle;
