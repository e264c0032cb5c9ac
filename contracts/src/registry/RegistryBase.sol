// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IModelTokenFactory} from "../interfaces/IModelTokenFactory.sol";
import {IStakeManager} from "../interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../interfaces/ITrainingRegistry.sol";
import {Attestations} from "./Attestations.sol";
import {Sampling} from "./Sampling.sol";
import {SegmentTree} from "./SegmentTree.sol";

/// @title RegistryBase
/// @notice The training registry's constants, storage and configuration, and the checks its jobs
///         share: an attestation batch (verdict, failing leaf, signers) and the release of a
///         dispute bond. TrainingRegistry is the one deployed contract; RegistryDisputes and
///         RegistrySettlement add their jobs on top of this base.
/// @dev Inheritance order keeps the storage layout of the single-contract registry: Ownable,
///      Ownable2Step and EIP712 slots first, then the registry's.
abstract contract RegistryBase is ITrainingRegistry, Ownable2Step, EIP712, ReentrancyGuardTransient {
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
    bytes32 internal constant NO_ATTESTERS = bytes32(uint256(1));

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

    mapping(uint256 modelId => Model) internal _models;
    mapping(uint256 taskId => Task) internal _tasks;
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

    /// @inheritdoc ITrainingRegistry
    function attestationDigest(uint256 taskId, bytes32 root, bytes32 seed, uint8 verdict, uint256 failingSegment)
        public
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(ATTESTATION_TYPEHASH, taskId, root, seed, verdict, failingSegment)));
    }

    // ---------------------------------------------------------------------------------------------
    // Shared checks
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
    ) internal view returns (address[] memory signers, bytes32 signersHash) {
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

    /// @dev FRAUD: the failing segment must be sampled and its leaf proven against the root.
    function _checkFailingLeaf(
        uint256 taskId,
        uint256 failingSegment,
        SegmentLeaf calldata leaf,
        bytes32[] calldata proof
    ) internal view {
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
        internal
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

    function _releaseDisputeBond(uint256 taskId, address to, uint256 amount) internal {
        emit DisputeBondReleased(taskId, to, amount);
        stakeToken.safeTransfer(to, amount);
    }

    function _checkVerifierSlashAmount(uint256 amount) internal pure {
        if (amount == 0 || amount > MAX_VERIFIER_SLASH_AMOUNT) revert VerifierSlashAmountOutOfBounds(amount);
    }
}
