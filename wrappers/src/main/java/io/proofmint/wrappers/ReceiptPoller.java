package io.proofmint.wrappers;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Waits for transaction receipts with one background thread that asks for every pending receipt in
 * JSON-RPC batches. It polls again at once while receipts keep arriving and backs off exponentially
 * (to {@link #MAX_INTERVAL}) while none do; a new wait wakes it immediately. This replaces web3j's
 * default of one sleeping thread per transaction polling every 15 seconds.
 */
public final class ReceiptPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiptPoller.class);

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  static final Duration MIN_INTERVAL = Duration.ofNanos(250_000);
  static final Duration MAX_INTERVAL = Duration.ofMillis(250);
  private static final int BATCH_SIZE = 250;

  private record Waiter(CompletableFuture<TransactionReceipt> future, Instant deadline) {}

  private final Web3j web3j;
  private final Clock clock;
  private final Duration timeout;
  private final Map<String, Waiter> pending = new ConcurrentHashMap<>();
  private final Semaphore wakeup = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closed;

  public ReceiptPoller(Web3j web3j, Clock clock, Duration timeout) {
    this.web3j = web3j;
    this.clock = clock;
    this.timeout = timeout;
    this.thread = Thread.ofPlatform().daemon().name("receipt-poller").start(this::run);
  }

  /** Completes with the receipt once the transaction is mined, or fails after the timeout. */
  public CompletableFuture<TransactionReceipt> await(String txHash) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("receipt poller closed"));
    }
    Waiter waiter =
        pending.computeIfAbsent(
            txHash.toLowerCase(java.util.Locale.ROOT),
            h -> new Waiter(new CompletableFuture<>(), clock.instant().plus(timeout)));
    wakeup.release();
    return waiter.future().copy();
  }

  /** All receipts of {@code txHashes}, in the same order. */
  public CompletableFuture<List<TransactionReceipt>> awaitAll(Collection<String> txHashes) {
    List<CompletableFuture<TransactionReceipt>> futures =
        txHashes.stream().map(this::await).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> futures.stream().map(CompletableFuture::join).toList());
  }

  private void run() {
    long intervalNanos = MIN_INTERVAL.toNanos();
    while (!closed) {
      try {
        if (pending.isEmpty()) {
          wakeup.tryAcquire(1, TimeUnit.SECONDS);
          intervalNanos = MIN_INTERVAL.toNanos();
          continue;
        }
        int found = pollOnce();
        expireOverdue();
        intervalNanos =
            found > 0
                ? MIN_INTERVAL.toNanos()
                : Math.min(intervalNanos * 2, MAX_INTERVAL.toNanos());
        wakeup.drainPermits();
        if (wakeup.tryAcquire(intervalNanos, TimeUnit.NANOSECONDS)) {
          intervalNanos = MIN_INTERVAL.toNanos();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("receipt poll failed, retrying: {}", e.toString());
      }
    }
  }

  private int pollOnce() {
    List<String> hashes = new ArrayList<>(pending.keySet());
    int found = 0;
    for (int from = 0; from < hashes.size(); from += BATCH_SIZE) {
      List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + BATCH_SIZE));
      BatchRequest batch = web3j.newBatch();
      chunk.forEach(h -> batch.add(web3j.ethGetTransactionReceipt(h)));
      BatchResponse response;
      try {
        response = batch.send();
      } catch (IOException e) {
        LOG.warn("receipt batch of {} failed, retrying: {}", chunk.size(), e.getMessage());
        return found;
      }
      for (Response<?> r : response.getResponses()) {
        if (r instanceof EthGetTransactionReceipt receipt
            && receipt.getTransactionReceipt().isPresent()) {
          TransactionReceipt tr = receipt.getTransactionReceipt().get();
          Waiter waiter =
              pending.remove(tr.getTransactionHash().toLowerCase(java.util.Locale.ROOT));
          if (waiter != null) {
            waiter.future().complete(tr);
            found++;
          }
        }
      }
    }
    return found;
  }

  private void expireOverdue() {
    Instant now = clock.instant();
    pending.forEach(
        (hash, waiter) -> {
          if (now.isAfter(waiter.deadline()) && pending.remove(hash, waiter)) {
            waiter
                .future()
                .completeExceptionally(
                    new TransactionException(
                        "transaction "
                            + hash
                            + " has no receipt after "
                            + timeout.toSeconds()
                            + " s",
                        hash));
          }
        });
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    pending.forEach(
        (hash, waiter) ->
            waiter
                .future()
                .completeExceptionally(
                    new IllegalStateException("receipt poller closed while waiting for " + hash)));
    pending.clear();
  }
}
