/**
 * Atomic files, strict JSON, little-endian readers and the I/O exceptions of the protocol formats.
 */
package io.proofmint.protocol.io;
