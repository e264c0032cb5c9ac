// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SegmentTree
/// @notice Leaves and the positional Merkle tree of a proof-of-learning, exactly as docs/protocol.md
///         sections 1 and 2 define them: `leaf_i = H(0x00 || abi.encode(LEAF_DOMAIN, chainId,
///         registry, taskId, trainer, i, ckptStart, ckptEnd, batchesHash, lossesHash))`, inner nodes
///         `H(0x01 || left || right)`, empty positions `bytes32(0)`, and the index bits choosing the path.
library SegmentTree {
    /// @notice H("proofmint.leaf.v1"), the first field of every leaf.
    bytes32 internal constant LEAF_DOMAIN = keccak256("proofmint.leaf.v1");

    /// @notice The leaf of segment `index` (docs/protocol.md section 1).
    function leafHash(
        uint256 chainId,
        address registry,
        uint256 taskId,
        address trainer,
        uint256 index,
        bytes32 ckptStart,
        bytes32 ckptEnd,
        bytes32 batchesHash,
        bytes32 lossesHash
    ) internal pure returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                bytes1(0x00),
                abi.encode(
                    LEAF_DOMAIN,
                    chainId,
                    registry,
                    taskId,
                    trainer,
                    index,
                    ckptStart,
                    ckptEnd,
                    batchesHash,
                    lossesHash
                )
            )
        );
    }

    /// @notice An inner node: H(0x01 || left || right).
    function node(bytes32 left, bytes32 right) internal pure returns (bytes32 result) {
        assembly ("memory-safe") {
            let ptr := mload(0x40) // scratch above the free pointer; not allocated, so not kept
            mstore8(ptr, 0x01)
            mstore(add(ptr, 1), left)
            mstore(add(ptr, 33), right)
            result := keccak256(ptr, 65)
        }
    }

    /// @notice log2 of the smallest power of two >= `segments` (0 for 0 or 1 segment).
    function depth(uint256 segments) internal pure returns (uint256) {
        return Math.log2(segments, Math.Rounding.Ceil);
    }

    /// @notice True iff `proof` proves `leaf` at position `index` of a tree of `segments` leaves
    ///         with root `root`: `proof.length == depth(segments)`, `index < segments` and the path
    ///         chosen by the bits of `index` ends at `root`.
    function verify(bytes32 root, uint256 segments, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (index >= segments || proof.length != depth(segments)) return false;
        bytes32 current = leaf;
        for (uint256 d; d < proof.length; ++d) {
            current = (index >> d) & 1 == 0 ? node(current, proof[d]) : node(proof[d], current);
        }
        return current == root;
    }
}
