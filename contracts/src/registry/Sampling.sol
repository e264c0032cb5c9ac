// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title Sampling
/// @notice The challenge seed and the sampled segments of docs/protocol.md section 5:
///         `seed = H(abi.encode(blockhash(seedBlock), taskId, root))` and
///         `segment_j = uint256(H(abi.encode(seed, root, j))) mod S` for `j < q`, with replacement.
library Sampling {
    /// @notice Blocks between the commit block and the block whose hash seeds the sampling.
    uint256 internal constant SEED_DELAY = 1;

    /// @notice The seed from the hash of the seed block.
    function seed(bytes32 seedBlockHash, uint256 taskId, bytes32 root) internal pure returns (bytes32) {
        return keccak256(abi.encode(seedBlockHash, taskId, root));
    }

    /// @notice Sampled segment number `j` of `segments`.
    function segmentAt(bytes32 seed_, bytes32 root, uint256 j, uint256 segments) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed_, root, j))) % segments;
    }

    /// @notice All `samples` sampled segments, in draw order (duplicates possible).
    function sample(bytes32 seed_, bytes32 root, uint256 samples, uint256 segments)
        internal
        pure
        returns (uint256[] memory indices)
    {
        indices = new uint256[](samples);
        for (uint256 j; j < samples; ++j) {
            indices[j] = segmentAt(seed_, root, j, segments);
        }
    }

    /// @notice True iff `segment` is one of the `samples` sampled segments.
    function isSampled(bytes32 seed_, bytes32 root, uint256 samples, uint256 segments, uint256 segment)
        internal
        pure
        returns (bool)
    {
        for (uint256 j; j < samples; ++j) {
            if (segmentAt(seed_, root, j, segments) == segment) return true;
        }
        return false;
    }
}
