package io.proofmint.cli.owner;

import java.math.BigInteger;

/**
 * The model token a registration creates: its name, symbol and the supply minted to the owner (base
 * units, 18 decimals).
 */
public record TokenTerms(String name, String symbol, BigInteger initialSupply) {

  /** Model tokens have 18 decimals (OpenZeppelin's ERC20 default). */
  public static final int DECIMALS = 18;

  public TokenTerms {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("token name: expected a non-empty name");
    }
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("token symbol: expected a non-empty symbol");
    }
    if (initialSupply.signum() < 0 || initialSupply.bitLength() > 96) {
      throw new IllegalArgumentException(
          "initial supply: expected 0 .. 2^96 - 1 base units, got " + initialSupply);
    }
  }
}
