// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Sampling} from "../../src/registry/Sampling.sol";
import {SegmentTree} from "../../src/registry/SegmentTree.sol";

/// @notice Exposes the registry's libraries to tests that need no deployed suite.
contract SegmentTreeHarness {
    function verify(bytes32 root, uint256 segments, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        external
        pure
        returns (bool)
    {
        return SegmentTree.verify(root, segments, index, leaf, proof);
    }

    function depth(uint256 segments) external pure returns (uint256) {
        return SegmentTree.depth(segments);
    }

    function sample(bytes32 seed, bytes32 root, uint256 samples, uint256 segments)
        external
        pure
        returns (uint256[] memory)
    {
        return Sampling.sample(seed, root, samples, segments);
    }

    function isSampled(bytes32 seed, bytes32 root, uint256 samples, uint256 segments, uint256 segment)
        external
        pure
        returns (bool)
    {
        return Sampling.isSampled(seed, root, samples, segments, segment);
    }
}
