/**
 * Canonical checkpoint encoding, chunked checkpoint hash and checkpoint files (protocol.md section
 * 7).
 */
package io.proofmint.protocol.checkpoint;
