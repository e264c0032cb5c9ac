// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_TRAINER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";

/// @notice Slashing arithmetic over fuzzed stake layouts, amounts and prover shares.
contract StakeManagerFuzzTest is StakeManagerTestBase {
    /// A slash takes min(amount, held) in the order locked, free staked, unbonding, and pays
    /// exactly that out: the prover's share rounded down, the treasury the rest.
    function testFuzz_slash_takesInOrderAndSplitsExactly(
        uint128 stakedIn,
        uint128 unbondIn,
        uint128 lockIn,
        uint256 amount,
        uint16 bps,
        bool withProver
    ) public {
        uint256 total = bound(stakedIn, 1, 2 ** 120);
        uint256 unbond = bound(unbondIn, 0, total);
        uint256 lockAmt = bound(lockIn, 0, total - unbond);
        uint16 share = uint16(bound(bps, 0, 5_000));
        sm.setProverShareBps(share);
        _stakeTrainer(total);
        if (unbond != 0) {
            vm.prank(trainer);
            sm.requestUnbond(unbond);
        }
        vm.prank(registry);
        sm.lock(trainer, lockAmt);
        uint256 staked = total - unbond;
        address to = withProver ? prover : address(0);

        vm.prank(registry);
        uint256 slashed = sm.slash(trainer, amount, to);

        uint256 expected = amount < total ? amount : total;
        vm.assertEq(slashed, expected, "min(amount, held)");
        uint256 fromStaked = expected < staked ? expected : staked;
        vm.assertEq(_staked(trainer), staked - fromStaked, "staked first");
        vm.assertEq(_locked(trainer), lockAmt - (fromStaked < lockAmt ? fromStaked : lockAmt), "locked part first");
        vm.assertEq(_unbonding(trainer), unbond - (expected - fromStaked), "unbonding last");
        uint256 reward = withProver ? expected * share / 10_000 : 0;
        vm.assertEq(stakeToken.balanceOf(prover), reward, "prover share, rounded down");
        vm.assertEq(stakeToken.balanceOf(treasury), expected - reward, "treasury the rest");
        vm.assertEq(stakeToken.balanceOf(address(sm)), total - expected, "manager keeps the rest");
        vm.assertTrue(_jailed(trainer), "jailed");
    }

    /// Staking, unbonding and withdrawing return exactly what went in.
    function testFuzz_stakeUnbondWithdraw_roundTrips(uint128 amount, uint128 part, uint64 delay) public {
        uint256 total = bound(amount, 1, type(uint128).max);
        uint256 first = bound(part, 1, total);
        uint64 d = uint64(bound(delay, 7 days, 90 days));
        sm.setUnbondingDelay(d);
        _stakeTrainer(total);
        vm.startPrank(trainer);
        sm.requestUnbond(first);
        if (first < total) sm.requestUnbond(total - first);
        vm.warp(block.timestamp + d);
        vm.assertEq(sm.withdraw(), total, "everything back");
        vm.stopPrank();
        vm.assertEq(stakeToken.balanceOf(trainer), total, "balance restored");
        vm.assertEq(stakeToken.balanceOf(address(sm)), 0, "manager empty");
        vm.assertFalse(sm.isActive(trainer, ROLE_TRAINER), "inactive with nothing staked");
    }
}
