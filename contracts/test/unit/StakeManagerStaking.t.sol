// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";

/// @notice A staker's own calls: stake, requestUnbond and withdraw.
contract StakeManagerStakingTest is StakeManagerTestBase {
    // ------------------------------------------------------------ stake

    function test_stake_firstStakeFixesTheRoleAndEmits() public {
        stakeToken.mint(trainer, 150e18);
        vm.startPrank(trainer);
        stakeToken.approve(address(sm), 150e18);
        vm.expectEmit(true, true, false, true, address(sm));
        emit IStakeManager.Staked(trainer, ROLE_TRAINER, 150e18, 150e18);
        sm.stake(ROLE_TRAINER, 150e18);
        vm.stopPrank();
        (uint8 role, bool jailed, uint256 staked, uint256 locked, uint256 unbonding, uint64 releaseAt) =
            sm.stakeOf(trainer);
        vm.assertEq(uint256(role), ROLE_TRAINER, "role");
        vm.assertFalse(jailed, "not jailed");
        vm.assertEq(staked, 150e18, "staked");
        vm.assertEq(locked + unbonding + releaseAt, 0, "nothing else");
        vm.assertEq(stakeToken.balanceOf(address(sm)), 150e18, "tokens pulled");
        vm.assertTrue(sm.isActive(trainer, ROLE_TRAINER), "active");
    }

    function test_stake_addsToAnExistingStake() public {
        _stakeTrainer(60e18);
        vm.assertFalse(sm.isActive(trainer, ROLE_TRAINER), "below minimum");
        _stakeTrainer(40e18);
        vm.assertEq(_staked(trainer), 100e18, "sum");
        vm.assertTrue(sm.isActive(trainer, ROLE_TRAINER), "at minimum");
    }

    function test_stake_revertsOnInvalidRole() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InvalidRole.selector, 0));
        sm.stake(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InvalidRole.selector, 3));
        sm.stake(3, 1);
    }

    function test_stake_revertsOnZeroAmount() public {
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        sm.stake(ROLE_TRAINER, 0);
    }

    function test_stake_revertsOnAnotherRole() public {
        _stakeTrainer(1);
        vm.prank(trainer);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.RoleMismatch.selector, trainer, ROLE_TRAINER, ROLE_VERIFIER)
        );
        sm.stake(ROLE_VERIFIER, 1);
    }

    function test_stake_revertsWhenJailed() public {
        _stakeVerifier(MIN_VERIFIER);
        vm.prank(registry);
        sm.slash(verifier, 1, prover);
        stakeToken.mint(verifier, 1);
        vm.prank(verifier);
        stakeToken.approve(address(sm), 1);
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.AccountJailed.selector, verifier));
        sm.stake(ROLE_VERIFIER, 1);
    }

    function test_stake_revertsWithoutAllowance() public {
        stakeToken.mint(trainer, 5);
        vm.prank(trainer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(sm), 0, 5)
        );
        sm.stake(ROLE_TRAINER, 5);
    }

    function test_stake_revertsAboveUint128() public {
        _stakeTrainer(type(uint128).max);
        vm.prank(trainer);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, uint256(type(uint128).max) + 1)
        );
        sm.stake(ROLE_TRAINER, 1);
    }

    // ------------------------------------------------------------ requestUnbond

    function test_requestUnbond_movesFreeStakeAndEmits() public {
        _stakeTrainer(300e18);
        vm.warp(1_000);
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.UnbondRequested(trainer, 120e18, 120e18, 1_000 + DELAY);
        vm.prank(trainer);
        sm.requestUnbond(120e18);
        vm.assertEq(_staked(trainer), 180e18, "staked");
        vm.assertEq(_unbonding(trainer), 120e18, "unbonding");
        (,,,,, uint64 releaseAt) = sm.stakeOf(trainer);
        vm.assertEq(uint256(releaseAt), 1_000 + DELAY, "release time");
    }

    function test_requestUnbond_unbondingStakeDoesNotCountForActivity() public {
        _stakeTrainer(MIN_TRAINER);
        vm.prank(trainer);
        sm.requestUnbond(1);
        vm.assertFalse(sm.isActive(trainer, ROLE_TRAINER), "below minimum once unbonding");
    }

    function test_requestUnbond_restartsTheDelayForEverythingUnbonding() public {
        _stakeTrainer(10);
        vm.warp(1_000);
        vm.prank(trainer);
        sm.requestUnbond(4);
        vm.warp(5_000);
        vm.prank(trainer);
        sm.requestUnbond(6);
        (,,,, uint256 unbonding, uint64 releaseAt) = sm.stakeOf(trainer);
        vm.assertEq(unbonding, 10, "both requests");
        vm.assertEq(uint256(releaseAt), 5_000 + DELAY, "from the latest request");
    }

    function test_requestUnbond_revertsOnZeroAmount() public {
        vm.expectRevert(IStakeManager.ZeroAmount.selector);
        sm.requestUnbond(0);
    }

    function test_requestUnbond_cannotTouchLockedStake() public {
        _stakeTrainer(100);
        vm.prank(registry);
        sm.lock(trainer, 70);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, trainer, 30, 31));
        sm.requestUnbond(31);
    }

    function test_requestUnbond_isAllowedWhenJailed() public {
        _stakeTrainer(100);
        vm.prank(registry);
        sm.slash(trainer, 40, prover);
        vm.prank(trainer);
        sm.requestUnbond(60);
        vm.assertEq(_unbonding(trainer), 60, "unbonding");
    }

    // ------------------------------------------------------------ withdraw

    function test_withdraw_paysMaturedUnbondingAndEmits() public {
        _stakeTrainer(100);
        vm.warp(1_000);
        vm.prank(trainer);
        sm.requestUnbond(100);
        vm.warp(1_000 + DELAY);
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.Withdrawn(trainer, 100);
        vm.prank(trainer);
        uint256 paid = sm.withdraw();
        vm.assertEq(paid, 100, "returned");
        vm.assertEq(stakeToken.balanceOf(trainer), 100, "paid out");
        (uint8 role,,, uint256 locked, uint256 unbonding, uint64 releaseAt) = sm.stakeOf(trainer);
        vm.assertEq(unbonding + locked + releaseAt, 0, "cleared");
        vm.assertEq(uint256(role), ROLE_TRAINER, "role stays");
    }

    function test_withdraw_revertsBeforeTheReleaseTime() public {
        _stakeTrainer(100);
        vm.warp(1_000);
        vm.prank(trainer);
        sm.requestUnbond(100);
        vm.warp(1_000 + DELAY - 1);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingNotMatured.selector, uint64(1_000 + DELAY)));
        sm.withdraw();
    }

    function test_withdraw_revertsWithNothingUnbonding() public {
        _stakeTrainer(100);
        vm.prank(trainer);
        vm.expectRevert(IStakeManager.NothingToWithdraw.selector);
        sm.withdraw();
    }

    function test_withdraw_jailedAccountTakesWhatIsLeft() public {
        _stakeTrainer(100);
        vm.prank(registry);
        sm.slash(trainer, 30, prover);
        vm.warp(1_000);
        vm.prank(trainer);
        sm.requestUnbond(70);
        vm.warp(1_000 + DELAY);
        vm.prank(trainer);
        vm.assertEq(sm.withdraw(), 70, "the rest");
    }
}
