// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SegmentTreeHarness} from "../registry/SegmentTreeHarness.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice Sampled segments (docs/protocol.md section 5): in range, deterministic, the formula.
contract SamplingFuzzTest is TestBase {
    SegmentTreeHarness internal lib;

    function setUp() public {
        lib = new SegmentTreeHarness();
    }

    /// q indices, each < S, equal to uint256(H(seed, root, j)) mod S, the same on every call.
    function testFuzz_indicesInRangeDeterministicAndByFormula(bytes32 seed, bytes32 root, uint256 q, uint256 s)
        public
        view
    {
        q = bound(q, 1, 64);
        s = bound(s, 1, type(uint64).max);
        uint256[] memory first = lib.sample(seed, root, q, s);
        uint256[] memory again = lib.sample(seed, root, q, s);
        vm.assertEq(first.length, q, "q samples");
        for (uint256 j; j < q; ++j) {
            vm.assertLt(first[j], s, "index < S");
            vm.assertEq(first[j], again[j], "deterministic");
            vm.assertEq(first[j], uint256(keccak256(abi.encode(seed, root, j))) % s, "formula");
            vm.assertTrue(lib.isSampled(seed, root, q, s, first[j]), "isSampled agrees");
        }
    }

    /// isSampled is false exactly for the indices the sample does not contain.
    function testFuzz_isSampledMatchesSample(bytes32 seed, bytes32 root, uint256 q, uint256 s, uint256 candidate)
        public
        view
    {
        q = bound(q, 1, 64);
        s = bound(s, 1, 200);
        candidate = bound(candidate, 0, s);
        uint256[] memory indices = lib.sample(seed, root, q, s);
        bool contained;
        for (uint256 j; j < q; ++j) {
            if (indices[j] == candidate) contained = true;
        }
        vm.assertEq(lib.isSampled(seed, root, q, s, candidate), contained, "membership");
    }
}
