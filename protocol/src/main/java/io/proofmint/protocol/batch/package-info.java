/** Derived batches: task seed, example indices and batch hashes (protocol.md section 9). */
package io.proofmint.protocol.batch;
