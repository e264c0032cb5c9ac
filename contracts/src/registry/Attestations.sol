// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";

/// @title Attestations
/// @notice The EIP-712 `Attestation` of docs/protocol.md section 6 and the recovery of a batch of
///         its signers: `structHash = H(abi.encode(TYPEHASH, taskId, root, seed, verdict,
///         failingSegment))`, signed as `H(0x19 || 0x01 || domainSeparator || structHash)` (the
///         registry's EIP712 domain adds the prefix); a batch is `count` 65-byte r || s || v
///         signatures whose signers ascend strictly.
library Attestations {
    /// @notice EIP-712 type hash of an attestation. `verdict` is a uint8: the ABI type of
    ///         ITrainingRegistry.Verdict.
    bytes32 internal constant TYPEHASH =
        keccak256("Attestation(uint256 taskId,bytes32 root,bytes32 seed,uint8 verdict,uint256 failingSegment)");

    /// @notice Recovers exactly `count` signers of `digest` from 65-byte r || s || v signatures
    ///         (low s, OZ ECDSA), strictly ascending, none of them the trainer.
    function recoverSigners(bytes32 digest, bytes calldata signatures, uint256 count, address trainer)
        internal
        pure
        returns (address[] memory signers)
    {
        if (signatures.length != count * 65) {
            revert ITrainingRegistry.WrongSignatureCount(count, signatures.length / 65);
        }
        signers = new address[](count);
        address previous;
        for (uint256 i; i < count; ++i) {
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                let p := add(signatures.offset, mul(i, 65))
                r := calldataload(p)
                s := calldataload(add(p, 32))
                v := byte(0, calldataload(add(p, 64)))
            }
            address signer = ECDSA.recover(digest, v, r, s);
            if (signer <= previous) revert ITrainingRegistry.SignersNotAscending(previous, signer);
            if (signer == trainer) revert ITrainingRegistry.TrainerCannotAttest(signer);
            signers[i] = signer;
            previous = signer;
        }
    }
}
