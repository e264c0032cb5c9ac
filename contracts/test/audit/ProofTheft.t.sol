// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {TrainingRegistryLens} from "../../src/periphery/TrainingRegistryLens.sol";
import {SegmentTree} from "../../src/registry/SegmentTree.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {SegmentTreeBuilder} from "../registry/SegmentTreeBuilder.sol";

/// @notice Audit: proof theft and lazy / colluding verifiers, on-chain side. A copied commitment
///         (another trainer's root, or a root built for another task) commits, but proves nothing
///         for the copier: every leaf binds chain, registry, task and trainer, so no leaf of the
///         original verifies for the copy, no FRAUD batch can be proven against it, and the only
///         verdict a quorum can give is UNAVAILABLE, which slashes the copier's whole bond. Lazy or
///         colluding attesters are overturned by the committee and slashed; the honest party that
///         disputes is paid.
contract ProofTheftAuditTest is RegistryFixture {
    uint256 internal modelId;
    uint256 internal original;

    TrainingRegistryLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new TrainingRegistryLens();
        modelId = _registerModel(_rules());
        original = _createTask(modelId, 32);
        _claim(original, trainer2);
        _commit(original); // trainer2's honest leaves
        _drawSeed(original);
    }

    /// trainer copies trainer2's root (and final checkpoint) into its own task. The commit lands (a
    /// root is not unique on-chain), but it proves nothing: the original leaves, presented with the
    /// original proofs, do not verify for the copy (its trainer and task id differ), and the
    /// segmentLeaf view for the copy differs from the original's.
    function test_theft_aCopiedRootHasNoLeafTheCopierCanOpen() public {
        uint256 copy = _createTask(modelId, 32);
        _claim(copy, trainer);
        bytes32 stolenRoot = registry.getTask(original).root;
        vm.prank(trainer);
        registry.commit(copy, stolenRoot, _finalCheckpoint(original), "file:///stolen");
        vm.assertEq(registry.getTask(copy).root, stolenRoot, "the copy is committed");

        for (uint256 i; i < 8; ++i) {
            ITrainingRegistry.SegmentLeaf memory f = fieldsOf[original][i];
            bytes32 copyLeaf = registry.segmentLeaf(copy, i, f.ckptStart, f.ckptEnd, f.batchesHash, f.lossesHash);
            vm.assertNotEq(copyLeaf, leavesOf[original][i], "the leaf binds task and trainer");
            vm.assertFalse(
                lens.verifySegmentProof(stolenRoot, 8, i, copyLeaf, _proof(original, i)),
                "the original proof does not open the copy"
            );
        }
    }

    /// The copy cannot even be convicted of FRAUD (a FRAUD batch must open the failing leaf under
    /// the copier's binding), so the verifiers, who find no bundle matching it, sign UNAVAILABLE:
    /// that quorum rejects the copy and slashes the copier's whole bond, jailing it, while the
    /// original is finalized and its trainer paid. What the copy cost the original: nothing.
    function test_theft_aCopiedRootEndsUnavailable_theCopierSlashedAndTheOriginalPaid() public {
        uint256 copy = _createTask(modelId, 32);
        _claim(copy, trainer);
        bytes32 stolenRoot = registry.getTask(original).root;
        vm.prank(trainer);
        registry.commit(copy, stolenRoot, _finalCheckpoint(original), "file:///stolen");
        _drawSeed(copy);

        uint256 segment = _firstSampled(copy);
        bytes memory fraud = _signBatch(copy, FRAUD, segment, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.InvalidSegmentProof.selector, segment));
        ITrainingRegistry.SegmentLeaf memory leaf = fieldsOf[original][segment];
        registry.submitAttestations(copy, FRAUD, segment, fraud, leaf, _proof(original, segment));

        _attestUnavailable(copy, 0, 3);
        _attestValid(original, 3, 3);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        registry.finalize(copy);
        registry.finalize(original);

        vm.assertEq(uint256(registry.getTask(copy).status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - TRAINER_BOND, "the copier loses its bond");
        vm.assertTrue(_jailed(trainer), "and is jailed");
        uint256 next = _createTask(modelId, 32);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotActiveTrainer.selector, trainer));
        registry.claimTask(next);

        ITrainingRegistry.TaskStatus status = registry.getTask(original).status;
        vm.assertEq(uint256(status), uint256(ITrainingRegistry.TaskStatus.Finalized), "the original is finalized");
        vm.assertEq(_staked(trainer2), TRAINER_STAKE, "the original trainer keeps its stake");
        vm.assertEq(_locked(trainer2), 0, "and its bond is released");
        IModelToken token = IModelToken(registry.getModel(modelId).token);
        vm.assertEq(token.balanceOf(trainer2), REWARD, "and is paid");
        registry.claimAttesterRewards(copy, _slice(0, 3));
        registry.claimAttesterRewards(original, _slice(3, 3));
        uint256 proverShare = TRAINER_BOND * PROVER_BPS / 10_000;
        vm.assertEq(stakeToken.balanceOf(verifiers[0]), proverShare / 3, "the copy's attesters share the prover share");
        vm.assertEq(token.balanceOf(verifiers[3]), VERIFIER_FEE / 3, "the original's attesters get the fee");
    }

    /// Replaying a whole valid commitment under the same trainer for ANOTHER task commits too, and
    /// opens nothing either: the task id is in every leaf.
    function test_theft_aRootReplayedForAnotherTaskOfTheSameTrainerHasNoOpenableLeaf() public {
        uint256 replay = _createTask(modelId, 32);
        _claim(replay, trainer2);
        bytes32 root = registry.getTask(original).root;
        vm.prank(trainer2);
        registry.commit(replay, root, _finalCheckpoint(original), "file:///replayed");
        vm.assertEq(registry.getTask(replay).root, root, "the replay is committed");
        for (uint256 segment; segment < 8; ++segment) {
            ITrainingRegistry.SegmentLeaf memory f = fieldsOf[original][segment];
            bytes32 leaf = SegmentTree.leafHash(
                block.chainid, address(registry), replay, trainer2, segment, f.ckptStart, f.ckptEnd, f.batchesHash, f.lossesHash
            );
            vm.assertFalse(lens.verifySegmentProof(root, 8, segment, leaf, _proof(original, segment)), "no opening");
        }
    }

    /// Lazy or colluding attesters sign VALID on work the committee finds fraudulent: the dispute
    /// overturns them, each is slashed and jailed, the disputer is refunded and paid, the trainer's
    /// bond is slashed at finalize, and the committee (not the lazy attesters) shares the prover
    /// share.
    function test_lazy_validAttestationOnFraudIsOverturnedAndEveryLiarPays() public {
        _attestValid(original, 0, 3);
        _dispute(original, outsider);
        _resolve(original, FRAUD, 10, 5, _slice(0, 3));
        registry.finalize(original);

        address[] memory lazy = _slice(0, 3);
        for (uint256 i; i < lazy.length; ++i) {
            vm.assertEq(_staked(lazy[i]), VERIFIER_STAKE - VERIFIER_SLASH, "slashed");
            vm.assertTrue(_jailed(lazy[i]), "jailed");
        }
        vm.assertEq(stakeToken.balanceOf(outsider), DISPUTE_BOND + 3 * (VERIFIER_SLASH / 4), "disputer paid");
        vm.assertEq(uint256(registry.getTask(original).status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertEq(_staked(trainer2), TRAINER_STAKE - TRAINER_BOND, "trainer slashed");

        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.AttestersMismatch.selector, original));
        registry.claimAttesterRewards(original, lazy); // the lazy attesters get nothing
        registry.claimAttesterRewards(original, _slice(10, 5));
        vm.assertEq(stakeToken.balanceOf(verifiers[10]), (TRAINER_BOND / 4) / 5, "committee paid");
    }

    /// A colluding quorum cannot include the trainer itself, nor reuse one key twice.
    function test_collusion_trainerCannotAttestItsOwnTaskNorCountTwice() public {
        // Twice the same verifier: signers must be strictly ascending.
        bytes32 digest = _digest(original, VALID, 0);
        bytes memory one = _sign(verifierKeys[0], digest);
        bytes memory sigs = bytes.concat(one, one, _sign(verifierKeys[1], digest));
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.SignersNotAscending.selector, verifiers[0], verifiers[0])
        );
        registry.submitAttestations(original, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    /// The test tree builder and the registry agree (guards the two tests above against a
    /// fixture that would make every proof fail).
    function test_theft_controlTheOriginalLeavesOpenTheOriginalRoot() public view {
        bytes32 root = registry.getTask(original).root;
        vm.assertEq(root, SegmentTreeBuilder.root(leavesOf[original]), "root");
        for (uint256 i; i < 8; ++i) {
            vm.assertTrue(lens.verifySegmentProof(root, 8, i, leavesOf[original][i], _proof(original, i)), "opens");
        }
    }
}
