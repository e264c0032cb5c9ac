// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice Audit: challenge-clock gaming. Every deadline of the task life cycle is probed at its
///         last second and the second after: commit, verification, challenge window, dispute
///         resolution. At every instant exactly one of the competing actions is possible (commit
///         vs expire, attest vs expire, dispute vs finalize, resolve vs lapsed finalize), so no
///         party can act "one second early" and no instant leaves the task stuck.
contract ChallengeClockAuditTest is RegistryFixture {
    uint256 internal modelId;

    function setUp() public override {
        super.setUp();
        modelId = _registerModel(_rules());
        vm.warp(1_800_000_000);
    }

    function _status(uint256 taskId) internal view returns (ITrainingRegistry.TaskStatus) {
        return registry.getTask(taskId).status;
    }

    /// Runs `data` against the registry in a throw-away state; true iff it succeeded.
    function _succeeds(bytes memory data) internal returns (bool ok) {
        return _succeedsAs(address(this), data);
    }

    function _succeedsAs(address caller, bytes memory data) internal returns (bool ok) {
        uint256 snap = vm.snapshotState();
        vm.prank(caller);
        (ok,) = address(registry).call(data);
        vm.revertToState(snap);
    }

    function _attested() internal returns (uint256 taskId, uint256 windowEnd) {
        taskId = _createTask(modelId, 32);
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
        _attestValid(taskId, 0, 3);
        windowEnd = registry.getTask(taskId).deadline;
    }

    function test_clock_commitAtTheDeadlineSecondLandsAndExpireCannotRaceIt() public {
        uint256 taskId = _createTask(modelId, 32);
        _claim(taskId, trainer);
        uint256 deadline = registry.getTask(taskId).deadline;

        vm.warp(deadline);
        vm.assertFalse(_succeeds(abi.encodeCall(registry.expire, (taskId))), "no expiry at the deadline");
        _commit(taskId);
        vm.assertEq(uint256(_status(taskId)), uint256(ITrainingRegistry.TaskStatus.Committed), "committed");

        uint256 late = _createTask(modelId, 32);
        _claim(late, trainer2);
        vm.warp(registry.getTask(late).deadline + 1);
        vm.prank(trainer2);
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.DeadlinePassed.selector, late, block.timestamp - 1)
        );
        registry.commit(late, keccak256("root"), keccak256("ckpt"), "");
        registry.expire(late); // one second later: slashed and reopened
        vm.assertEq(uint256(_status(late)), uint256(ITrainingRegistry.TaskStatus.Open), "reopened");
    }

    function test_clock_attestAtTheVerifyDeadlineSecondLandsAndExpireCannotRaceIt() public {
        uint256 taskId = _createTask(modelId, 32);
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
        uint256 deadline = registry.getTask(taskId).deadline;

        vm.warp(deadline + 1);
        bytes memory sigs = _signBatch(taskId, VALID, 0, 0, 3);
        vm.assertFalse(
            _succeeds(
                abi.encodeCall(registry.submitAttestations, (taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0)))
            ),
            "no batch one second late"
        );
        vm.assertTrue(_succeeds(abi.encodeCall(registry.expire, (taskId))), "expiry one second late");

        vm.warp(deadline);
        vm.assertFalse(_succeeds(abi.encodeCall(registry.expire, (taskId))), "no expiry at the deadline");
        _attestValid(taskId, 0, 3);
        // Landing at the last second still opens a full window for disputers.
        vm.assertEq(uint256(registry.getTask(taskId).deadline), deadline + CHALLENGE_WINDOW, "full window");
    }

    /// The brief's case: finalizing one second before the window ends reverts, and at that second
    /// a dispute is still possible; at the window's end the dispute is refused and finalize works.
    function test_clock_finalizeOneSecondEarlyRevertsWhileADisputeIsStillPossible() public {
        (uint256 taskId, uint256 windowEnd) = _attested();

        vm.warp(windowEnd - 1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOpen.selector, taskId, windowEnd));
        registry.finalize(taskId);
        stakeToken.mint(outsider, DISPUTE_BOND);
        vm.prank(outsider);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        vm.assertTrue(_succeedsAs(outsider, abi.encodeCall(registry.dispute, (taskId))), "dispute lands at windowEnd - 1");

        vm.warp(windowEnd);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowClosed.selector, taskId, windowEnd));
        registry.dispute(taskId);
        registry.finalize(taskId);
        vm.assertEq(uint256(_status(taskId)), uint256(ITrainingRegistry.TaskStatus.Finalized), "finalized");
    }

    /// A dispute lapses exactly at windowEnd + challengeWindow: the committee can resolve until the
    /// second before; the lapsed finalize works from that second on, not before.
    function test_clock_disputeResolutionAndLapseDoNotOverlap() public {
        (uint256 taskId, uint256 windowEnd) = _attested();
        vm.warp(windowEnd - 1);
        _dispute(taskId, outsider);
        uint256 resolveBy = windowEnd + CHALLENGE_WINDOW;
        address[] memory originals = _slice(0, 3);
        uint256 segment = _firstSampled(taskId);
        bytes memory resolution = abi.encodeCall(
            registry.resolveDispute,
            (
                taskId,
                FRAUD,
                segment,
                _signBatch(taskId, FRAUD, segment, 10, 5),
                fieldsOf[taskId][segment],
                _proof(taskId, segment),
                originals
            )
        );

        vm.warp(resolveBy - 1);
        vm.assertTrue(_succeeds(resolution), "resolvable in the last second");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOpen.selector, taskId, resolveBy));
        registry.finalize(taskId);

        vm.warp(resolveBy);
        vm.assertFalse(_succeeds(resolution), "lapsed at resolveBy");
        registry.finalize(taskId);
        vm.assertEq(uint256(_status(taskId)), uint256(ITrainingRegistry.TaskStatus.Finalized), "attested verdict stands");
        vm.assertEq(stakeToken.balanceOf(treasury), DISPUTE_BOND, "bond forfeited");
    }

    /// An overturn makes the task final at once (windowEnd = now), and the task cannot be disputed
    /// a second time to restart the clock.
    function test_clock_anOverturnCannotBeDisputedAgain() public {
        (uint256 taskId,) = _attested();
        _dispute(taskId, outsider);
        _resolve(taskId, FRAUD, 10, 5, _slice(0, 3));
        stakeToken.mint(trainer2, DISPUTE_BOND);
        vm.startPrank(trainer2);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Resolved)
        );
        registry.dispute(taskId);
        vm.stopPrank();
        registry.finalize(taskId); // same second
        vm.assertEq(uint256(_status(taskId)), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
    }

    /// Fuzz: at any instant after the batch, exactly one of dispute and finalize is possible.
    function testFuzz_clock_exactlyOneOfDisputeOrFinalizeAtAnyInstant(uint256 offset) public {
        (uint256 taskId, uint256 windowEnd) = _attested();
        uint256 attestedAt = windowEnd - CHALLENGE_WINDOW;
        vm.warp(attestedAt + bound(offset, 0, 3 * uint256(CHALLENGE_WINDOW)));
        stakeToken.mint(outsider, DISPUTE_BOND);
        vm.prank(outsider);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        bool disputable = _succeedsAs(outsider, abi.encodeCall(registry.dispute, (taskId)));
        bool finalizable = _succeeds(abi.encodeCall(registry.finalize, (taskId)));
        vm.assertTrue(disputable != finalizable, "exactly one");
        vm.assertEq(disputable, block.timestamp < windowEnd, "dispute iff before windowEnd");
    }

    /// The seed cannot be drawn in the commit block nor in the seed block (its hash is unknown
    /// until the next one), so a trainer cannot commit knowing its samples.
    function test_clock_seedIsNotDrawableBeforeTheSeedBlockIsPast() public {
        uint256 taskId = _createTask(modelId, 32);
        _claim(taskId, trainer);
        _commit(taskId);
        uint256 seedBlock = registry.getTask(taskId).seedBlock;
        vm.assertEq(seedBlock, block.number + 1, "next block");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotReady.selector, taskId, seedBlock));
        registry.drawSeed(taskId);
        vm.roll(seedBlock);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotReady.selector, taskId, seedBlock));
        registry.drawSeed(taskId);
    }

    /// INFORMATIONAL (docs/protocol.md section 5 says the re-anchor gives the trainer nothing):
    /// once the seed block is mined, everyone, the trainer included, can compute the would-be seed
    /// and its samples. If NOBODY calls drawSeed for 256 blocks the seed re-anchors, so a trainer
    /// who dislikes its samples can hope for that and get a second draw. Any single drawSeed call
    /// in those 256 blocks fixes the seed for good; verifiers and keepers must draw promptly.
    function test_clock_seedRerollNeedsEveryoneIdleFor256Blocks() public {
        uint256 taskId = _createTask(modelId, 32);
        _claim(taskId, trainer);
        _commit(taskId);
        uint256 seedBlock = registry.getTask(taskId).seedBlock;
        vm.roll(seedBlock + 1);
        bytes32 seedBlockHash = keccak256("mined");
        vm.setBlockhash(seedBlock, seedBlockHash);
        bytes32 root = registry.getTask(taskId).root;
        bytes32 wouldBe = keccak256(abi.encode(seedBlockHash, taskId, root)); // public knowledge now

        uint256 snap = vm.snapshotState();
        vm.roll(seedBlock + 256); // the last block where blockhash(seedBlock) is available
        registry.drawSeed(taskId);
        vm.assertEq(registry.getTask(taskId).seed, wouldBe, "a draw within 256 blocks fixes the known seed");
        vm.revertToState(snap);

        vm.roll(seedBlock + 257); // nobody drew: the hash is gone
        vm.setBlockhash(seedBlock, bytes32(0));
        registry.drawSeed(taskId);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(t.seed, bytes32(0), "re-anchored, not drawn");
        vm.assertEq(t.seedBlock, seedBlock + 258, "to the next block: a second, unpredictable draw");
    }
}
