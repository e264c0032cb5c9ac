package io.proofmint.verifier.daemon;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** This verifier's signed verdicts by task, as its HTTP endpoint serves them. Thread-safe. */
public final class AttestationBook {

  private final Map<BigInteger, OwnVerdict> byTask = new ConcurrentHashMap<>();

  public void put(OwnVerdict verdict) {
    byTask.put(verdict.taskId(), verdict);
  }

  public Optional<OwnVerdict> get(BigInteger taskId) {
    return Optional.ofNullable(byTask.get(taskId));
  }

  public void remove(BigInteger taskId) {
    byTask.remove(taskId);
  }
}
