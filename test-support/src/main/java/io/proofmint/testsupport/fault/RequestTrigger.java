package io.proofmint.testsupport.fault;

import java.util.List;
import java.util.Locale;

/**
 * Picks one HTTP request going through a {@link TcpProxy} and says what happens to it: the first
 * request whose text (request line, headers and body, compared case-insensitively) contains every
 * marker trips the trigger, which runs its action and then applies its effect.
 *
 * <p>A marker is plain text, for example a JSON-RPC method name and the hex selector of a contract
 * function: {@code RequestTrigger.dropResponse("eth_sendRawTransaction", "a1b2c3d4")} lets the
 * transaction that calls that function reach the node and cuts the connection before its answer.
 */
public record RequestTrigger(List<String> markers, Effect effect, Runnable action) {

  /** What happens to the request that trips the trigger. */
  public enum Effect {
    /** The request goes through unchanged; only the action runs first. */
    FORWARD,
    /** The request never reaches the node, and the proxy stops: the node is unreachable. */
    REFUSE,
    /** The node receives and answers the request; the answer is dropped and the proxy stops. */
    DROP_RESPONSE,
    /**
     * The node receives and answers the request; the answer is lost with that one connection (as
     * when a load balancer resets it), but the node stays reachable for the next connection.
     */
    RESET_CONNECTION
  }

  private static final Runnable NOTHING = () -> {};

  public RequestTrigger {
    if (markers.isEmpty() || markers.stream().anyMatch(m -> m == null || m.isEmpty())) {
      throw new IllegalArgumentException(
          "request trigger: expected at least one non-empty marker, got " + markers);
    }
    markers = markers.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
  }

  /** The matching request does not reach the node, which becomes unreachable. */
  public static RequestTrigger refuse(String... markers) {
    return new RequestTrigger(List.of(markers), Effect.REFUSE, NOTHING);
  }

  /** The node handles the matching request, but its answer is lost and it becomes unreachable. */
  public static RequestTrigger dropResponse(String... markers) {
    return new RequestTrigger(List.of(markers), Effect.DROP_RESPONSE, NOTHING);
  }

  /** The node handles the matching request, but its answer is lost with its connection only. */
  public static RequestTrigger resetConnection(String... markers) {
    return new RequestTrigger(List.of(markers), Effect.RESET_CONNECTION, NOTHING);
  }

  /** The matching request goes through after {@code action} ran (to act at that exact moment). */
  public static RequestTrigger observe(Runnable action, String... markers) {
    return new RequestTrigger(List.of(markers), Effect.FORWARD, action);
  }

  /** The same trigger, running {@code first} when it trips, before its effect. */
  public RequestTrigger withAction(Runnable first) {
    return new RequestTrigger(markers, effect, first);
  }

  /** Whether {@code lowerCaseRequest} (already lower case) holds every marker. */
  boolean matches(CharSequence lowerCaseRequest) {
    String text = lowerCaseRequest.toString();
    return markers.stream().allMatch(text::contains);
  }
}
