// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SegmentTreeBuilder} from "../registry/SegmentTreeBuilder.sol";
import {SegmentTreeHarness} from "../registry/SegmentTreeHarness.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice The positional segment tree (docs/protocol.md section 2) against a tree built level by
///         level in test code: every proof verifies; any tampering fails.
contract SegmentTreeFuzzTest is TestBase {
    SegmentTreeHarness internal tree;

    function setUp() public {
        tree = new SegmentTreeHarness();
    }

    function _leaves(uint256 salt, uint256 count) private pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            leaves[i] = keccak256(abi.encode(salt, i));
        }
    }

    /// Every leaf of a random tree proves against its root, with exactly depth(S) siblings.
    function testFuzz_everyProofVerifies(uint256 salt, uint256 segments, uint256 index) public view {
        segments = bound(segments, 1, 70);
        index = bound(index, 0, segments - 1);
        bytes32[] memory leaves = _leaves(salt, segments);
        bytes32 root = SegmentTreeBuilder.root(leaves);
        bytes32[] memory proof = SegmentTreeBuilder.proof(leaves, index);
        vm.assertEq(proof.length, tree.depth(segments), "proof length = depth(S)");
        vm.assertTrue(tree.verify(root, segments, index, leaves[index], proof), "valid proof");
    }

    /// Flipping any bit of any proof element breaks the proof.
    function testFuzz_flippedProofElementFails(uint256 salt, uint256 segments, uint256 index, uint256 which, uint8 bit)
        public
        view
    {
        segments = bound(segments, 2, 70);
        index = bound(index, 0, segments - 1);
        bytes32[] memory leaves = _leaves(salt, segments);
        bytes32 root = SegmentTreeBuilder.root(leaves);
        bytes32[] memory proof = SegmentTreeBuilder.proof(leaves, index);
        which = bound(which, 0, proof.length - 1);
        proof[which] = proof[which] ^ bytes32(uint256(1) << bit);
        vm.assertFalse(tree.verify(root, segments, index, leaves[index], proof), "tampered proof");
    }

    /// A leaf's proof does not verify at any other index, nor with another segment count whose
    /// depth differs, nor for another leaf.
    function testFuzz_wrongIndexOrLeafFails(uint256 salt, uint256 segments, uint256 index, uint256 other) public view {
        segments = bound(segments, 2, 70);
        index = bound(index, 0, segments - 1);
        other = bound(other, 0, segments); // includes the out-of-range S
        vm.assume(other != index);
        bytes32[] memory leaves = _leaves(salt, segments);
        bytes32 root = SegmentTreeBuilder.root(leaves);
        bytes32[] memory proof = SegmentTreeBuilder.proof(leaves, index);
        vm.assertFalse(tree.verify(root, segments, other, leaves[index], proof), "wrong index");
        vm.assertFalse(tree.verify(root, segments, index, keccak256(abi.encode(leaves[index])), proof), "wrong leaf");
        vm.assertFalse(tree.verify(root, segments * 2, index, leaves[index], proof), "deeper tree");
    }

    /// depth(S) is the exponent of the smallest power of two >= S (256 above 2^255).
    function testFuzz_depthIsCeilLog2(uint256 segments) public view {
        segments = bound(segments, 1, type(uint256).max);
        uint256 d = tree.depth(segments);
        if (d < 256) vm.assertGe(uint256(1) << d, segments, "2^d >= S");
        else vm.assertGt(segments, uint256(1) << 255, "256 only above 2^255");
        if (d > 0) vm.assertLt(uint256(1) << (d - 1), segments, "2^(d-1) < S");
    }
}
