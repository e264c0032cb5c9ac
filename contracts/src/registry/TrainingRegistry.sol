// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {IModelTokenFactory} from "../interfaces/IModelTokenFactory.sol";
import {IRevenueRouter} from "../interfaces/IRevenueRouter.sol";
import {IStakeManager, ROLE_TRAINER} from "../interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";
import {RegistryBase} from "./RegistryBase.sol";
import {RegistryDisputes} from "./RegistryDisputes.sol";
import {RegistrySettlement} from "./RegistrySettlement.sol";
import {Sampling} from "./Sampling.sol";
import {SegmentTree} from "./SegmentTree.sol";

/// @title TrainingRegistry
/// @notice Models, training tasks and their proof-of-learning life cycle: a model owner registers a
///         model (its token is created here) and posts tasks; a staked trainer claims one (bond
///         locked), trains and commits a segment-tree root; a block hash after the commit seeds the
///         sampled segments; a quorum of staked verifiers attests VALID, FRAUD or UNAVAILABLE; during
///         the challenge window anyone may dispute, and a larger verifier committee resolves; then
///         anyone finalizes: reward minted and head moved (VALID) or the trainer's bond slashed
///         (FRAUD, UNAVAILABLE). A task's reward and fee are reserved under the model token's supply
///         cap when it is created, so settlement never fails for lack of supply.
/// @dev Byte layouts are docs/protocol.md; functions, parameters, events, gas design and trust
///      assumptions are docs/contracts.md.
///      Jobs: this contract (models, tasks, commitments, attestation batches, admin, views),
///      RegistryDisputes, RegistrySettlement; storage and shared checks in RegistryBase;
///      attestation hashing and signer recovery in the Attestations library; pure helpers in
///      periphery/TrainingRegistryLens.
contract TrainingRegistry is RegistryDisputes, RegistrySettlement {
    using SafeCast for uint256;

    /// @param initialOwner the admin (Ownable2Step)
    /// @param stakeManager_ the stake manager; this registry must be its registry
    /// @param tokenFactory_ creates each model's token
    /// @param revenueRouter_ the revenue router every model token reports to
    /// @param paymentAsset_ the asset users pay model revenue in
    /// @param treasury_ receives forfeited dispute bonds
    /// @param verifierSlashAmount_ stake slashed from each overturned attester
    constructor(
        address initialOwner,
        IStakeManager stakeManager_,
        IModelTokenFactory tokenFactory_,
        address revenueRouter_,
        address paymentAsset_,
        address treasury_,
        uint256 verifierSlashAmount_
    )
        RegistryBase(
            initialOwner, stakeManager_, tokenFactory_, revenueRouter_, paymentAsset_, treasury_, verifierSlashAmount_
        )
    {}

    // ---------------------------------------------------------------------------------------------
    // Models, tasks, commitments and attestation batches
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ITrainingRegistry
    function registerModel(
        bytes32 specHash,
        bytes32 datasetRoot,
        bytes32 initialHead,
        Rules calldata rules,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply
    ) external nonReentrant returns (uint256 modelId) {
        _checkRules(rules);
        modelId = ++modelCount;
        Model storage model = _models[modelId];
        model.owner = msg.sender;
        model.specHash = specHash;
        model.datasetRoot = datasetRoot;
        model.head = initialHead;
        model.rules = rules;
        address token = tokenFactory.create(name, symbol, address(this), revenueRouter, paymentAsset);
        model.token = token;
        IRevenueRouter(revenueRouter).registerToken(token);
        emit ModelRegistered(
            modelId, msg.sender, token, specHash, datasetRoot, initialHead, rules, name, symbol, initialSupply
        );
        if (initialSupply != 0) IModelToken(token).mint(msg.sender, initialSupply);
    }

    /// @inheritdoc ITrainingRegistry
    function createTask(uint256 modelId, uint64 steps, uint256 reward, uint256 verifierFee, uint64 duration)
        external
        returns (uint256 taskId)
    {
        Model storage model = _models[modelId];
        if (model.owner != msg.sender) {
            if (model.owner == address(0)) revert UnknownModel(modelId);
            revert NotModelOwner(modelId, msg.sender);
        }
        uint256 k = model.rules.segmentLength;
        if (steps == 0 || steps % k != 0) revert StepsOutOfBounds(steps, k);
        if (duration < MIN_TASK_DURATION || duration > MAX_TASK_DURATION) revert DurationOutOfBounds(duration);
        uint96 reward96 = reward.toUint96();
        uint96 fee96 = verifierFee.toUint96();
        _reserve(model, modelId, uint256(reward96) + fee96);
        taskId = ++taskCount;
        Task storage task = _tasks[taskId];
        bytes32 parent = model.head;
        task.modelId = modelId.toUint32();
        task.status = TaskStatus.Open;
        task.steps = steps;
        // bounded: duration <= MAX_TASK_DURATION was checked above
        // forge-lint: disable-next-line(unsafe-typecast)
        task.duration = uint40(duration);
        task.reward = reward96;
        task.verifierFee = fee96;
        task.parent = parent;
        emit TaskCreated(taskId, modelId, parent, steps, reward, verifierFee, duration);
    }

    /// @inheritdoc ITrainingRegistry
    function claimTask(uint256 taskId) external nonReentrant {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Open) revert WrongStatus(taskId, task.status);
        if (barred[taskId][msg.sender]) revert TrainerBarred(taskId, msg.sender);
        if (!stakeManager.isActive(msg.sender, ROLE_TRAINER)) revert NotActiveTrainer(msg.sender);
        // bounded: block.timestamp < 2^40 until the year 36812 (SafeCast would add ~70 gas on this hot path)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 deadline = uint40(block.timestamp + task.duration);
        task.status = TaskStatus.Claimed;
        task.trainer = msg.sender;
        task.deadline = deadline;
        uint256 modelId = task.modelId;
        uint256 bond = _models[modelId].rules.trainerBond;
        emit TaskClaimed(taskId, modelId, msg.sender, bond, deadline);
        stakeManager.lock(msg.sender, bond);
    }

    /// @inheritdoc ITrainingRegistry
    function commit(uint256 taskId, bytes32 root, bytes32 finalCheckpoint, string calldata artifactLocator)
        external
    {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Claimed) revert WrongStatus(taskId, task.status);
        if (task.trainer != msg.sender) revert NotTrainer(taskId, msg.sender);
        if (block.timestamp > task.deadline) revert DeadlinePassed(taskId, task.deadline);
        if (root == 0 || finalCheckpoint == 0) revert EmptyCommitment();
        uint256 modelId = task.modelId;
        Rules storage rules = _models[modelId].rules;
        // bounded: block.number < 2^64 - 1 (SafeCast would add ~70 gas on this hot path)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint64 seedBlock = uint64(block.number + Sampling.SEED_DELAY);
        // bounded: block.timestamp < 2^40 until the year 36812 (SafeCast would add ~70 gas on this hot path)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 verifyDeadline = uint40(block.timestamp + rules.verifyTimeout);
        task.status = TaskStatus.Committed;
        task.deadline = verifyDeadline;
        task.seedBlock = seedBlock;
        task.root = root;
        task.finalCheckpoint = finalCheckpoint;
        if (task.attestersHash == 0) task.attestersHash = NO_ATTESTERS;
        emit TaskCommitted(
            taskId,
            modelId,
            msg.sender,
            root,
            finalCheckpoint,
            task.steps / rules.segmentLength,
            seedBlock,
            verifyDeadline,
            artifactLocator
        );
    }

    /// @inheritdoc ITrainingRegistry
    function drawSeed(uint256 taskId) external {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Committed) revert WrongStatus(taskId, task.status);
        if (task.seed != 0) revert SeedAlreadyDrawn(taskId);
        uint256 seedBlock = task.seedBlock;
        if (block.number <= seedBlock) revert SeedNotReady(taskId, seedBlock);
        bytes32 blockHash = blockhash(seedBlock);
        if (blockHash == 0) {
            uint256 newSeedBlock = block.number + Sampling.SEED_DELAY;
            // bounded: block.number < 2^64 - 1 (SafeCast would add ~70 gas on this hot path)
            // forge-lint: disable-next-line(unsafe-typecast)
            task.seedBlock = uint64(newSeedBlock);
            emit SeedReanchored(taskId, seedBlock, newSeedBlock);
            return;
        }
        bytes32 seed = Sampling.seed(blockHash, taskId, task.root);
        task.seed = seed;
        emit SeedDrawn(taskId, seed, seedBlock);
    }

    /// @inheritdoc ITrainingRegistry
    function submitAttestations(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof
    ) external {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Committed) revert WrongStatus(taskId, task.status);
        if (task.seed == 0) revert SeedNotDrawn(taskId);
        if (block.timestamp > task.deadline) revert DeadlinePassed(taskId, task.deadline);
        (address[] memory signers, bytes32 signersHash) =
            _checkBatch(taskId, false, verdict, failingSegment, signatures, failingLeaf, proof);
        // bounded: block.timestamp < 2^40 until the year 36812 (SafeCast would add ~70 gas on this hot path)
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 windowEnd = uint40(block.timestamp + _models[task.modelId].rules.challengeWindow);
        task.status = TaskStatus.Attested;
        task.verdict = verdict;
        task.deadline = windowEnd;
        // bounded: _checkBatch proved a FRAUD segment sampled, so < S <= steps, a uint64
        // forge-lint: disable-next-line(unsafe-typecast)
        if (verdict == uint8(Verdict.Fraud)) task.failingSegment = uint64(failingSegment);
        task.attestersHash = signersHash;
        emit AttestationsSubmitted(taskId, verdict, failingSegment, windowEnd, signers);
    }

    // ---------------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ITrainingRegistry
    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress();
        emit TreasuryUpdated(treasury, newTreasury);
        treasury = newTreasury;
    }

    /// @inheritdoc ITrainingRegistry
    function setVerifierSlashAmount(uint256 newAmount) external onlyOwner {
        _checkVerifierSlashAmount(newAmount);
        emit VerifierSlashAmountUpdated(verifierSlashAmount, newAmount);
        verifierSlashAmount = newAmount;
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ITrainingRegistry
    function sampledSegments(uint256 taskId) external view returns (uint256[] memory) {
        Task storage task = _tasks[taskId];
        bytes32 seed = task.seed;
        if (seed == 0) revert SeedNotDrawn(taskId);
        Rules storage rules = _models[task.modelId].rules;
        return Sampling.sample(seed, task.root, rules.samples, task.steps / rules.segmentLength);
    }

    /// @inheritdoc ITrainingRegistry
    function segmentLeaf(
        uint256 taskId,
        uint256 index,
        bytes32 ckptStart,
        bytes32 ckptEnd,
        bytes32 batchesHash,
        bytes32 lossesHash
    ) external view returns (bytes32) {
        address trainer = _tasks[taskId].trainer;
        if (trainer == address(0)) revert NoTrainer(taskId);
        return SegmentTree.leafHash(
            block.chainid, address(this), taskId, trainer, index, ckptStart, ckptEnd, batchesHash, lossesHash
        );
    }

    /// @inheritdoc ITrainingRegistry
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc ITrainingRegistry
    function getModel(uint256 modelId) external view returns (ModelView memory) {
        Model storage model = _models[modelId];
        if (model.owner == address(0)) revert UnknownModel(modelId);
        return ModelView(model.owner, model.token, model.specHash, model.datasetRoot, model.head, model.rules);
    }

    /// @inheritdoc ITrainingRegistry
    function getRules(uint256 modelId) external view returns (Rules memory) {
        Model storage model = _models[modelId];
        if (model.owner == address(0)) revert UnknownModel(modelId);
        return model.rules;
    }

    /// @inheritdoc ITrainingRegistry
    function reservedSupply(uint256 modelId) external view returns (uint256) {
        return _models[modelId].reserved;
    }

    /// @inheritdoc ITrainingRegistry
    function getTask(uint256 taskId) external view returns (TaskView memory view_) {
        Task storage task = _tasks[taskId];
        if (task.status == TaskStatus.None) revert UnknownTask(taskId);
        view_.modelId = task.modelId;
        view_.status = task.status;
        view_.verdict = task.verdict;
        view_.attesterRewardsPaid = task.attesterRewardsPaid;
        view_.trainer = task.trainer;
        view_.deadline = task.deadline;
        view_.steps = task.steps;
        view_.duration = task.duration;
        view_.seedBlock = task.seedBlock;
        view_.failingSegment = task.failingSegment;
        view_.reward = task.reward;
        view_.verifierFee = task.verifierFee;
        view_.parent = task.parent;
        view_.root = task.root;
        view_.finalCheckpoint = task.finalCheckpoint;
        view_.seed = task.seed;
        bytes32 attestersHash = task.attestersHash;
        view_.attestersHash = attestersHash == NO_ATTESTERS ? bytes32(0) : attestersHash;
        view_.disputer = task.disputer;
        view_.proverShare = task.proverShare;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _checkRules(Rules calldata rules) private view {
        if (rules.segmentLength == 0) revert SegmentLengthOutOfBounds(rules.segmentLength);
        if (rules.samples == 0 || rules.samples > MAX_SAMPLES) revert SamplesOutOfBounds(rules.samples);
        if (rules.quorum == 0 || rules.quorum > MAX_QUORUM) revert QuorumOutOfBounds(rules.quorum);
        if (rules.disputeQuorum <= rules.quorum || rules.disputeQuorum > MAX_DISPUTE_QUORUM) {
            revert DisputeQuorumOutOfBounds(rules.disputeQuorum, rules.quorum);
        }
        if (rules.mode > MODE_TOLERANT) revert ModeOutOfBounds(rules.mode);
        if (
            rules.mode == MODE_EXACT ? rules.toleranceMicros != 0
                : (rules.toleranceMicros == 0 || rules.toleranceMicros > MAX_TOLERANCE_MICROS)
        ) revert ToleranceOutOfBounds(rules.toleranceMicros, rules.mode);
        uint256 maxWindow = stakeManager.MIN_UNBONDING_DELAY() / 2;
        if (rules.challengeWindow < MIN_CHALLENGE_WINDOW || rules.challengeWindow > maxWindow) {
            revert ChallengeWindowOutOfBounds(rules.challengeWindow, MIN_CHALLENGE_WINDOW, maxWindow);
        }
        if (rules.verifyTimeout < MIN_VERIFY_TIMEOUT || rules.verifyTimeout > MAX_VERIFY_TIMEOUT) {
            revert VerifyTimeoutOutOfBounds(rules.verifyTimeout);
        }
        if (rules.trainerBond == 0) revert TrainerBondOutOfBounds(rules.trainerBond);
        if (rules.disputeBond == 0) revert DisputeBondOutOfBounds(rules.disputeBond);
    }

    /// @dev Reserves `requested` model tokens under the supply cap, which
    ///      `totalSupply + reserved <= MAX_MODEL_SUPPLY` (see Model) keeps for every promised mint.
    function _reserve(Model storage model, uint256 modelId, uint256 requested) private {
        uint256 reserved = model.reserved;
        uint256 headroom = MAX_MODEL_SUPPLY - IModelToken(model.token).totalSupply() - reserved;
        if (requested > headroom) revert RewardsExceedSupplyCap(modelId, requested, headroom);
        // bounded: requested <= headroom, so reserved + requested <= MAX_MODEL_SUPPLY, a uint96
        // forge-lint: disable-next-line(unsafe-typecast)
        model.reserved = uint96(reserved + requested);
    }
}
