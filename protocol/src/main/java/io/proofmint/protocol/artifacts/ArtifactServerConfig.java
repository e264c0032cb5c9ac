package io.proofmint.protocol.artifacts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where an {@link ArtifactServer} listens and how many requests it serves at once.
 *
 * @param bindAddress the address to bind; loopback unless the store is meant to be public
 * @param port the TCP port, {@code 0} for a free one
 * @param threads the size of the fixed request thread pool
 */
public record ArtifactServerConfig(InetAddress bindAddress, int port, int threads) {

  public static final int DEFAULT_THREADS = 4;

  /** {@code 127.0.0.1}. */
  public static final InetAddress LOOPBACK = ipv4Loopback();

  public ArtifactServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: expected 0 .. 65535, got " + port);
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads: expected 1 .. 256, got " + threads);
    }
  }

  /** {@code 127.0.0.1}, a free port, {@value #DEFAULT_THREADS} threads. */
  public static ArtifactServerConfig loopback() {
    return new ArtifactServerConfig(LOOPBACK, 0, DEFAULT_THREADS);
  }

  public ArtifactServerConfig withPort(int newPort) {
    return new ArtifactServerConfig(bindAddress, newPort, threads);
  }

  public ArtifactServerConfig withBindAddress(InetAddress address) {
    return new ArtifactServerConfig(address, port, threads);
  }

  public ArtifactServerConfig withThreads(int count) {
    return new ArtifactServerConfig(bindAddress, port, count);
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are a valid IPv4 address", e);
    }
  }
}
