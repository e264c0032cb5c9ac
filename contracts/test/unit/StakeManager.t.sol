// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";
import {Vm} from "../utils/Vm.sol";

contract StakeManagerTest is StakeManagerTestBase {
    // ------------------------------------------------------------ construction

    function test_constructor_setsParameters() public view {
        vm.assertEq(sm.owner(), address(this), "owner");
        vm.assertEq(sm.stakeToken(), address(stakeToken), "stake token");
        vm.assertEq(sm.treasury(), treasury, "treasury");
        vm.assertEq(sm.minStake(ROLE_TRAINER), MIN_TRAINER, "min trainer");
        vm.assertEq(sm.minStake(ROLE_VERIFIER), MIN_VERIFIER, "min verifier");
        vm.assertEq(uint256(sm.unbondingDelay()), DELAY, "delay");
        vm.assertEq(uint256(sm.proverShareBps()), PROVER_BPS, "prover share");
        vm.assertEq(sm.registry(), registry, "registry");
        vm.assertEq(uint256(sm.MIN_UNBONDING_DELAY()), 7 days, "min delay");
    }

    function test_constructor_revertsOnZeroStakeToken() public {
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        new StakeManager(address(this), address(0), treasury, 1, 1, DELAY, 0);
    }

    function test_constructor_revertsOnZeroTreasury() public {
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        new StakeManager(address(this), address(stakeToken), address(0), 1, 1, DELAY, 0);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new StakeManager(address(0), address(stakeToken), treasury, 1, 1, DELAY, 0);
    }

    function test_constructor_revertsOnParametersOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.MinStakeOutOfBounds.selector, 0));
        new StakeManager(address(this), address(stakeToken), treasury, 0, 1, DELAY, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.MinStakeOutOfBounds.selector, 0));
        new StakeManager(address(this), address(stakeToken), treasury, 1, 0, DELAY, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingDelayOutOfBounds.selector, 1 days));
        new StakeManager(address(this), address(stakeToken), treasury, 1, 1, 1 days, 0);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.ProverShareOutOfBounds.selector, 5_001));
        new StakeManager(address(this), address(stakeToken), treasury, 1, 1, DELAY, 5_001);
    }

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

    // ------------------------------------------------------------ isActive / requireActiveVerifiers

    function test_isActive_checksRoleMinimumAndJail() public {
        _stakeTrainer(MIN_TRAINER);
        _stakeVerifier(MIN_VERIFIER - 1);
        vm.assertTrue(sm.isActive(trainer, ROLE_TRAINER), "trainer at minimum");
        vm.assertFalse(sm.isActive(trainer, ROLE_VERIFIER), "wrong role");
        vm.assertFalse(sm.isActive(verifier, ROLE_VERIFIER), "below minimum");
        vm.assertFalse(sm.isActive(trainer, 0), "invalid role");
        vm.assertFalse(sm.isActive(makeAddr("nobody"), 0), "role 0 never active");
        vm.assertFalse(sm.isActive(trainer, 3), "invalid role");
    }

    function test_isActive_followsMinStakeChanges() public {
        _stakeTrainer(MIN_TRAINER);
        sm.setMinStake(ROLE_TRAINER, MIN_TRAINER + 1);
        vm.assertFalse(sm.isActive(trainer, ROLE_TRAINER), "minimum raised");
    }

    function test_requireActiveVerifiers_passesForActiveVerifiers() public view {
        // Does not revert for an empty list.
        sm.requireActiveVerifiers(new address[](0));
    }

    function test_requireActiveVerifiers_passesForAllActive() public {
        address[] memory signers = _verifiers(3);
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsOnTheFirstInactive() public {
        address[] memory signers = _verifiers(4);
        vm.prank(signers[2]);
        sm.requestUnbond(1); // below minimum
        vm.prank(registry);
        sm.slash(signers[3], 0, prover); // jailed
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[2]));
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsForJailed() public {
        address[] memory signers = _verifiers(2);
        vm.prank(registry);
        sm.slash(signers[1], 0, prover);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[1]));
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsForTrainersAndStrangers() public {
        _stakeTrainer(MIN_TRAINER);
        address[] memory signers = new address[](1);
        signers[0] = trainer;
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, trainer));
        sm.requireActiveVerifiers(signers);
        signers[0] = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[0]));
        sm.requireActiveVerifiers(signers);
    }

    // ------------------------------------------------------------ views

    function test_minStake_isZeroForAnInvalidRole() public view {
        vm.assertEq(sm.minStake(0), 0, "role 0");
        vm.assertEq(sm.minStake(7), 0, "role 7");
    }

    // ------------------------------------------------------------ administration

    function test_setRegistry_onceOnly() public {
        StakeManager fresh = _fresh();
        vm.expectEmit(true, false, false, false, address(fresh));
        emit IStakeManager.RegistrySet(registry);
        fresh.setRegistry(registry);
        vm.expectRevert(IStakeManager.RegistryAlreadySet.selector);
        fresh.setRegistry(prover);
    }

    function test_setRegistry_revertsOnZeroOrNonOwner() public {
        StakeManager fresh = _fresh();
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        fresh.setRegistry(address(0));
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trainer));
        fresh.setRegistry(registry);
    }

    function test_setMinStake_changesAndEmits() public {
        vm.expectEmit(true, false, false, true, address(sm));
        emit IStakeManager.MinStakeSet(ROLE_VERIFIER, 7);
        sm.setMinStake(ROLE_VERIFIER, 7);
        vm.assertEq(sm.minStake(ROLE_VERIFIER), 7, "verifier minimum");
        sm.setMinStake(ROLE_TRAINER, type(uint128).max);
        vm.assertEq(sm.minStake(ROLE_TRAINER), type(uint128).max, "upper bound accepted");
    }

    function test_setMinStake_revertsOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.MinStakeOutOfBounds.selector, 0));
        sm.setMinStake(ROLE_TRAINER, 0);
        uint256 tooBig = uint256(type(uint128).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.MinStakeOutOfBounds.selector, tooBig));
        sm.setMinStake(ROLE_TRAINER, tooBig);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.InvalidRole.selector, 3));
        sm.setMinStake(3, 1);
    }

    function test_setMinStake_revertsForNonOwner() public {
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trainer));
        sm.setMinStake(ROLE_TRAINER, 1);
    }

    function test_setUnbondingDelay_changesWithinBoundsAndEmits() public {
        vm.expectEmit(false, false, false, true, address(sm));
        emit IStakeManager.UnbondingDelaySet(90 days);
        sm.setUnbondingDelay(90 days);
        vm.assertEq(uint256(sm.unbondingDelay()), 90 days, "max");
        sm.setUnbondingDelay(7 days);
        vm.assertEq(uint256(sm.unbondingDelay()), 7 days, "min");
    }

    function test_setUnbondingDelay_doesNotMovePendingReleases() public {
        _stakeTrainer(10);
        vm.warp(1_000);
        vm.prank(trainer);
        sm.requestUnbond(10);
        sm.setUnbondingDelay(30 days);
        (,,,,, uint64 releaseAt) = sm.stakeOf(trainer);
        vm.assertEq(uint256(releaseAt), 1_000 + DELAY, "unchanged");
    }

    function test_setUnbondingDelay_revertsOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingDelayOutOfBounds.selector, 7 days - 1));
        sm.setUnbondingDelay(7 days - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingDelayOutOfBounds.selector, 90 days + 1));
        sm.setUnbondingDelay(90 days + 1);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trainer));
        sm.setUnbondingDelay(8 days);
    }

    function test_setProverShareBps_changesWithinBoundsAndEmits() public {
        vm.expectEmit(false, false, false, true, address(sm));
        emit IStakeManager.ProverShareSet(5_000);
        sm.setProverShareBps(5_000);
        vm.assertEq(uint256(sm.proverShareBps()), 5_000, "max");
        sm.setProverShareBps(0);
        vm.assertEq(uint256(sm.proverShareBps()), 0, "zero");
    }

    function test_setProverShareBps_revertsOutOfBoundsOrForNonOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.ProverShareOutOfBounds.selector, 5_001));
        sm.setProverShareBps(5_001);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trainer));
        sm.setProverShareBps(1);
    }

    function test_setTreasury_changesAndEmits() public {
        vm.expectEmit(true, false, false, false, address(sm));
        emit IStakeManager.TreasurySet(prover);
        sm.setTreasury(prover);
        vm.assertEq(sm.treasury(), prover, "treasury");
    }

    function test_setTreasury_revertsOnZeroOrNonOwner() public {
        vm.expectRevert(IStakeManager.ZeroAddress.selector);
        sm.setTreasury(address(0));
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, trainer));
        sm.setTreasury(prover);
    }

    function test_ownership_transfersInTwoSteps() public {
        sm.transferOwnership(trainer);
        vm.assertEq(sm.owner(), address(this), "pending");
        vm.prank(trainer);
        sm.acceptOwnership();
        vm.assertEq(sm.owner(), trainer, "accepted");
    }

    // ------------------------------------------------------------ helpers

    function _fresh() private returns (StakeManager) {
        return new StakeManager(address(this), address(stakeToken), treasury, 1, 1, DELAY, 0);
    }

    /// @dev `n` verifiers, each staked exactly the minimum.
    function _verifiers(uint256 n) private returns (address[] memory signers) {
        signers = new address[](n);
        for (uint256 i; i < n; ++i) {
            signers[i] = makeAddr(string.concat("verifier", vm.toString(i)));
            _stake(signers[i], ROLE_VERIFIER, MIN_VERIFIER);
        }
    }
}
