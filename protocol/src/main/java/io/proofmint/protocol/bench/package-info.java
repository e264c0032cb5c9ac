/** Throughput benchmarks with a main method each; numbers and commands are in protocol.md. */
package io.proofmint.protocol.bench;
