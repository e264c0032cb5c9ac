// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {TaskStatusLib, TrainingRegistryHandler} from "./handlers/TrainingRegistryHandler.sol";

/// @notice The registry under random task life cycles with the real StakeManager, ModelTokens and
///         RevenueRouter: settlement happens at most once, heads move only by finalization, bonds
///         are locked exactly while a task is live, and no stake token goes missing.
contract TrainingRegistryInvariants is RegistryFixture, InvariantBase {
    using TaskStatusLib for ITrainingRegistry.TaskStatus;

    TrainingRegistryHandler internal handler;

    /// @dev Enough for two disjoint committees of the largest dispute quorum (5); fewer stakers
    ///      keep the per-call solvency check cheap.
    function _verifierCount() internal pure override returns (uint256) {
        return 16;
    }

    function setUp() public override {
        super.setUp();
        address[] memory trainerList = new address[](5);
        trainerList[0] = trainer;
        trainerList[1] = trainer2;
        for (uint256 i = 2; i < trainerList.length; ++i) {
            trainerList[i] = makeAddr(string.concat("trainer", vm.toString(i + 1)));
            _stake(trainerList[i], 1, TRAINER_STAKE);
        }
        uint256[] memory modelList = new uint256[](2);
        modelList[0] = _registerModel(_rules()); // m = 3, dispute quorum 5
        ITrainingRegistry.Rules memory single = _rulesWithQuorum(1, 2);
        single.segmentLength = 1;
        single.samples = 2;
        modelList[1] = _registerModel(single);

        handler = new TrainingRegistryHandler(
            registry, sm, stakeToken, modelOwner, verifierKeys, verifiers, trainerList, modelList
        );

        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = TrainingRegistryHandler.advance.selector; // claim .. finalize, a few steps at a time
        selectors[1] = TrainingRegistryHandler.createTask.selector;
        selectors[2] = TrainingRegistryHandler.dispute.selector;
        selectors[3] = TrainingRegistryHandler.resolveDispute.selector;
        selectors[4] = TrainingRegistryHandler.finalize.selector; // any task, settled ones included
        selectors[5] = TrainingRegistryHandler.expire.selector;
        selectors[6] = TrainingRegistryHandler.claimAttesterRewards.selector;
        selectors[7] = TrainingRegistryHandler.requestUnbond.selector;
        selectors[8] = TrainingRegistryHandler.withdraw.selector;
        selectors[9] = TrainingRegistryHandler.warp.selector;
        _targetHandler(address(handler), selectors);
    }

    /// One campaign checks every property after every call (a campaign per property would run
    /// the same sequences once per property), in one pass over the tasks:
    /// - a task is settled (Finalized, Rejected, Stale) iff exactly one finalize succeeded, and
    ///   into the status the ghost model predicts;
    /// - each trainer's locked stake is the bonds of its live tasks (Claimed through Resolved);
    /// - a model's head is the final checkpoint of its last Finalized task (or its initial head);
    /// - the stake manager holds at least every staker's staked + unbonding amount;
    /// - the registry holds exactly the open disputes' bonds and the unpaid prover shares;
    /// - a model's reserved supply is the reward and fee of its unsettled tasks plus the fee of its
    ///   Finalized and Stale tasks whose attesters are unpaid, and supply + reserved fits the cap.
    function invariant_registry() public view {
        uint256 trainerCount = handler.trainerCount();
        address[] memory trainerList = new address[](trainerCount);
        uint256[] memory liveBonds = new uint256[](trainerCount);
        uint256[] memory promised = new uint256[](handler.modelCount());
        for (uint256 j; j < trainerCount; ++j) {
            trainerList[j] = handler.trainers(j);
        }
        for (uint256 i; i < handler.taskCount(); ++i) {
            uint256 taskId = handler.tasks(i);
            ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
            uint256 settlements = handler.ghostSettlements(taskId);
            vm.assertLe(settlements, 1, "finalized more than once");
            vm.assertEq(t.status.isSettled(), settlements == 1, "settled iff finalized once");
            promised[_modelIndex(t.modelId)] += _stillPromised(t);
            if (!t.status.holdsBond()) continue;
            for (uint256 j; j < trainerCount; ++j) {
                if (trainerList[j] == t.trainer) liveBonds[j] += TRAINER_BOND; // both models' bond
            }
        }
        vm.assertFalse(handler.ghostSettlementMismatch(), "settled into an unexpected status");
        for (uint256 j; j < trainerCount; ++j) {
            vm.assertEq(_locked(trainerList[j]), liveBonds[j], "locked != live bonds");
        }

        for (uint256 i; i < handler.modelCount(); ++i) {
            uint256 modelId = handler.models(i);
            vm.assertEq(registry.getModel(modelId).head, handler.ghostHead(modelId), "head");
            vm.assertEq(registry.reservedSupply(modelId), promised[i], "reserved != promised mints");
            vm.assertLe(
                IModelToken(registry.getModel(modelId).token).totalSupply() + promised[i],
                registry.MAX_MODEL_SUPPLY(),
                "supply + reserved above the cap"
            );
        }

        uint256 owed;
        for (uint256 i; i < handler.stakerCount(); ++i) {
            (,, uint256 staked,, uint256 unbonding,) = sm.stakeOf(handler.stakerAt(i));
            owed += staked + unbonding;
        }
        vm.assertGe(stakeToken.balanceOf(address(sm)), owed, "stake manager insolvent");

        vm.assertEq(stakeToken.balanceOf(address(registry)), handler.ghostRegistryHeld(), "registry stake balance");
    }

    function _modelIndex(uint256 modelId) private view returns (uint256 i) {
        while (handler.models(i) != modelId) ++i;
    }

    /// @dev Model tokens the task may still mint: all its terms until it settles, the fee of a
    ///      VALID settlement until its attesters are paid, nothing after a rejection.
    function _stillPromised(ITrainingRegistry.TaskView memory t) private pure returns (uint256) {
        if (!t.status.isSettled()) return t.reward + t.verifierFee;
        if (t.status == ITrainingRegistry.TaskStatus.Rejected || t.attesterRewardsPaid) return 0;
        return t.verifierFee;
    }
}
