/** Challenge seed, sampled segments and detection probability (protocol.md section 5). */
package io.proofmint.protocol.sampling;
