// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice The registry's calls: lock, unlock and slash.
contract StakeManagerSlashingTest is StakeManagerTestBase {
    // ------------------------------------------------------------ lock / unlock

    function test_lock_reservesFreeStakeAndEmits() public {
        _stakeTrainer(MIN_TRAINER);
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.StakeLocked(trainer, 40e18, 40e18);
        vm.prank(registry);
        sm.lock(trainer, 40e18);
        vm.assertEq(_locked(trainer), 40e18, "locked");
        vm.assertEq(sm.freeStake(trainer), 60e18, "free");
        vm.assertEq(_staked(trainer), MIN_TRAINER, "staked unchanged: locked stake still counts");
        vm.assertTrue(sm.isActive(trainer, ROLE_TRAINER), "still active");
    }

    function test_lock_revertsBeyondFreeStake() public {
        _stakeTrainer(100);
        vm.startPrank(registry);
        sm.lock(trainer, 60);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, trainer, 40, 41));
        sm.lock(trainer, 41);
        vm.stopPrank();
    }

    function test_lock_zeroIsANoOp() public {
        vm.prank(registry);
        sm.lock(trainer, 0); // even without stake
        vm.assertEq(_locked(trainer), 0, "nothing locked");
    }

    function test_lock_revertsForOtherCallers() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotRegistry.selector, address(this)));
        sm.lock(trainer, 1);
    }

    function test_unlock_releasesAndEmits() public {
        _stakeTrainer(100);
        vm.startPrank(registry);
        sm.lock(trainer, 50);
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.StakeUnlocked(trainer, 20, 30);
        sm.unlock(trainer, 20);
        vm.stopPrank();
        vm.assertEq(_locked(trainer), 30, "locked");
    }

    function test_unlock_clampsToWhatIsLocked() public {
        _stakeTrainer(100);
        vm.startPrank(registry);
        sm.lock(trainer, 50);
        sm.slash(trainer, 45, prover); // consumes most of the bond
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.StakeUnlocked(trainer, 5, 0);
        sm.unlock(trainer, 50);
        sm.unlock(trainer, 50); // nothing left: a no-op, not a revert
        vm.stopPrank();
        vm.assertEq(_locked(trainer), 0, "none locked");
    }

    function test_unlock_revertsForOtherCallers() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotRegistry.selector, address(this)));
        sm.unlock(trainer, 1);
    }

    // ------------------------------------------------------------ slash

    function test_slash_takesLockedThenFreeThenUnbonding() public {
        _stakeTrainer(100);
        vm.prank(trainer);
        sm.requestUnbond(30); // staked 70, unbonding 30
        vm.startPrank(registry);
        sm.lock(trainer, 20); // locked 20, free 50

        sm.slash(trainer, 15, prover);
        vm.assertEq(_locked(trainer), 5, "locked first");
        vm.assertEq(_staked(trainer), 55, "from staked");
        vm.assertEq(_unbonding(trainer), 30, "unbonding untouched");

        sm.slash(trainer, 25, prover);
        vm.assertEq(_locked(trainer), 0, "the rest of the lock");
        vm.assertEq(_staked(trainer), 30, "then free");
        vm.assertEq(_unbonding(trainer), 30, "unbonding still untouched");

        sm.slash(trainer, 40, prover);
        vm.assertEq(_staked(trainer), 0, "free exhausted");
        vm.assertEq(_unbonding(trainer), 20, "then unbonding");
        vm.stopPrank();
    }

    function test_slash_neverTakesMoreThanHeld() public {
        _stakeTrainer(100);
        vm.prank(trainer);
        sm.requestUnbond(40);
        vm.prank(registry);
        uint256 slashed = sm.slash(trainer, 1_000, prover);
        vm.assertEq(slashed, 100, "all it had");
        vm.assertEq(_staked(trainer) + _unbonding(trainer), 0, "emptied");
        vm.assertEq(stakeToken.balanceOf(address(sm)), 0, "manager emptied");
    }

    function test_slash_paysProverAndTreasuryAndEmits() public {
        _stakeTrainer(1_000);
        vm.expectEmit(true, false, false, false, address(sm));
        emit IStakeManager.Jailed(trainer);
        vm.expectEmit(true, true, false, true, address(sm));
        emit IStakeManager.Slashed(trainer, prover, 401, 401, 100, 301);
        vm.prank(registry);
        sm.slash(trainer, 401, prover);
        vm.assertEq(stakeToken.balanceOf(prover), 100, "prover: 25% rounded down");
        vm.assertEq(stakeToken.balanceOf(treasury), 301, "treasury: the rest");
    }

    function test_slash_withoutProverPaysAllToTreasury() public {
        _stakeTrainer(1_000);
        vm.prank(registry);
        sm.slash(trainer, 400, address(0));
        vm.assertEq(stakeToken.balanceOf(treasury), 400, "treasury all");
    }

    function test_slash_jailsEvenWhenNothingIsHeld() public {
        address nobody = makeAddr("nobody");
        vm.prank(registry);
        uint256 slashed = sm.slash(nobody, 10, prover);
        vm.assertEq(slashed, 0, "nothing taken");
        vm.assertTrue(_jailed(nobody), "jailed");
        vm.assertEq(stakeToken.balanceOf(prover), 0, "no transfer");
    }

    function test_slash_jailsOnlyOnce() public {
        _stakeVerifier(MIN_VERIFIER);
        vm.startPrank(registry);
        sm.slash(verifier, 1, prover);
        vm.recordLogs();
        sm.slash(verifier, 1, prover);
        vm.stopPrank();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 fromManager;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(sm)) continue;
            ++fromManager;
            vm.assertEq(logs[i].topics[0], IStakeManager.Slashed.selector, "only Slashed, no second Jailed");
        }
        vm.assertEq(fromManager, 1, "one event from the manager");
        vm.assertFalse(sm.isActive(verifier, ROLE_VERIFIER), "jailed: never active again");
    }

    function test_slash_revertsForOtherCallers() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotRegistry.selector, address(this)));
        sm.slash(trainer, 1, prover);
    }
}
