package io.proofmint.cli.owner;

import io.proofmint.cli.Amounts;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.suite.Suite;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Creates a training task on a model: the one path `proofmint task create` and the demo take.
 * {@link #create} checks what would make the registry revert before anything is sent: the model
 * exists and belongs to the sender, the steps are a multiple of its segment length, the duration is
 * in bounds, and reward plus fee fit the token's headroom (docs/contracts.md, "Supply
 * reservation").
 */
public final class TaskCreation {

  /** The task's terms; amounts in model-token base units. */
  public record Terms(
      BigInteger modelId,
      long steps,
      BigInteger reward,
      BigInteger verifierFee,
      Duration duration) {

    /** Refuses what the registry would refuse whatever the model (docs/contracts.md). */
    void check() {
      if (steps <= 0) {
        throw new IllegalArgumentException("steps: expected a positive number, got " + steps);
      }
      if (reward.signum() < 0 || verifierFee.signum() < 0) {
        throw new IllegalArgumentException("reward and fee: expected amounts >= 0");
      }
      if (duration.toSeconds() < 60 || duration.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException(
            "duration: expected 1m..365d, got " + duration.toSeconds() + "s");
      }
    }
  }

  /** A created task: its id, the head it trains from, and the receipt. */
  public record Created(BigInteger taskId, Hash32 parent, TransactionReceipt receipt) {}

  private final Suite owner;

  /**
   * @param owner the suite as seen by the model's owner
   */
  public TaskCreation(Suite owner) {
    this.owner = owner;
  }

  /** Checks {@code terms} against the model on chain, then creates the task. */
  public Created create(Terms terms) throws Exception {
    terms.check();
    TrainingRegistry.ModelView model = ChainReads.model(owner.registry(), terms.modelId());
    String sender = owner.account().getAddress();
    if (!model.owner.equalsIgnoreCase(sender)) {
      throw new IllegalArgumentException(
          "model "
              + terms.modelId()
              + " is owned by "
              + model.owner
              + ", not by "
              + sender
              + ": only its owner may create tasks; nothing was sent");
    }
    long k = model.rules.segmentLength.longValueExact();
    if (terms.steps() % k != 0) {
      throw new IllegalArgumentException(
          "steps: expected a multiple of model "
              + terms.modelId()
              + "'s segment length "
              + k
              + ", got "
              + terms.steps()
              + " (try "
              + Math.max(k, terms.steps() / k * k)
              + ")");
    }
    BigInteger supply = owner.modelToken(model.token).totalSupply().send();
    BigInteger reserved = owner.registry().reservedSupply(terms.modelId()).send();
    BigInteger headroom =
        BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE).subtract(supply).subtract(reserved);
    BigInteger requested = terms.reward().add(terms.verifierFee());
    if (requested.compareTo(headroom) > 0) {
      throw new IllegalArgumentException(
          "reward + fee = "
              + Amounts.format(requested, TokenTerms.DECIMALS)
              + " model tokens exceed the token's headroom of "
              + Amounts.format(headroom, TokenTerms.DECIMALS)
              + " (cap 2^96 - 1 base units minus supply and reservations); nothing was sent");
    }
    return send(terms);
  }

  /** Sends createTask as it is, without the checks of {@link #create}. */
  public Created send(Terms terms) throws Exception {
    TransactionReceipt receipt =
        owner
            .registry()
            .createTask(
                terms.modelId(),
                BigInteger.valueOf(terms.steps()),
                terms.reward(),
                terms.verifierFee(),
                BigInteger.valueOf(terms.duration().toSeconds()))
            .send();
    var event = TrainingRegistry.getTaskCreatedEvents(receipt).get(0);
    return new Created(event.taskId, Hash32.of(event.parent), receipt);
  }
}
