package io.proofmint.protocol.artifacts;

/**
 * What an {@link ArtifactServer} has done since it started (the protocol module has no logger, so
 * the server reports counts instead).
 *
 * @param requests every request received
 * @param artifactsServed {@code 200} responses to artifact {@code GET}s and {@code HEAD}s
 * @param bytesServed artifact bytes sent in {@code GET} bodies
 * @param notFound {@code 404}s: artifacts the store does not hold, and unknown paths
 * @param badRequests {@code 400}s (malformed artifact paths) and {@code 405}s (other methods)
 * @param failures requests that failed with an exception (a {@code 500} or a broken connection)
 */
public record ArtifactServerStats(
    long requests,
    long artifactsServed,
    long bytesServed,
    long notFound,
    long badRequests,
    long failures) {}
