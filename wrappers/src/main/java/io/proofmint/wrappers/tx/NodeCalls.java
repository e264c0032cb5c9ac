package io.proofmint.wrappers.tx;

import java.io.IOException;

/**
 * How {@link JournaledSender} makes each node call, so a caller can turn a failure into its own
 * message: before anything was sent (nothing left) or about a journaled transaction (it may have
 * landed). {@link #direct()} makes the calls as they are.
 */
public interface NodeCalls<M> {

  /** One call to the node. */
  @FunctionalInterface
  interface NodeCall<T> {
    T call() throws IOException;
  }

  /** A call made before the transaction was journaled: a failure sent nothing. */
  <T> T beforeSending(String doing, NodeCall<T> call) throws IOException;

  /** A call about {@code tx}, which may have reached the node: "{@code doing} transaction". */
  <T> T afterSending(JournaledTx<M> tx, String doing, NodeCall<T> call) throws IOException;

  static <M> NodeCalls<M> direct() {
    return new NodeCalls<>() {
      @Override
      public <T> T beforeSending(String doing, NodeCall<T> call) throws IOException {
        return call.call();
      }

      @Override
      public <T> T afterSending(JournaledTx<M> tx, String doing, NodeCall<T> call)
          throws IOException {
        return call.call();
      }
    };
  }
}
