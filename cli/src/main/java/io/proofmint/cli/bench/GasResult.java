package io.proofmint.cli.bench;

/**
 * Gas of one transaction as the user pays it: the receipt's gasUsed, the 21,000 base included.
 *
 * @param target the goal, or 0 where there is none (measured for information)
 */
public record GasResult(String operation, long gasUsed, long target) {

  public boolean withinTarget() {
    return target == 0 || gasUsed <= target;
  }
}
