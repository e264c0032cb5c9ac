// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice Audit: slashing evasion by unbonding. Stake that backs a task (the trainer's bond) or an
///         attestation (the attesters' stake) must still be there when the FRAUD verdict settles or
///         a dispute about the attestation is resolved, however early and however much the staker
///         asks to unbond. Uses the longest challenge window the registry accepts
///         (MIN_UNBONDING_DELAY / 2 = 3.5 days), where the margin is thinnest.
contract SlashingEvasionAuditTest is RegistryFixture {
    uint32 internal window;
    uint256 internal modelId;
    uint256 internal taskId;

    function setUp() public override {
        super.setUp();
        window = uint32(sm.MIN_UNBONDING_DELAY() / 2);
        ITrainingRegistry.Rules memory rules = _rules();
        rules.challengeWindow = window;
        (modelId, taskId) = _readyTask(rules, 32);
    }

    function _unbonding(address account) internal view returns (uint256 unbonding, uint64 releaseAt) {
        (,,,, unbonding, releaseAt) = sm.stakeOf(account);
    }

    function test_evasion_registryRefusesAChallengeWindowLongerThanHalfTheUnbondingDelay() public {
        ITrainingRegistry.Rules memory rules = _rules();
        rules.challengeWindow = window + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.ChallengeWindowOutOfBounds.selector, window + 1, 60, sm.MIN_UNBONDING_DELAY() / 2
            )
        );
        _registerModel(rules);
    }

    /// The trainer asks to unbond everything right after committing: only free stake moves, the
    /// bond stays locked, and the FRAUD settlement takes all of it.
    function test_evasion_trainerUnbondingEverythingCannotTouchItsBond() public {
        vm.prank(trainer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.InsufficientFreeStake.selector, trainer, TRAINER_STAKE - TRAINER_BOND, TRAINER_STAKE
            )
        );
        sm.requestUnbond(TRAINER_STAKE);
        vm.prank(trainer);
        sm.requestUnbond(TRAINER_STAKE - TRAINER_BOND);

        _attestFraud(taskId, 0, 3);
        vm.warp(block.timestamp + window);
        uint256 treasuryBefore = stakeToken.balanceOf(smTreasury);
        registry.finalize(taskId);

        vm.assertEq(_staked(trainer), 0, "bond taken in full");
        vm.assertEq(_locked(trainer), 0, "no lock left");
        (uint256 unbonding,) = _unbonding(trainer);
        vm.assertEq(unbonding, TRAINER_STAKE - TRAINER_BOND, "only the free part leaves");
        vm.assertEq(
            registry.getTask(taskId).proverShare + stakeToken.balanceOf(smTreasury) - treasuryBefore,
            TRAINER_BOND,
            "prover share + treasury = the whole bond"
        );
        vm.assertTrue(_jailed(trainer), "jailed");
    }

    /// A trainer who will miss its commit deadline unbonds all free stake first: the expiry slash
    /// still takes the locked bond.
    function test_evasion_trainerMissingTheCommitIsSlashedDespiteUnbonding() public {
        uint256 other = _createTask(modelId, 8);
        _claim(other, trainer2);
        vm.prank(trainer2);
        sm.requestUnbond(TRAINER_STAKE - TRAINER_BOND);
        vm.warp(block.timestamp + DURATION + 1);
        vm.prank(outsider);
        registry.expire(other);
        vm.assertEq(_staked(trainer2), 0, "bond slashed");
        vm.assertEq(stakeToken.balanceOf(outsider), TRAINER_BOND / 4, "caller's prover share");
    }

    /// Every attester requests to unbond ALL of its stake in the block of the attestation (it is
    /// inactive from then on). A dispute opened in the last second of the window and resolved in
    /// the last second of the resolution period still slashes each of them in full, because the
    /// release time (attestation + 7 days) is after the resolution deadline (attestation + 2 x 3.5
    /// days - 1 s), and withdrawing before it reverts.
    function test_evasion_attestersUnbondingAtOnceAreSlashedByALastSecondResolution() public {
        _attestValid(taskId, 0, 3); // a lazy VALID on work the committee will call FRAUD
        uint256 attestedAt = block.timestamp;
        address[] memory attesters = _slice(0, 3);
        for (uint256 i; i < 3; ++i) {
            vm.prank(attesters[i]);
            sm.requestUnbond(VERIFIER_STAKE);
            (, uint64 releaseAt) = _unbonding(attesters[i]);
            vm.assertEq(releaseAt, attestedAt + UNBONDING_DELAY, "release time");
        }

        vm.warp(attestedAt + window - 1);
        _dispute(taskId, outsider);
        vm.warp(attestedAt + 2 * uint256(window) - 1); // the last second of the resolution period
        for (uint256 i; i < 3; ++i) {
            vm.prank(attesters[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IStakeManager.UnbondingNotMatured.selector, attestedAt + UNBONDING_DELAY)
            );
            sm.withdraw();
        }
        _resolve(taskId, FRAUD, 10, 5, attesters);

        for (uint256 i; i < 3; ++i) {
            (uint256 unbonding,) = _unbonding(attesters[i]);
            vm.assertEq(unbonding, VERIFIER_STAKE - VERIFIER_SLASH, "slashed out of unbonding stake");
            vm.assertTrue(_jailed(attesters[i]), "jailed");
        }
        vm.assertEq(stakeToken.balanceOf(outsider), DISPUTE_BOND + 3 * (VERIFIER_SLASH / 4), "disputer paid");
    }

    /// Fuzz: whenever an attester starts unbonding (any time from the attestation on), and
    /// whenever the dispute is opened and resolved within their deadlines, the full
    /// verifierSlashAmount is taken from it.
    function testFuzz_evasion_attesterUnbondingAnyTimeStaysSlashableUntilResolution(
        uint256 unbondDelay,
        uint256 disputeDelay,
        uint256 resolveDelay
    ) public {
        _attestValid(taskId, 0, 3);
        uint256 attestedAt = block.timestamp;
        uint256 disputeAt = attestedAt + bound(disputeDelay, 0, window - 1);
        uint256 resolveAt = bound(resolveDelay, disputeAt, attestedAt + 2 * uint256(window) - 1);
        uint256 unbondAt = attestedAt + bound(unbondDelay, 0, resolveAt - attestedAt);
        address attester = verifiers[1];

        vm.warp(unbondAt);
        vm.prank(attester);
        sm.requestUnbond(VERIFIER_STAKE);
        (, uint64 releaseAt) = _unbonding(attester);
        vm.assertGt(releaseAt, attestedAt + 2 * uint256(window) - 1, "released only after the resolution deadline");

        vm.warp(disputeAt > unbondAt ? disputeAt : unbondAt);
        if (block.timestamp >= attestedAt + window) return; // unbonded after the window: nothing left to dispute
        _dispute(taskId, outsider);
        vm.warp(resolveAt > block.timestamp ? resolveAt : block.timestamp);
        _resolve(taskId, FRAUD, 10, 5, _slice(0, 3));
        (uint256 unbonding,) = _unbonding(attester);
        vm.assertEq(unbonding, VERIFIER_STAKE - VERIFIER_SLASH, "slashed in full");
    }

    /// Restarting the unbonding clock only lengthens it; the owner changing the delay does not
    /// move a pending release; neither helps an attester leave before a resolution.
    function test_evasion_neitherARepeatedRequestNorTheOwnerShortensAPendingRelease() public {
        _attestValid(taskId, 0, 3);
        address attester = verifiers[0];
        vm.prank(attester);
        sm.requestUnbond(VERIFIER_STAKE / 2);
        (, uint64 first) = _unbonding(attester);
        sm.setUnbondingDelay(sm.MIN_UNBONDING_DELAY()); // already the minimum: no effect on pending
        vm.warp(block.timestamp + 1 days);
        vm.prank(attester);
        sm.requestUnbond(VERIFIER_STAKE / 2);
        (, uint64 second) = _unbonding(attester);
        vm.assertGt(second, first, "a new request restarts the clock for everything");
        vm.warp(first);
        vm.prank(attester);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.UnbondingNotMatured.selector, second));
        sm.withdraw();
    }
}
