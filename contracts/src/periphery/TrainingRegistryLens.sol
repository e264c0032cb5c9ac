// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Sampling} from "../registry/Sampling.sol";
import {SegmentTree} from "../registry/SegmentTree.sol";

/// @title TrainingRegistryLens
/// @notice Pure helpers over the registry's byte layouts that off-chain tools cross-check against:
///         sampling for any seed and size (docs/protocol.md section 5) and segment proofs against
///         any root (section 2). It holds no state and needs no registry: the registry uses the
///         same libraries internally, so both always agree.
contract TrainingRegistryLens {
    /// @notice Samples for any seed, root and size.
    /// @param seed the challenge seed
    /// @param root the committed root
    /// @param samples q
    /// @param segments S, at least 1
    /// @return indices `samples` segment indices in draw order, duplicates possible
    function sampleSegments(bytes32 seed, bytes32 root, uint256 samples, uint256 segments)
        external
        pure
        returns (uint256[] memory indices)
    {
        return Sampling.sample(seed, root, samples, segments);
    }

    /// @notice Checks a segment proof against a positional segment tree.
    /// @param root the tree root
    /// @param segments S, the number of leaves
    /// @param index the leaf position
    /// @param leaf the leaf hash
    /// @param proof sibling hashes, leaf level first, exactly depth(S) of them
    /// @return valid true iff the proof is valid
    function verifySegmentProof(bytes32 root, uint256 segments, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        external
        pure
        returns (bool valid)
    {
        return SegmentTree.verify(root, segments, index, leaf, proof);
    }
}
