// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";
import {RegistryBase} from "./RegistryBase.sol";

/// @title RegistrySettlement
/// @notice Settlement: finalization (reward minted and head moved, or the trainer's bond slashed),
///         the attesters' rewards, and the expiry of tasks whose trainer or verifiers ran out of
///         time. Each task's reward and fee were reserved under the model token's supply cap when
///         it was created (TrainingRegistry._reserve); settlement releases what it will not mint.
abstract contract RegistrySettlement is RegistryBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITrainingRegistry
    function finalize(uint256 taskId) external nonReentrant {
        Task storage task = _tasks[taskId];
        TaskStatus status = task.status;
        uint256 windowEnd = task.deadline;
        uint256 modelId = task.modelId;
        Model storage model = _models[modelId];
        bool lapsed = status == TaskStatus.Disputed;
        if (status == TaskStatus.Attested || status == TaskStatus.Resolved) {
            if (block.timestamp < windowEnd) revert ChallengeWindowOpen(taskId, windowEnd);
        } else if (lapsed) {
            uint256 resolveBy = windowEnd + model.rules.challengeWindow;
            if (block.timestamp < resolveBy) revert ChallengeWindowOpen(taskId, resolveBy);
        } else {
            revert WrongStatus(taskId, status);
        }
        address trainer = task.trainer;
        uint256 bond = model.rules.trainerBond;
        if (task.verdict == uint8(Verdict.Valid)) {
            uint256 reward = task.reward;
            // the fee stays reserved until claimAttesterRewards mints it
            _release(model, reward);
            bytes32 parent = task.parent;
            bytes32 head = model.head;
            if (parent == head) {
                bytes32 newHead = task.finalCheckpoint;
                task.status = TaskStatus.Finalized;
                model.head = newHead;
                emit TaskFinalized(taskId, modelId, trainer, parent, newHead, reward);
                if (reward != 0) IModelToken(model.token).mint(trainer, reward);
            } else {
                task.status = TaskStatus.Stale;
                emit TaskStale(taskId, modelId, trainer, parent, head);
            }
            stakeManager.unlock(trainer, bond);
        } else {
            // nothing of a rejected task is minted: neither reward nor fee
            _release(model, uint256(task.reward) + task.verifierFee);
            task.status = TaskStatus.Rejected;
            uint256 balanceBefore = stakeToken.balanceOf(address(this));
            uint256 slashed = stakeManager.slash(trainer, bond, address(this));
            uint256 proverShare = stakeToken.balanceOf(address(this)) - balanceBefore;
            // bounded: StakeManager pays the prover part of `slashed` <= bond, a uint96 (SafeCast: ~70 gas)
            // forge-lint: disable-next-line(unsafe-typecast)
            task.proverShare = uint96(proverShare);
            emit TaskRejected(taskId, modelId, trainer, slashed, proverShare);
        }
        if (lapsed) _releaseDisputeBond(taskId, treasury, model.rules.disputeBond);
    }

    /// @inheritdoc ITrainingRegistry
    function claimAttesterRewards(uint256 taskId, address[] calldata attesters) external nonReentrant {
        Task storage task = _tasks[taskId];
        TaskStatus status = task.status;
        if (status != TaskStatus.Finalized && status != TaskStatus.Stale && status != TaskStatus.Rejected) {
            revert WrongStatus(taskId, status);
        }
        if (task.attesterRewardsPaid) revert RewardsAlreadyPaid(taskId);
        if (keccak256(abi.encodePacked(attesters)) != task.attestersHash) revert AttestersMismatch(taskId);
        task.attesterRewardsPaid = true;
        uint256 n = attesters.length;
        if (status == TaskStatus.Rejected) {
            uint256 total = task.proverShare;
            uint256 each = total / n;
            emit AttesterRewardsPaid(taskId, address(stakeToken), each, n);
            if (each != 0) {
                for (uint256 i; i < n; ++i) {
                    stakeToken.safeTransfer(attesters[i], each);
                }
            }
            uint256 dust = total - each * n;
            if (dust != 0) stakeToken.safeTransfer(treasury, dust);
        } else {
            IModelToken token = _releaseFee(task);
            uint256 each = task.verifierFee / n;
            emit AttesterRewardsPaid(taskId, address(token), each, n);
            if (each != 0) {
                for (uint256 i; i < n; ++i) {
                    token.mint(attesters[i], each);
                }
            }
        }
    }

    /// @inheritdoc ITrainingRegistry
    function expire(uint256 taskId) external nonReentrant {
        Task storage task = _tasks[taskId];
        TaskStatus status = task.status;
        if (status != TaskStatus.Claimed && status != TaskStatus.Committed) revert WrongStatus(taskId, status);
        uint256 deadline = task.deadline;
        if (block.timestamp <= deadline) revert NotExpired(taskId, deadline);
        address trainer = task.trainer;
        uint256 bond = _models[task.modelId].rules.trainerBond;
        task.status = TaskStatus.Open;
        task.trainer = address(0);
        task.deadline = 0;
        if (status == TaskStatus.Claimed) {
            uint256 slashed = stakeManager.slash(trainer, bond, msg.sender);
            emit TaskExpired(taskId, trainer, msg.sender, false, slashed);
        } else {
            barred[taskId][trainer] = true;
            task.seedBlock = 0;
            task.root = 0;
            task.finalCheckpoint = 0;
            task.seed = 0;
            emit TaskExpired(taskId, trainer, msg.sender, true, 0);
            stakeManager.unlock(trainer, bond);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Releases a settled task's reservation of what will not be minted, or is minted now.
    function _release(Model storage model, uint256 amount) internal {
        // bounded: amount is part of what _reserve added, so it fits and does not underflow
        // forge-lint: disable-next-line(unsafe-typecast)
        if (amount != 0) model.reserved -= uint96(amount);
    }

    /// @dev Releases the reservation of a VALID task's fee, which is minted now; returns the token.
    function _releaseFee(Task storage task) internal returns (IModelToken) {
        Model storage model = _models[task.modelId];
        _release(model, task.verifierFee);
        return IModelToken(model.token);
    }
}
