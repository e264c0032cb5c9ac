// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice Builds positional segment trees (docs/protocol.md section 2) in test code, independently
///         of the verifier: pads to a power of two with bytes32(0) and hashes level by level.
library SegmentTreeBuilder {
    /// @dev The tree's levels, leaves first (padded to P), root last.
    function levels(bytes32[] memory leaves) internal pure returns (bytes32[][] memory tree) {
        uint256 size = 1;
        uint256 depth;
        while (size < leaves.length) {
            size <<= 1;
            ++depth;
        }
        tree = new bytes32[][](depth + 1);
        tree[0] = new bytes32[](size);
        for (uint256 i; i < leaves.length; ++i) {
            tree[0][i] = leaves[i];
        }
        for (uint256 d = 1; d <= depth; ++d) {
            bytes32[] memory below = tree[d - 1];
            bytes32[] memory level = new bytes32[](below.length / 2);
            for (uint256 i; i < level.length; ++i) {
                level[i] = keccak256(abi.encodePacked(bytes1(0x01), below[2 * i], below[2 * i + 1]));
            }
            tree[d] = level;
        }
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[][] memory tree = levels(leaves);
        return tree[tree.length - 1][0];
    }

    /// @dev Sibling hashes of `index`, leaf level first.
    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory siblings) {
        bytes32[][] memory tree = levels(leaves);
        siblings = new bytes32[](tree.length - 1);
        for (uint256 d; d < siblings.length; ++d) {
            siblings[d] = tree[d][(index >> d) ^ 1];
        }
    }
}
