package io.proofmint.wrappers;

/**
 * One contract of a deployment.
 *
 * @param artifact the compiled contract it was created from (e.g. MockERC20)
 * @param address its 0x-prefixed checksum-free address
 * @param txHash the creation transaction
 * @param block the block of the creation transaction
 * @param bytecodeKeccak256 keccak-256 of the creation bytecode, as the compiler produced it
 * @param runtimeCodeKeccak256 keccak-256 of the code the chain holds at {@code address}
 */
public record DeployedContract(
    String artifact,
    String address,
    String txHash,
    long block,
    String bytecodeKeccak256,
    String runtimeCodeKeccak256) {}
