// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {IModelTokenFactory} from "../interfaces/IModelTokenFactory.sol";
import {IRevenueRouter} from "../interfaces/IRevenueRouter.sol";
import {IStakeManager, ROLE_TRAINER} from "../interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";
import {Attestations} from "./Attestations.sol";
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
contract TrainingRegistry is ITrainingRegistry, Ownable2Step, EIP712, ReentrancyGuardTransient {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------------------------------------
    // Constants
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ITrainingRegistry
    bytes32 public constant ATTESTATION_TYPEHASH = Attestations.TYPEHASH;
    /// @inheritdoc ITrainingRegistry
    uint8 public constant MODE_EXACT = 0;
    /// @inheritdoc ITrainingRegistry
    uint8 public constant MODE_TOLERANT = 1;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_SAMPLES = 64;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_QUORUM = 16;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_DISPUTE_QUORUM = 32;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_TOLERANCE_MICROS = 1_000_000;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MIN_CHALLENGE_WINDOW = 1 minutes;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MIN_VERIFY_TIMEOUT = 1 minutes;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_VERIFY_TIMEOUT = 30 days;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MIN_TASK_DURATION = 1 minutes;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_TASK_DURATION = 365 days;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_VERIFIER_SLASH_AMOUNT = 1e27;
    /// @inheritdoc ITrainingRegistry
    uint256 public constant MAX_MODEL_SUPPLY = type(uint96).max;

    /// @dev Written to `attestersHash` at commit so the attestation batch rewrites a non-zero slot
    ///      (5,000 gas instead of 22,100): the committer pays for the slot. Read as "no attesters".
    bytes32 private constant NO_ATTESTERS = bytes32(uint256(1));

    // ---------------------------------------------------------------------------------------------
    // Storage
    // ---------------------------------------------------------------------------------------------

    /// @dev `reserved`: model tokens promised to unsettled tasks (rewards and unpaid fees); the
    ///      registry is the token's only minter, so `totalSupply + reserved <= MAX_MODEL_SUPPLY` holds
    ///      and every promised mint fits.
    struct Model {
        address owner;
        address token;
        uint96 reserved;
        bytes32 specHash;
        bytes32 datasetRoot;
        bytes32 head;
        Rules rules;
    }

    /// @dev Slot 0 holds all an attestation batch reads and writes besides root, seed and the
    ///      attesters hash. `deadline`: commit deadline (Claimed), verification deadline (Committed),
    ///      end of the challenge window (Attested and later).
    struct Task {
        uint32 modelId;
        TaskStatus status;
        uint8 verdict; // a Verdict
        bool attesterRewardsPaid;
        address trainer;
        uint40 deadline;
        // slot 1
        uint64 steps;
        uint40 duration;
        uint64 seedBlock;
        uint64 failingSegment;
        // slot 2
        uint96 reward;
        uint96 verifierFee;
        // slots 3..7
        bytes32 parent;
        bytes32 root;
        bytes32 finalCheckpoint;
        bytes32 seed;
        bytes32 attestersHash;
        // slot 8
        address disputer;
        uint96 proverShare;
    }

    /// @inheritdoc ITrainingRegistry
    IStakeManager public immutable stakeManager;
    /// @inheritdoc ITrainingRegistry
    IERC20 public immutable stakeToken;
    /// @inheritdoc ITrainingRegistry
    IModelTokenFactory public immutable tokenFactory;
    /// @inheritdoc ITrainingRegistry
    address public immutable revenueRouter;
    /// @inheritdoc ITrainingRegistry
    address public immutable paymentAsset;

    /// @inheritdoc ITrainingRegistry
    address public treasury;
    /// @inheritdoc ITrainingRegistry
    uint256 public verifierSlashAmount;
    /// @inheritdoc ITrainingRegistry
    uint256 public modelCount;
    /// @inheritdoc ITrainingRegistry
    uint256 public taskCount;

    mapping(uint256 modelId => Model) private _models;
    mapping(uint256 taskId => Task) private _tasks;
    /// @inheritdoc ITrainingRegistry
    mapping(uint256 taskId => mapping(address trainer => bool)) public barred;

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
    ) Ownable(initialOwner) EIP712("Proofmint TrainingRegistry", "1") {
        if (
            address(stakeManager_) == address(0) || address(tokenFactory_) == address(0)
                || revenueRouter_ == address(0) || paymentAsset_ == address(0) || treasury_ == address(0)
        ) revert ZeroAddress();
        _checkVerifierSlashAmount(verifierSlashAmount_);
        stakeManager = stakeManager_;
        stakeToken = IERC20(stakeManager_.stakeToken());
        tokenFactory = tokenFactory_;
        revenueRouter = revenueRouter_;
        paymentAsset = paymentAsset_;
        treasury = treasury_;
        verifierSlashAmount = verifierSlashAmount_;
        emit TreasuryUpdated(address(0), treasury_);
        emit VerifierSlashAmountUpdated(0, verifierSlashAmount_);
    }

    // ---------------------------------------------------------------------------------------------
    // Models and tasks
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

    // ---------------------------------------------------------------------------------------------
    // Attestations and disputes
    // ---------------------------------------------------------------------------------------------

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
    // Settlement
    // ---------------------------------------------------------------------------------------------

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
    function attestationDigest(uint256 taskId, bytes32 root, bytes32 seed, uint8 verdict, uint256 failingSegment)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, taskId, root, seed, verdict, failingSegment)));
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

    /// @dev Checks a verdict and the signatures over it (`quorum` of them, or `disputeQuorum` for a
    ///      dispute resolution); returns the signers and their hash keccak256(abi.encodePacked(signers)).
    function _checkBatch(
        uint256 taskId,
        bool committee,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof
    ) private view returns (address[] memory signers, bytes32 signersHash) {
        if (verdict == uint8(Verdict.Fraud)) {
            _checkFailingLeaf(taskId, failingSegment, failingLeaf, proof);
        } else if (verdict == uint8(Verdict.Valid) || verdict == uint8(Verdict.Unavailable)) {
            if (failingSegment != 0) revert NonZeroFailingSegment(failingSegment);
        } else {
            revert InvalidVerdict(verdict);
        }
        Task storage task = _tasks[taskId];
        Rules storage rules = _models[task.modelId].rules;
        signers = Attestations.recoverSigners(
            attestationDigest(taskId, task.root, task.seed, verdict, failingSegment),
            signatures,
            committee ? rules.disputeQuorum : rules.quorum,
            task.trainer
        );
        stakeManager.requireActiveVerifiers(signers);
        assembly ("memory-safe") {
            signersHash := keccak256(add(signers, 0x20), shl(5, mload(signers)))
        }
    }

    /// @dev A dispute can be resolved: Disputed, before its deadline, with the original attesters.
    function _checkResolvable(uint256 taskId, address[] calldata originalAttesters) private view {
        Task storage task = _tasks[taskId];
        if (task.status != TaskStatus.Disputed) revert WrongStatus(taskId, task.status);
        uint256 resolveBy = uint256(task.deadline) + _models[task.modelId].rules.challengeWindow;
        if (block.timestamp >= resolveBy) revert DisputeLapsed(taskId, resolveBy);
        if (keccak256(abi.encodePacked(originalAttesters)) != task.attestersHash) revert AttestersMismatch(taskId);
    }

    /// @dev FRAUD: the failing segment must be sampled and its leaf proven against the root.
    function _checkFailingLeaf(
        uint256 taskId,
        uint256 failingSegment,
        SegmentLeaf calldata leaf,
        bytes32[] calldata proof
    ) private view {
        Task storage task = _tasks[taskId];
        Rules storage rules = _models[task.modelId].rules;
        uint256 segments = task.steps / rules.segmentLength;
        if (!Sampling.isSampled(task.seed, task.root, rules.samples, segments, failingSegment)) {
            revert SegmentNotSampled(failingSegment);
        }
        bytes32 leafHash = _leafHash(taskId, task.trainer, failingSegment, leaf);
        if (!SegmentTree.verify(task.root, segments, failingSegment, leafHash, proof)) {
            revert InvalidSegmentProof(failingSegment);
        }
    }

    function _leafHash(uint256 taskId, address trainer, uint256 index, SegmentLeaf calldata leaf)
        private
        view
        returns (bytes32)
    {
        return SegmentTree.leafHash(
            block.chainid,
            address(this),
            taskId,
            trainer,
            index,
            leaf.ckptStart,
            leaf.ckptEnd,
            leaf.batchesHash,
            leaf.lossesHash
        );
    }

    /// @dev Applies a checked committee verdict (see resolveDispute).
    function _resolve(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        address[] memory committee,
        bytes32 committeeHash,
        address[] calldata originalAttesters
    ) private {
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
        private
        returns (uint256 slashedTotal)
    {
        uint256 amount = verifierSlashAmount;
        for (uint256 i; i < attesters.length; ++i) {
            uint256 slashed = stakeManager.slash(attesters[i], amount, prover);
            slashedTotal += slashed;
            emit VerifierSlashed(taskId, attesters[i], prover, slashed);
        }
    }

    function _releaseDisputeBond(uint256 taskId, address to, uint256 amount) private {
        emit DisputeBondReleased(taskId, to, amount);
        stakeToken.safeTransfer(to, amount);
    }

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

    /// @dev Releases a settled task's reservation of what will not be minted, or is minted now.
    function _release(Model storage model, uint256 amount) private {
        // bounded: amount is part of what _reserve added, so it fits and does not underflow
        // forge-lint: disable-next-line(unsafe-typecast)
        if (amount != 0) model.reserved -= uint96(amount);
    }

    /// @dev Releases the reservation of a VALID task's fee, which is minted now; returns the token.
    function _releaseFee(Task storage task) private returns (IModelToken) {
        Model storage model = _models[task.modelId];
        _release(model, task.verifierFee);
        return IModelToken(model.token);
    }

    function _checkVerifierSlashAmount(uint256 amount) private pure {
        if (amount == 0 || amount > MAX_VERIFIER_SLASH_AMOUNT) revert VerifierSlashAmountOutOfBounds(amount);
    }
}
