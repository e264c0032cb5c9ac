// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice dispute and resolveDispute: bonds, committee checks, overturning and upholding.
contract TrainingRegistryDisputesTest is RegistryFixture {
    uint256 internal modelId;
    uint256 internal taskId;
    address internal disputer;
    uint256 internal windowEnd;

    function setUp() public override {
        super.setUp();
        disputer = makeAddr("disputer");
        (modelId, taskId) = _readyTask(_rules(), 32); // m = 3, disputeQuorum = 5
    }

    function _attestedValid() private {
        _attestValid(taskId, 0, 3);
        windowEnd = registry.getTask(taskId).deadline;
    }

    function _attestedFraud() private {
        _attestFraud(taskId, 0, 3);
        windowEnd = registry.getTask(taskId).deadline;
    }

    // ------------------------------------------------------------------------------ dispute

    function test_dispute_takesBondAndMarksDisputed() public {
        _attestedValid();
        stakeToken.mint(disputer, DISPUTE_BOND);
        vm.startPrank(disputer);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.TaskDisputed(taskId, disputer, DISPUTE_BOND, uint64(windowEnd + CHALLENGE_WINDOW));
        registry.dispute(taskId);
        vm.stopPrank();
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Disputed), "status");
        vm.assertEq(t.disputer, disputer, "disputer");
        vm.assertEq(stakeToken.balanceOf(address(registry)), DISPUTE_BOND, "bond held");
        vm.assertEq(stakeToken.balanceOf(disputer), 0, "bond paid");
    }

    function test_dispute_revertsAtWindowEnd() public {
        _attestedValid();
        vm.warp(windowEnd);
        stakeToken.mint(disputer, DISPUTE_BOND);
        vm.startPrank(disputer);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowClosed.selector, taskId, windowEnd));
        registry.dispute(taskId);
        vm.stopPrank();
    }

    function test_dispute_revertsUnlessAttested() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Committed
            )
        );
        registry.dispute(taskId);
        _attestedValid();
        _dispute(taskId, disputer);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Disputed
            )
        );
        registry.dispute(taskId);
    }

    function test_dispute_revertsWithoutAllowance() public {
        _attestedValid();
        stakeToken.mint(disputer, DISPUTE_BOND);
        vm.prank(disputer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(registry), 0, DISPUTE_BOND
            )
        );
        registry.dispute(taskId);
    }

    // ------------------------------------------------------------------------------ overturn

    function test_resolveDispute_overturnedValidSlashesAttestersAndRejects() public {
        _attestedValid();
        _dispute(taskId, disputer);
        address[] memory originals = _slice(0, 3);
        address[] memory committee = _slice(3, 5);
        uint256 perSlash = VERIFIER_SLASH * PROVER_BPS / 10_000;
        uint256 segment = _firstSampled(taskId);

        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeResolved(taskId, true, FRAUD, segment, committee, 3 * VERIFIER_SLASH);
        _resolve(taskId, FRAUD, 3, 5, originals);

        for (uint256 i; i < 3; ++i) {
            vm.assertEq(_staked(originals[i]), VERIFIER_STAKE - VERIFIER_SLASH, "attester slashed");
            vm.assertTrue(_jailed(originals[i]), "attester jailed");
        }
        vm.assertEq(stakeToken.balanceOf(disputer), DISPUTE_BOND + 3 * perSlash, "bond back + prover shares");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Resolved), "status");
        vm.assertEq(uint256(t.verdict), FRAUD, "verdict replaced");
        vm.assertEq(uint256(t.failingSegment), segment, "segment");
        vm.assertEq(t.attestersHash, keccak256(abi.encodePacked(committee)), "committee replaces attesters");
        vm.assertEq(uint256(t.deadline), block.timestamp, "finalizable now");

        registry.finalize(taskId); // no waiting
        vm.assertEq(uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertTrue(_jailed(trainer), "trainer slashed");
    }

    function test_resolveDispute_overturnedFraudPaysTrainerAndCommittee() public {
        _attestedFraud();
        _dispute(taskId, trainer); // the accused trainer disputes
        address[] memory committee = _slice(10, 5);
        _resolve(taskId, VALID, 10, 5, _slice(0, 3));

        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.verdict), VALID, "verdict replaced");
        vm.assertEq(uint256(t.failingSegment), 0, "segment cleared");

        registry.finalize(taskId);
        IModelToken token = IModelToken(registry.getModel(modelId).token);
        vm.assertEq(token.balanceOf(trainer), REWARD, "trainer rewarded");
        vm.assertEq(registry.getModel(modelId).head, _finalCheckpoint(taskId), "head moved");

        registry.claimAttesterRewards(taskId, committee);
        vm.assertEq(token.balanceOf(committee[0]), VERIFIER_FEE / 5, "committee paid");
        vm.assertEq(token.balanceOf(verifiers[0]), 0, "overturned attester unpaid");
    }

    // ------------------------------------------------------------------------------ uphold

    function test_resolveDispute_upheldForfeitsBondToTreasury() public {
        _attestedValid();
        _dispute(taskId, disputer);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeBondReleased(taskId, treasury, DISPUTE_BOND);
        _resolve(taskId, VALID, 3, 5, _slice(0, 3));

        vm.assertEq(stakeToken.balanceOf(treasury), DISPUTE_BOND, "bond forfeited");
        vm.assertEq(_staked(verifiers[0]), VERIFIER_STAKE, "attesters untouched");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Resolved), "resolved");
        vm.assertEq(uint256(t.deadline), windowEnd, "original window kept");
        vm.assertEq(t.attestersHash, keccak256(abi.encodePacked(_slice(0, 3))), "attesters kept");

        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOpen.selector, taskId, windowEnd));
        registry.finalize(taskId);
        vm.warp(windowEnd);
        registry.finalize(taskId);
    }

    function test_resolveDispute_sameVerdictOtherSegmentIsUpheld() public {
        _attestedFraud();
        _dispute(taskId, disputer);
        uint256[] memory sampled = registry.sampledSegments(taskId);
        uint256 other = sampled[sampled.length - 1];
        bytes memory sigs = _signBatch(taskId, FRAUD, other, 3, 5);
        registry.resolveDispute(taskId, FRAUD, other, sigs, fieldsOf[taskId][other], _proof(taskId, other), _slice(0, 3));
        vm.assertEq(stakeToken.balanceOf(treasury), DISPUTE_BOND, "bond forfeited");
        vm.assertEq(uint256(registry.getTask(taskId).verdict), FRAUD, "verdict kept");
    }

    // ------------------------------------------------------------------------------ availability

    function _attestedUnavailable() private {
        _attestUnavailable(taskId, 0, 3);
        windowEnd = registry.getTask(taskId).deadline;
    }

    /// The trainer serves its bundle to a larger committee: VALID overturns UNAVAILABLE. Nobody can
    /// prove afterwards what the attesters could fetch, so none of them is slashed.
    function test_resolveDispute_validOverturnsUnavailableWithoutSlashingAttesters() public {
        _attestedUnavailable();
        _dispute(taskId, trainer);
        address[] memory committee = _slice(10, 5);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeResolved(taskId, true, VALID, 0, committee, 0);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeBondReleased(taskId, trainer, DISPUTE_BOND);
        _resolve(taskId, VALID, 10, 5, _slice(0, 3));

        for (uint256 i; i < 3; ++i) {
            vm.assertEq(_staked(verifiers[i]), VERIFIER_STAKE, "attester not slashed");
            vm.assertTrue(!_jailed(verifiers[i]), "attester not jailed");
        }
        vm.assertEq(stakeToken.balanceOf(trainer), DISPUTE_BOND, "bond back to the disputer");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.verdict), VALID, "verdict replaced");
        vm.assertEq(t.attestersHash, keccak256(abi.encodePacked(committee)), "committee replaces attesters");
        vm.assertEq(uint256(t.deadline), block.timestamp, "finalizable now");

        registry.finalize(taskId);
        IModelToken token = IModelToken(registry.getModel(modelId).token);
        vm.assertEq(token.balanceOf(trainer), REWARD, "trainer rewarded");
        vm.assertEq(_locked(trainer), 0, "bond unlocked");
        registry.claimAttesterRewards(taskId, committee);
        vm.assertEq(token.balanceOf(committee[0]), VERIFIER_FEE / 5, "committee paid");
        vm.assertEq(token.balanceOf(verifiers[0]), 0, "overturned attester unpaid");
    }

    /// A quorum attested VALID on a bundle the committee cannot fetch: the task is rejected, the
    /// trainer slashed, the VALID attesters are not (availability is not provable afterwards).
    function test_resolveDispute_unavailableOverturnsValidWithoutSlashingAttesters() public {
        _attestedValid();
        _dispute(taskId, disputer);
        address[] memory committee = _slice(3, 5);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeResolved(taskId, true, UNAVAILABLE, 0, committee, 0);
        _resolve(taskId, UNAVAILABLE, 3, 5, _slice(0, 3));

        vm.assertEq(_staked(verifiers[0]), VERIFIER_STAKE, "attester not slashed");
        vm.assertEq(stakeToken.balanceOf(disputer), DISPUTE_BOND, "bond back");
        vm.assertEq(uint256(registry.getTask(taskId).verdict), UNAVAILABLE, "verdict replaced");
        registry.finalize(taskId);
        vm.assertEq(uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - TRAINER_BOND, "trainer slashed");
        registry.claimAttesterRewards(taskId, committee);
        vm.assertGt(stakeToken.balanceOf(committee[0]), 0, "committee gets the prover share");
    }

    /// FRAUD and UNAVAILABLE both reject the work: a committee that answers the other one upholds.
    function test_resolveDispute_fraudAndUnavailableUpholdEachOther() public {
        _attestedUnavailable();
        _dispute(taskId, trainer);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeBondReleased(taskId, treasury, DISPUTE_BOND);
        _resolve(taskId, FRAUD, 3, 5, _slice(0, 3));
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.verdict), UNAVAILABLE, "attested verdict stands");
        vm.assertEq(uint256(t.deadline), windowEnd, "original window kept");
        vm.assertEq(_staked(verifiers[0]), VERIFIER_STAKE, "attesters untouched");

        (, uint256 other) = _readyTask(_rules(), 32);
        _attestFraud(other, 0, 3);
        _dispute(other, disputer);
        _resolve(other, UNAVAILABLE, 3, 5, _slice(0, 3));
        vm.assertEq(uint256(registry.getTask(other).verdict), FRAUD, "FRAUD stands");
        vm.assertEq(stakeToken.balanceOf(treasury), 2 * DISPUTE_BOND, "both bonds forfeited");
    }

    // ------------------------------------------------------------------------------ reverts

    function test_resolveDispute_revertsUnlessDisputed() public {
        _attestedValid();
        bytes memory sigs = _signBatch(taskId, FRAUD, 0, 3, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Attested
            )
        );
        registry.resolveDispute(taskId, FRAUD, 0, sigs, _noLeaf(), new bytes32[](0), _slice(0, 3));
    }

    function test_resolveDispute_revertsOnceLapsed() public {
        _attestedValid();
        _dispute(taskId, disputer);
        uint256 resolveBy = windowEnd + CHALLENGE_WINDOW;
        vm.warp(resolveBy);
        bytes memory sigs = _signBatch(taskId, VALID, 0, 3, 5);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.DisputeLapsed.selector, taskId, resolveBy));
        registry.resolveDispute(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0), _slice(0, 3));
    }

    function test_resolveDispute_revertsOnWrongOriginalAttesters() public {
        _attestedValid();
        _dispute(taskId, disputer);
        bytes memory sigs = _signBatch(taskId, FRAUD, 0, 3, 5);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.AttestersMismatch.selector, taskId));
        registry.resolveDispute(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0), _slice(1, 3));
    }

    function test_resolveDispute_revertsOnQuorumInsteadOfDisputeQuorum() public {
        _attestedValid();
        _dispute(taskId, disputer);
        bytes memory sigs = _signBatch(taskId, VALID, 0, 3, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.WrongSignatureCount.selector, 5, 3));
        registry.resolveDispute(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0), _slice(0, 3));
    }

    function test_resolveDispute_revertsOnFraudWithoutValidLeaf() public {
        _attestedValid();
        _dispute(taskId, disputer);
        uint256 segment = _firstSampled(taskId);
        bytes memory sigs = _signBatch(taskId, FRAUD, segment, 3, 5);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.InvalidSegmentProof.selector, segment));
        registry.resolveDispute(taskId, FRAUD, segment, sigs, _noLeaf(), _proof(taskId, segment), _slice(0, 3));
    }

    // ------------------------------------------------------------------------------ lapse

    function test_finalize_afterLapsedDisputeKeepsVerdictAndForfeitsBond() public {
        _attestedValid();
        _dispute(taskId, disputer);
        uint256 resolveBy = windowEnd + CHALLENGE_WINDOW;
        vm.warp(resolveBy - 1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOpen.selector, taskId, resolveBy));
        registry.finalize(taskId);

        vm.warp(resolveBy);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.DisputeBondReleased(taskId, treasury, DISPUTE_BOND);
        registry.finalize(taskId);
        vm.assertEq(uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Finalized), "final");
        vm.assertEq(stakeToken.balanceOf(treasury), DISPUTE_BOND, "bond forfeited");
    }
}
