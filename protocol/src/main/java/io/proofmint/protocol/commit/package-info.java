/**
 * Segment leaves, the positional Merkle tree and the segment commitment (protocol.md sections 1, 2,
 * 4).
 */
package io.proofmint.protocol.commit;
