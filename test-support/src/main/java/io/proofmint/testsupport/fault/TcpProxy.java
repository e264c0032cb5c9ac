package io.proofmint.testsupport.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP forwarder in front of a node, for tests that take the node away: {@link #stop()}
 * makes it unreachable (every connection closed, the port no longer listening), {@link #start()}
 * brings it back on the same port, and an {@linkplain #arm armed} {@link RequestTrigger} does
 * either at the exact HTTP request a test names (say, the one that sends a given transaction).
 */
public final class TcpProxy implements AutoCloseable {

  /** Requests are told apart by their request line (JSON-RPC is POST); longer text is cut. */
  private static final int MAX_REQUEST_CHARS = 1 << 20;

  /** One client connection and its connection to the node. */
  private static final class Link {
    final Socket client;
    final Socket upstream;

    /** What happens to the next answer of the node: null forwards it. */
    volatile RequestTrigger.Effect onResponse;

    /** Set before the sockets close: nothing more is forwarded, in either direction. */
    volatile boolean cut;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }
  }

  /** One listening period, from a start to the next stop. */
  private static final class Listener {
    final ServerSocket socket;
    volatile boolean stopped;

    Listener(ServerSocket socket) {
      this.socket = socket;
    }
  }

  private final int upstreamPort;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicReference<RequestTrigger> armed = new AtomicReference<>();
  private volatile RequestTrigger tripped;
  private Listener listener;
  private int port;

  public TcpProxy(int upstreamPort) {
    this.upstreamPort = upstreamPort;
  }

  /** Listens (on a free port the first time, on the same port afterwards). */
  public synchronized TcpProxy start() throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    port = s.getLocalPort();
    Listener l = new Listener(s);
    listener = l;
    Thread.ofPlatform().daemon().name("proxy-accept-" + port).start(() -> accept(l));
    return this;
  }

  /**
   * Closes the listening port and every connection: the node behind is unreachable. Every
   * connection stops forwarding before the first one closes, and a connection the operating system
   * still completes while the port closes is dropped, so a client that retries the moment it sees
   * its connection close does not get through either.
   */
  public synchronized void stop() {
    if (listener != null) {
      listener.stopped = true;
      try {
        listener.socket.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      listener = null;
    }
    links.forEach(link -> link.cut = true);
    links.forEach(this::close);
  }

  public int port() {
    return port;
  }

  /** The node's HTTP URL through this proxy. */
  public URI url() {
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
  }

  /** Arms {@code trigger} (replacing one not yet tripped); it trips once, on the next match. */
  public void arm(RequestTrigger trigger) {
    armed.set(trigger);
  }

  /** Whether {@code trigger} has tripped. */
  public boolean hasTripped(RequestTrigger trigger) {
    return tripped == trigger;
  }

  private void accept(Listener l) {
    while (!l.stopped) {
      try {
        Socket client = l.socket.accept();
        if (l.stopped) {
          // A blocked accept can still return a connection after close() (the kernel keeps the
          // listening socket alive until the blocked call returns): the node is gone for it too.
          closeQuietly(client);
          return;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        Link link = new Link(client, upstream);
        links.add(link);
        if (l.stopped) { // stop() ran between the check above and the add: it missed this link
          close(link);
          return;
        }
        Thread.ofPlatform().daemon().start(() -> forwardRequests(link));
        Thread.ofPlatform().daemon().start(() -> forwardResponses(link));
      } catch (IOException e) {
        return; // closed by stop()
      }
    }
  }

  private void forwardRequests(Link link) {
    StringBuilder request = new StringBuilder();
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = link.client.getInputStream();
        OutputStream out = link.upstream.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        append(request, new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        RequestTrigger trigger = armed.get();
        if (trigger != null && trigger.matches(request) && armed.compareAndSet(trigger, null)) {
          trigger.action().run();
          tripped = trigger;
          switch (trigger.effect()) {
            case REFUSE -> {
              stop();
              return;
            }
            case DROP_RESPONSE, RESET_CONNECTION -> link.onResponse = trigger.effect();
            case FORWARD -> {}
          }
        }
        if (link.cut) {
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      close(link);
    }
  }

  private void forwardResponses(Link link) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = link.upstream.getInputStream();
        OutputStream out = link.client.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        // The node has answered, so it handled the request; the client never learns how.
        if (link.onResponse == RequestTrigger.Effect.DROP_RESPONSE) {
          stop();
          return;
        }
        if (link.onResponse == RequestTrigger.Effect.RESET_CONNECTION) {
          link.client.setSoLinger(true, 0); // a reset, not an orderly close
          return;
        }
        if (link.cut) {
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      close(link);
    }
  }

  /** Appends a chunk, keeping only the current request (from its request line on). */
  private static void append(StringBuilder request, String chunk) {
    request.append(chunk.toLowerCase(Locale.ROOT));
    int start = request.lastIndexOf("post ");
    if (start > 0) {
      request.delete(0, start);
    }
    if (request.length() > MAX_REQUEST_CHARS) {
      request.delete(0, request.length() - MAX_REQUEST_CHARS);
    }
  }

  private void close(Link link) {
    link.cut = true;
    closeQuietly(link.client);
    closeQuietly(link.upstream);
    links.remove(link);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    stop();
  }
}
