// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IStakeManager, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {Sampling} from "../../src/registry/Sampling.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice claimTask, commit, drawSeed, sampledSegments and expire.
contract TrainingRegistryTasksTest is RegistryFixture {
    uint256 internal modelId;
    uint256 internal taskId;

    function setUp() public override {
        super.setUp();
        modelId = _registerModel(_rules());
        taskId = _createTask(modelId, 16); // S = 4 segments
    }

    // ------------------------------------------------------------------------------ claimTask

    function test_claimTask_locksBondAndStartsDeadline() public {
        uint64 deadline = uint64(block.timestamp + DURATION);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskClaimed(taskId, modelId, trainer, TRAINER_BOND, deadline);
        _claim(taskId, trainer);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Claimed), "status");
        vm.assertEq(t.trainer, trainer, "trainer");
        vm.assertEq(uint256(t.deadline), deadline, "deadline");
        vm.assertEq(_locked(trainer), TRAINER_BOND, "bond locked");
    }

    function test_claimTask_revertsUnlessOpen() public {
        _claim(taskId, trainer);
        vm.prank(trainer2);
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Claimed)
        );
        registry.claimTask(taskId);

        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, 99, ITrainingRegistry.TaskStatus.None)
        );
        registry.claimTask(99);
    }

    function test_claimTask_revertsForNonTrainer() public {
        vm.prank(verifiers[0]);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotActiveTrainer.selector, verifiers[0]));
        registry.claimTask(taskId);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotActiveTrainer.selector, outsider));
        registry.claimTask(taskId);
    }

    function test_claimTask_revertsWhenFreeStakeBelowBond() public {
        address poor = makeAddr("poorTrainer");
        _stake(poor, 1, MIN_TRAINER_STAKE); // active, but 100 < bond 200
        vm.prank(poor);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.InsufficientFreeStake.selector, poor, MIN_TRAINER_STAKE, TRAINER_BOND)
        );
        registry.claimTask(taskId);
    }

    // ------------------------------------------------------------------------------ commit

    function test_commit_recordsRootAndSeedBlock() public {
        _claim(taskId, trainer);
        uint256 commitBlock = block.number;
        bytes32 root = _commit(taskId);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Committed), "status");
        vm.assertEq(t.root, root, "root");
        vm.assertEq(t.finalCheckpoint, _finalCheckpoint(taskId), "final");
        vm.assertEq(uint256(t.seedBlock), commitBlock + Sampling.SEED_DELAY, "seed block");
        vm.assertEq(uint256(t.deadline), block.timestamp + VERIFY_TIMEOUT, "verify deadline");
        vm.assertEq(t.seed, bytes32(0), "no seed yet");
        vm.assertEq(t.attestersHash, bytes32(0), "no attesters yet");
    }

    function test_commit_emitsEverythingVerifiersNeed() public {
        _claim(taskId, trainer);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskCommitted(
            taskId,
            modelId,
            trainer,
            keccak256("r"),
            keccak256("f"),
            4,
            block.number + 1,
            uint64(block.timestamp + VERIFY_TIMEOUT),
            "ipfs://x"
        );
        vm.prank(trainer);
        registry.commit(taskId, keccak256("r"), keccak256("f"), "ipfs://x");
    }

    function test_commit_revertsForOtherThanClaimer() public {
        _claim(taskId, trainer);
        vm.prank(trainer2);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotTrainer.selector, taskId, trainer2));
        registry.commit(taskId, keccak256("r"), keccak256("f"), "");
    }

    function test_commit_revertsUnlessClaimed() public {
        vm.prank(trainer);
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Open)
        );
        registry.commit(taskId, keccak256("r"), keccak256("f"), "");
    }

    function test_commit_revertsAfterDeadline() public {
        _claim(taskId, trainer);
        uint256 deadline = block.timestamp + DURATION;
        vm.warp(deadline); // the deadline itself is still in time
        vm.prank(trainer);
        registry.commit(taskId, keccak256("r"), keccak256("f"), "");

        uint256 other = _createTask(modelId, 4);
        _claim(other, trainer);
        uint256 otherDeadline = block.timestamp + DURATION;
        vm.warp(otherDeadline + 1);
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.DeadlinePassed.selector, other, otherDeadline));
        registry.commit(other, keccak256("r"), keccak256("f"), "");
    }

    /// A root is not unique: a verbatim copy of another task's root commits (the copy opens no leaf
    /// and can only end UNAVAILABLE: test/audit/ProofTheft.t.sol), and the original still commits
    /// when the copy landed first, so a copier that saw the original's transaction cannot block it.
    function test_commit_acceptsARootCommittedForAnotherTask_inEitherOrder() public {
        _claim(taskId, trainer);
        uint256 beforeOriginal = vm.snapshotState();
        bytes32 root = _commit(taskId); // learns the root the original trainer will commit
        vm.revertToState(beforeOriginal);

        uint256 copy = _createTask(modelId, 16);
        _claim(copy, trainer2);
        vm.prank(trainer2);
        registry.commit(copy, root, keccak256("f"), "");
        vm.assertEq(_commit(taskId), root, "the original commits the same root after the copy");

        vm.assertEq(registry.getTask(copy).root, root, "copy");
        vm.assertEq(registry.getTask(taskId).root, root, "original");
        uint256 committed = uint256(ITrainingRegistry.TaskStatus.Committed);
        vm.assertEq(uint256(registry.getTask(copy).status), committed, "copy status");
        vm.assertEq(uint256(registry.getTask(taskId).status), committed, "original status");
    }

    /// The root of an expired commitment can be committed again for the same task by the next
    /// claimer (it binds the barred trainer, so it opens nothing for the new one).
    function test_commit_acceptsTheRootOfAnExpiredCommitmentFromTheNextClaimer() public {
        _claim(taskId, trainer);
        bytes32 root = _commit(taskId);
        vm.warp(block.timestamp + VERIFY_TIMEOUT + 1);
        registry.expire(taskId);
        _claim(taskId, trainer2);
        vm.prank(trainer2);
        registry.commit(taskId, root, keccak256("f"), "");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(t.trainer, trainer2, "trainer");
        vm.assertEq(t.root, root, "root");
        vm.assertTrue(registry.barred(taskId, trainer), "the first trainer stays barred");
    }

    function test_commit_revertsOnEmptyCommitment() public {
        _claim(taskId, trainer);
        vm.startPrank(trainer);
        vm.expectRevert(ITrainingRegistry.EmptyCommitment.selector);
        registry.commit(taskId, bytes32(0), keccak256("f"), "");
        vm.expectRevert(ITrainingRegistry.EmptyCommitment.selector);
        registry.commit(taskId, keccak256("r"), bytes32(0), "");
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------ drawSeed

    function test_drawSeed_hashesSeedBlockHashTaskAndRoot() public {
        _claim(taskId, trainer);
        bytes32 root = _commit(taskId);
        uint256 seedBlock = block.number + 1;
        bytes32 blockHash = keccak256("some block");
        vm.roll(seedBlock + 1);
        vm.setBlockhash(seedBlock, blockHash);
        bytes32 expected = keccak256(abi.encode(blockHash, taskId, root));
        vm.expectEmit(true, false, false, true, address(registry));
        emit ITrainingRegistry.SeedDrawn(taskId, expected, seedBlock);
        registry.drawSeed(taskId);
        vm.assertEq(registry.getTask(taskId).seed, expected, "seed");
    }

    function test_drawSeed_revertsBeforeSeedBlockIsPast() public {
        _claim(taskId, trainer);
        _commit(taskId);
        uint256 seedBlock = block.number + 1;
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotReady.selector, taskId, seedBlock));
        registry.drawSeed(taskId);
        vm.roll(seedBlock);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotReady.selector, taskId, seedBlock));
        registry.drawSeed(taskId);
    }

    function test_drawSeed_revertsWhenDrawnOrNotCommitted() public {
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Open)
        );
        registry.drawSeed(taskId);
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedAlreadyDrawn.selector, taskId));
        registry.drawSeed(taskId);
    }

    function test_drawSeed_reanchorsWhenBlockHashIsGone() public {
        _claim(taskId, trainer);
        _commit(taskId);
        uint256 seedBlock = block.number + 1;
        vm.roll(seedBlock + 300); // blockhash(seedBlock) is 0 now
        vm.setBlockhash(seedBlock, bytes32(0));
        vm.expectEmit(true, false, false, true, address(registry));
        emit ITrainingRegistry.SeedReanchored(taskId, seedBlock, seedBlock + 301);
        registry.drawSeed(taskId);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.seedBlock), seedBlock + 301, "re-anchored");
        vm.assertEq(t.seed, bytes32(0), "still no seed");

        bytes32 seed = _drawSeed(taskId);
        vm.assertTrue(seed != bytes32(0), "drawn after re-anchoring");
    }

    // ------------------------------------------------------------------------------ sampledSegments

    function test_sampledSegments_matchesProtocolFormula() public {
        _claim(taskId, trainer);
        bytes32 root = _commit(taskId);
        bytes32 seed = _drawSeed(taskId);
        uint256[] memory got = registry.sampledSegments(taskId);
        vm.assertEq(got.length, 3, "q samples");
        for (uint256 j; j < got.length; ++j) {
            vm.assertEq(got[j], uint256(keccak256(abi.encode(seed, root, j))) % 4, "segment_j");
        }
    }

    function test_sampledSegments_revertsBeforeSeed() public {
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotDrawn.selector, taskId));
        registry.sampledSegments(taskId);
    }

    // ------------------------------------------------------------------------------ expire

    function test_expire_missedCommitSlashesBondPaysCallerAndReopens() public {
        _claim(taskId, trainer);
        vm.warp(block.timestamp + DURATION + 1);
        uint256 proverShare = TRAINER_BOND * PROVER_BPS / 10_000;
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskExpired(taskId, trainer, outsider, false, TRAINER_BOND);
        vm.prank(outsider);
        registry.expire(taskId);

        vm.assertEq(stakeToken.balanceOf(outsider), proverShare, "caller gets the prover share");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - TRAINER_BOND, "bond slashed");
        vm.assertEq(_locked(trainer), 0, "lock consumed");
        vm.assertTrue(_jailed(trainer), "stake manager jails");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Open), "reopened");
        vm.assertEq(t.trainer, address(0), "claimer cleared");
        vm.assertEq(uint256(t.deadline), 0, "deadline cleared");

        _claim(taskId, trainer2); // anyone else may take it
        vm.assertEq(registry.getTask(taskId).trainer, trainer2, "reclaimed");
    }

    function test_expire_missingAttestationsUnlocksBondAndReopens() public {
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
        vm.warp(block.timestamp + VERIFY_TIMEOUT + 1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskExpired(taskId, trainer, outsider, true, 0);
        vm.prank(outsider);
        registry.expire(taskId);

        vm.assertEq(_staked(trainer), TRAINER_STAKE, "not slashed");
        vm.assertEq(_locked(trainer), 0, "unlocked");
        vm.assertTrue(!_jailed(trainer), "not jailed");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Open), "reopened");
        vm.assertEq(t.root, bytes32(0), "root cleared");
        vm.assertEq(t.seed, bytes32(0), "seed cleared");
        vm.assertEq(uint256(t.seedBlock), 0, "seed block cleared");

        // the same trainer may not claim it again; another may, and draws a new seed
        vm.assertTrue(registry.barred(taskId, trainer), "barred");
        vm.prank(trainer);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.TrainerBarred.selector, taskId, trainer));
        registry.claimTask(taskId);
        _claim(taskId, trainer2);
        _commit(taskId);
        vm.assertTrue(_drawSeed(taskId) != bytes32(0), "new seed");
    }

    function test_expire_barsTheTrainerFromThatTaskOnly() public {
        _claim(taskId, trainer);
        _commit(taskId);
        vm.warp(block.timestamp + VERIFY_TIMEOUT + 1);
        registry.expire(taskId);
        uint256 other = _createTask(modelId, 16);
        vm.assertTrue(!registry.barred(other, trainer), "other task open to it");
        _claim(other, trainer);
        vm.assertEq(registry.getTask(other).trainer, trainer, "claimed another task");
        vm.assertTrue(!registry.barred(taskId, trainer2), "others not barred");
    }

    function test_expire_revertsBeforeDeadline() public {
        _claim(taskId, trainer);
        uint256 deadline = block.timestamp + DURATION;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotExpired.selector, taskId, deadline));
        registry.expire(taskId);
    }

    function test_expire_revertsInOtherStates() public {
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Open)
        );
        registry.expire(taskId);
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
        _attestValid(taskId, 0, 3);
        vm.warp(block.timestamp + VERIFY_TIMEOUT + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Attested
            )
        );
        registry.expire(taskId);
    }
}
