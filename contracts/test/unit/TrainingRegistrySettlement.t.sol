// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice finalize (VALID, Stale, FRAUD) and claimAttesterRewards; the finalize gas target.
contract TrainingRegistrySettlementTest is RegistryFixture {
    event log_named_uint(string key, uint256 val);

    uint256 internal modelId;
    uint256 internal taskId;
    IModelToken internal token;

    function setUp() public override {
        super.setUp();
        (modelId, taskId) = _readyTask(_rules(), 32);
        token = IModelToken(registry.getModel(modelId).token);
    }

    function _pastWindow(uint256 id) private {
        vm.warp(registry.getTask(id).deadline);
    }

    // ------------------------------------------------------------------------------ finalize VALID

    function test_finalize_validMintsRewardUnlocksBondMovesHead() public {
        _attestValid(taskId, 0, 3);
        _pastWindow(taskId);
        bytes32 parent = keccak256("head0");
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskFinalized(taskId, modelId, trainer, parent, _finalCheckpoint(taskId), REWARD);
        vm.prank(outsider); // anyone
        registry.finalize(taskId);

        vm.assertEq(token.balanceOf(trainer), REWARD, "reward");
        vm.assertEq(_locked(trainer), 0, "bond unlocked");
        vm.assertEq(_staked(trainer), TRAINER_STAKE, "not slashed");
        vm.assertEq(registry.getModel(modelId).head, _finalCheckpoint(taskId), "head");
        vm.assertEq(uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Finalized), "final");
    }

    function test_finalize_zeroRewardMintsNothing() public {
        vm.prank(modelOwner);
        uint256 id = registry.createTask(modelId, 8, 0, 0, DURATION);
        _claim(id, trainer2);
        _commit(id);
        _drawSeed(id);
        _attestValid(id, 0, 3);
        _pastWindow(id);
        registry.finalize(id);
        vm.assertEq(token.balanceOf(trainer2), 0, "no reward");
        vm.assertEq(registry.getModel(modelId).head, _finalCheckpoint(id), "head moved anyway");
    }

    function test_finalize_revertsDuringWindowAndOnlyOnce() public {
        _attestValid(taskId, 0, 3);
        uint256 windowEnd = registry.getTask(taskId).deadline;
        vm.warp(windowEnd - 1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOpen.selector, taskId, windowEnd));
        registry.finalize(taskId);
        vm.warp(windowEnd);
        registry.finalize(taskId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Finalized
            )
        );
        registry.finalize(taskId);
    }

    function test_finalize_revertsBeforeAttestation() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Committed
            )
        );
        registry.finalize(taskId);
    }

    function test_finalize_staleWhenHeadMovedMeanwhile() public {
        uint256 sibling = _createTask(modelId, 8); // same parent as taskId
        _claim(sibling, trainer2);
        _commit(sibling);
        _drawSeed(sibling);
        _attestValid(taskId, 0, 3);
        _attestValid(sibling, 3, 3);
        _pastWindow(sibling);
        registry.finalize(taskId); // head -> taskId's final checkpoint

        bytes32 head = _finalCheckpoint(taskId);
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskStale(sibling, modelId, trainer2, keccak256("head0"), head);
        registry.finalize(sibling);

        vm.assertEq(uint256(registry.getTask(sibling).status), uint256(ITrainingRegistry.TaskStatus.Stale), "stale");
        vm.assertEq(token.balanceOf(trainer2), 0, "no reward");
        vm.assertEq(_locked(trainer2), 0, "bond unlocked");
        vm.assertEq(registry.getModel(modelId).head, head, "head unchanged");

        registry.claimAttesterRewards(sibling, _slice(3, 3)); // the verifiers did their work
        vm.assertEq(token.balanceOf(verifiers[3]), VERIFIER_FEE / 3, "fee paid on stale");
    }

    // ------------------------------------------------------------------------------ finalize FRAUD

    function test_finalize_fraudSlashesTrainerAndKeepsProverShare() public {
        _attestFraud(taskId, 0, 3);
        _pastWindow(taskId);
        uint256 share = TRAINER_BOND * PROVER_BPS / 10_000;
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskRejected(taskId, modelId, trainer, TRAINER_BOND, share);
        registry.finalize(taskId);

        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertEq(t.proverShare, share, "prover share");
        vm.assertEq(stakeToken.balanceOf(address(registry)), share, "held for attesters");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - TRAINER_BOND, "slashed");
        vm.assertEq(_locked(trainer), 0, "lock consumed");
        vm.assertTrue(_jailed(trainer), "jailed");
        vm.assertEq(registry.getModel(modelId).head, keccak256("head0"), "head unchanged");
        vm.assertEq(token.balanceOf(trainer), 0, "no reward");
    }

    // ------------------------------------------------------------------------------ finalize UNAVAILABLE

    function test_finalize_unavailableSlashesTrainerLikeFraud() public {
        _attestUnavailable(taskId, 0, 3);
        _pastWindow(taskId);
        uint256 share = TRAINER_BOND * PROVER_BPS / 10_000;
        vm.expectEmit(true, true, true, true, address(registry));
        emit ITrainingRegistry.TaskRejected(taskId, modelId, trainer, TRAINER_BOND, share);
        registry.finalize(taskId);

        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Rejected), "rejected");
        vm.assertEq(uint256(t.verdict), UNAVAILABLE, "verdict kept");
        vm.assertEq(_staked(trainer), TRAINER_STAKE - TRAINER_BOND, "slashed");
        vm.assertTrue(_jailed(trainer), "jailed");
        registry.claimAttesterRewards(taskId, _slice(0, 3));
        vm.assertEq(stakeToken.balanceOf(verifiers[0]), share / 3, "attesters share the prover share");
        vm.assertEq(registry.reservedSupply(modelId), 0, "reward and fee released");
    }

    // ------------------------------------------------------------------------------ supply reservation

    function test_reservation_followsTheTaskUntilItsMintsAreDone() public {
        vm.assertEq(registry.reservedSupply(modelId), REWARD + VERIFIER_FEE, "reserved at createTask");
        _attestValid(taskId, 0, 3);
        _pastWindow(taskId);
        registry.finalize(taskId);
        vm.assertEq(registry.reservedSupply(modelId), VERIFIER_FEE, "reward minted, fee still promised");
        registry.claimAttesterRewards(taskId, _slice(0, 3));
        vm.assertEq(registry.reservedSupply(modelId), 0, "fee minted, dust released");
    }

    function test_reservation_staleReleasesTheRewardKeepsTheFee() public {
        uint256 sibling = _createTask(modelId, 8);
        _claim(sibling, trainer2);
        _commit(sibling);
        _drawSeed(sibling);
        _attestValid(taskId, 0, 3);
        _attestValid(sibling, 3, 3);
        _pastWindow(sibling);
        registry.finalize(taskId);
        registry.finalize(sibling);
        vm.assertEq(registry.reservedSupply(modelId), 2 * VERIFIER_FEE, "both fees promised");
        registry.claimAttesterRewards(sibling, _slice(3, 3));
        vm.assertEq(registry.reservedSupply(modelId), VERIFIER_FEE, "stale fee minted");
    }

    function test_reservation_rejectedTaskWithoutTermsReleasesNothing() public {
        vm.prank(modelOwner);
        uint256 id = registry.createTask(modelId, 8, 0, 0, DURATION);
        _claim(id, trainer2);
        _commit(id);
        _drawSeed(id);
        _attestFraud(id, 0, 3);
        _pastWindow(id);
        registry.finalize(id);
        vm.assertEq(registry.reservedSupply(modelId), REWARD + VERIFIER_FEE, "only taskId's terms reserved");
    }

    /// F-1: the supply cap cannot lock a bond. With the token at its cap minus one task's terms,
    /// that task still settles, mints exactly its reward and fee, and leaves the supply at the cap.
    function test_reservation_aTaskAtTheCapSettlesAndMintsExactly() public {
        uint256 cap = registry.MAX_MODEL_SUPPLY();
        vm.prank(modelOwner);
        uint256 capped = registry.registerModel(
            keccak256("spec"), keccak256("dataset"), keccak256("head0"), _rules(), "C", "C", cap - REWARD - VERIFIER_FEE
        );
        uint256 id = _createTask(capped, 8);
        vm.prank(modelOwner);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.RewardsExceedSupplyCap.selector, capped, 1, 0));
        registry.createTask(capped, 8, 1, 0, DURATION);
        _claim(id, trainer2);
        _commit(id);
        _drawSeed(id);
        _attestValid(id, 0, 3);
        _pastWindow(id);
        registry.finalize(id);
        registry.claimAttesterRewards(id, _slice(0, 3));
        IModelToken capToken = IModelToken(registry.getModel(capped).token);
        vm.assertEq(capToken.balanceOf(trainer2), REWARD, "reward minted");
        vm.assertEq(capToken.totalSupply(), cap, "at the cap exactly");
        vm.assertEq(_locked(trainer2), 0, "bond released");
    }

    // ------------------------------------------------------------------------------ attester rewards

    function test_claimAttesterRewards_mintsFeeShareOnce() public {
        _attestValid(taskId, 0, 3);
        _pastWindow(taskId);
        registry.finalize(taskId);
        address[] memory attesters = _slice(0, 3);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.AttesterRewardsPaid(taskId, address(token), VERIFIER_FEE / 3, 3);
        vm.prank(outsider);
        registry.claimAttesterRewards(taskId, attesters);
        for (uint256 i; i < 3; ++i) {
            vm.assertEq(token.balanceOf(attesters[i]), VERIFIER_FEE / 3, "fee share");
        }
        vm.assertTrue(registry.getTask(taskId).attesterRewardsPaid, "flag");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.RewardsAlreadyPaid.selector, taskId));
        registry.claimAttesterRewards(taskId, attesters);
    }

    function test_claimAttesterRewards_roundsDownAndLeavesDustUnminted() public {
        vm.prank(modelOwner);
        uint256 id = registry.createTask(modelId, 8, 0, 100, DURATION); // 100 / 3 = 33, dust 1
        _claim(id, trainer2);
        _commit(id);
        _drawSeed(id);
        _attestValid(id, 0, 3);
        _pastWindow(id);
        registry.finalize(id);
        uint256 supplyBefore = token.totalSupply();
        registry.claimAttesterRewards(id, _slice(0, 3));
        vm.assertEq(token.balanceOf(verifiers[0]), 33, "share");
        vm.assertEq(token.totalSupply() - supplyBefore, 99, "dust unminted");
    }

    function test_claimAttesterRewards_splitsProverShareAndSendsDustToTreasury() public {
        _attestFraud(taskId, 0, 3);
        _pastWindow(taskId);
        registry.finalize(taskId);
        uint256 share = TRAINER_BOND * PROVER_BPS / 10_000; // 50e18
        uint256 each = share / 3;
        address[] memory attesters = _slice(0, 3);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.AttesterRewardsPaid(taskId, address(stakeToken), each, 3);
        registry.claimAttesterRewards(taskId, attesters);
        for (uint256 i; i < 3; ++i) {
            vm.assertEq(stakeToken.balanceOf(attesters[i]), each, "stake-token share");
        }
        vm.assertEq(stakeToken.balanceOf(treasury), share - 3 * each, "dust to treasury");
        vm.assertEq(stakeToken.balanceOf(address(registry)), 0, "nothing left behind");
        vm.assertEq(token.balanceOf(attesters[0]), 0, "no model-token fee on fraud");
    }

    function test_claimAttesterRewards_revertsOnWrongList() public {
        _attestValid(taskId, 0, 3);
        _pastWindow(taskId);
        registry.finalize(taskId);
        address[] memory wrong = _slice(0, 3);
        wrong[2] = outsider;
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.AttestersMismatch.selector, taskId));
        registry.claimAttesterRewards(taskId, wrong);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.AttestersMismatch.selector, taskId));
        registry.claimAttesterRewards(taskId, new address[](0));
    }

    function test_claimAttesterRewards_revertsBeforeSettlement() public {
        _attestValid(taskId, 0, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Attested
            )
        );
        registry.claimAttesterRewards(taskId, _slice(0, 3));
    }

    // ------------------------------------------------------------------------------ gas

    /// Receipt gas of finalize (21,000 + calldata + execution, every slot cold) <= 150k: VALID
    /// (reward minted to a holder with no balance yet) and FRAUD (bond slashed, prover share kept
    /// for the attesters, the rest to a treasury with no balance yet).
    function test_finalize_gasWithinTarget() public {
        _attestValid(taskId, 0, 3);
        (, uint256 fraudTask) = _readyTask(_rules(), 32);
        _attestFraud(fraudTask, 3, 3);
        _pastWindow(fraudTask);

        uint256 validGas = _measureFinalize(taskId);
        emit log_named_uint("finalize VALID receipt gas", validGas);
        vm.assertLe(validGas, 150_000, "finalize VALID above 150k");
        uint256 fraudGas = _measureFinalize(fraudTask);
        emit log_named_uint("finalize FRAUD receipt gas", fraudGas);
        vm.assertLe(fraudGas, 150_000, "finalize FRAUD above 150k");
    }

    function _measureFinalize(uint256 id) private returns (uint256 receiptGas) {
        vm.cool(address(registry));
        vm.cool(address(sm));
        vm.cool(address(stakeToken));
        vm.cool(address(registry.getModel(registry.getTask(id).modelId).token));
        bytes memory data = abi.encodeCall(registry.finalize, (id));
        uint256 before = gasleft();
        (bool ok,) = address(registry).call(data);
        uint256 execution = before - gasleft();
        vm.assertTrue(ok, "finalized");
        receiptGas = 21_000 + 4 * 32 + 16 * 5 + execution; // selector + one mostly-zero word
    }
}
