// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";
import {RegistryBase} from "./RegistryBase.sol";

/// @title RegistryDisputes
/// @notice Disputes and the slashing of overturned attesters: a dispute bond during the challenge
///         window, the larger committee's verdict within one more window, and what it overturns.
abstract contract RegistryDisputes is RegistryBase {
    using SafeERC20 for IERC20;

    /// @inheritdoc ITrainingRegistry
    function dispute(uint256 taskId) external nonReentrant {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Attested) revert WrongStatus(taskId, task.status);
        uint256 windowEnd = task.deadline;
        if (block.timestamp >= windowEnd) revert ChallengeWindowClosed(taskId, windowEnd);
        Rules storage rules = _models[task.modelId].rules;
        uint256 bond = rules.disputeBond;
        task.status = TaskStatus.Disputed;
        task.disputer = msg.sender;
        // bounded: a uint40 deadline plus a uint32 window is below 2^41
        // forge-lint: disable-next-line(unsafe-typecast)
        emit TaskDisputed(taskId, msg.sender, bond, uint64(windowEnd + rules.challengeWindow));
        stakeToken.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc ITrainingRegistry
    function resolveDispute(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof,
        address[] calldata originalAttesters
    ) external nonReentrant {
        _checkResolvable(taskId, originalAttesters);
        (address[] memory committee, bytes32 committeeHash) =
            _checkBatch(taskId, true, verdict, failingSegment, signatures, failingLeaf, proof);
        _resolve(taskId, verdict, failingSegment, committee, committeeHash, originalAttesters);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev A dispute can be resolved: Disputed, before its deadline, with the original attesters.
    function _checkResolvable(uint256 taskId, address[] calldata originalAttesters) internal view {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Disputed) revert WrongStatus(taskId, task.status);
        uint256 resolveBy = uint256(task.deadline) + _models[task.modelId].rules.challengeWindow;
        if (block.timestamp >= resolveBy) revert DisputeLapsed(taskId, resolveBy);
        if (keccak256(abi.encodePacked(originalAttesters)) != task.attestersHash) revert AttestersMismatch(taskId);
    }

    /// @dev Applies a checked committee verdict (see resolveDispute).
    function _resolve(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        address[] memory committee,
        bytes32 committeeHash,
        address[] calldata originalAttesters
    ) internal {
        Task storage task = _tasks[taskId];
        uint256 bond = _models[task.modelId].rules.disputeBond;
        uint8 attested = task.verdict;
        task.status = TaskStatus.Resolved;
        // FRAUD and UNAVAILABLE both reject the work: between them the attested verdict stands
        if ((verdict == uint8(Verdict.Valid)) == (attested == uint8(Verdict.Valid))) {
            emit DisputeResolved(taskId, false, verdict, failingSegment, committee, 0);
            _releaseDisputeBond(taskId, treasury, bond);
            return;
        }
        task.verdict = verdict;
        // bounded: FRAUD proved a sampled segment, so < S <= steps, a uint64; VALID: 0
        // forge-lint: disable-next-line(unsafe-typecast)
        task.failingSegment = uint64(failingSegment);
        task.attestersHash = committeeHash;
        // bounded: block.timestamp < 2^40 until the year 36812 (SafeCast would add ~70 gas on this hot path)
        // forge-lint: disable-next-line(unsafe-typecast)
        task.deadline = uint40(block.timestamp);
        address disputer = task.disputer;
        // who could not fetch a bundle cannot be proven wrong later (nor who could): no slash then
        uint256 slashedTotal = verdict == uint8(Verdict.Unavailable) || attested == uint8(Verdict.Unavailable)
            ? 0
            : _slashAttesters(taskId, originalAttesters, disputer);
        emit DisputeResolved(taskId, true, verdict, failingSegment, committee, slashedTotal);
        _releaseDisputeBond(taskId, disputer, bond);
    }

    function _slashAttesters(uint256 taskId, address[] calldata attesters, address prover)
        internal
        returns (uint256 slashedTotal)
    {
        uint256 amount = verifierSlashAmount;
        for (uint256 i; i < attesters.length; ++i) {
            uint256 slashed = stakeManager.slash(attesters[i], amount, prover);
            slashedTotal += slashed;
            emit VerifierSlashed(taskId, attesters[i], prover, slashed);
        }
    }
}
