/**
 * The artifact store and its HTTP transport (protocol.md section 12): immutable blobs addressed by
 * their hash, a local directory store, a server and a verifying fetcher, the on-chain artifact
 * locator, and the publishing and partial fetching of proof bundles.
 */
package io.proofmint.protocol.artifacts;
