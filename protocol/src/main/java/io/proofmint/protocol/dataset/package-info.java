/** Dataset shards, the dataset commitment and its manifest (protocol.md section 8). */
package io.proofmint.protocol.dataset;
