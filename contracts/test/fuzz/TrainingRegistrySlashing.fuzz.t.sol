// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice Slashing splits through the registry: the trainer's bond on FRAUD (prover share split
///         among the attesters, dust to the treasury) and the attesters' stake on an overturned
///         verdict (prover share to the disputer). No token is created or lost.
contract TrainingRegistrySlashingFuzzTest is RegistryFixture {
    /// FRAUD: the bond is slashed in full; the stake manager's treasury gets bond - share; each of
    /// the m attesters gets floor(share / m); the registry's treasury the dust; nothing stays behind.
    function testFuzz_fraudSplitsTrainerBond(uint256 bond, uint16 bps, uint8 quorum) public {
        bond = bound(bond, 1, TRAINER_STAKE);
        bps = uint16(bound(bps, 0, 5_000));
        quorum = uint8(bound(quorum, 1, 16));
        sm.setProverShareBps(bps);
        ITrainingRegistry.Rules memory rules = _rulesWithQuorum(quorum, quorum + 1);
        rules.trainerBond = uint96(bond);
        (, uint256 taskId) = _readyTask(rules, 16);
        _attestFraud(taskId, 0, quorum);
        vm.warp(registry.getTask(taskId).deadline);

        uint256 smTreasuryBefore = stakeToken.balanceOf(smTreasury);
        registry.finalize(taskId);
        uint256 share = bond * bps / 10_000;
        vm.assertEq(registry.getTask(taskId).proverShare, share, "prover share recorded");
        vm.assertEq(stakeToken.balanceOf(smTreasury) - smTreasuryBefore, bond - share, "stake-manager treasury");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - bond, "bond slashed");

        address[] memory attesters = _slice(0, quorum);
        registry.claimAttesterRewards(taskId, attesters);
        uint256 paid;
        for (uint256 i; i < quorum; ++i) {
            vm.assertEq(stakeToken.balanceOf(attesters[i]), share / quorum, "equal split");
            paid += stakeToken.balanceOf(attesters[i]);
        }
        vm.assertEq(paid + stakeToken.balanceOf(treasury), share, "split + dust = share");
        vm.assertLt(stakeToken.balanceOf(treasury), quorum, "dust < m");
        vm.assertEq(stakeToken.balanceOf(address(registry)), 0, "nothing left in the registry");
    }

    /// Overturn: each attester loses min(stake, verifierSlashAmount); the disputer gets its bond
    /// back plus the prover share of each slash; the stake manager's treasury the rest.
    function testFuzz_overturnSplitsAttesterSlashes(uint256 slashAmount, uint16 bps, uint8 quorum) public {
        slashAmount = bound(slashAmount, 1, 3 * VERIFIER_STAKE); // may exceed what a verifier holds
        bps = uint16(bound(bps, 0, 5_000));
        quorum = uint8(bound(quorum, 1, 8));
        sm.setProverShareBps(bps);
        registry.setVerifierSlashAmount(slashAmount);
        (, uint256 taskId) = _readyTask(_rulesWithQuorum(quorum, quorum + 2), 16);
        _attestValid(taskId, 0, quorum);
        address disputer = makeAddr("disputer");
        _dispute(taskId, disputer);

        uint256 smTreasuryBefore = stakeToken.balanceOf(smTreasury);
        _resolve(taskId, FRAUD, quorum, quorum + 2, _slice(0, quorum));

        uint256 each = slashAmount < VERIFIER_STAKE ? slashAmount : VERIFIER_STAKE;
        uint256 proverEach = each * bps / 10_000;
        for (uint256 i; i < quorum; ++i) {
            vm.assertEq(_staked(verifiers[i]), VERIFIER_STAKE - each, "attester slashed");
        }
        vm.assertEq(stakeToken.balanceOf(disputer), DISPUTE_BOND + quorum * proverEach, "bond + prover shares");
        vm.assertEq(
            stakeToken.balanceOf(smTreasury) - smTreasuryBefore, quorum * (each - proverEach), "treasury remainder"
        );
        vm.assertEq(stakeToken.balanceOf(address(registry)), 0, "bond left the registry");
    }
}
