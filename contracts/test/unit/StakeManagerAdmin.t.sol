// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";

/// @notice Construction and the owner's settings: registry, minimum stakes, unbonding delay,
///         prover share, treasury and ownership.
contract StakeManagerAdminTest is StakeManagerTestBase {
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
}
