package io.proofmint.worker.task;

/** Told about every training step, for progress display and metrics. */
@FunctionalInterface
public interface StepListener {

  StepListener NONE = (step, loss) -> {};

  void stepDone(long step, float loss);
}
