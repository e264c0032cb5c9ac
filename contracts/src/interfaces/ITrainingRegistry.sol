// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IModelTokenFactory} from "./IModelTokenFactory.sol";
import {IStakeManager} from "./IStakeManager.sol";

/// @title ITrainingRegistry
/// @notice Types, events, errors and functions of the Proofmint training registry: models, training
///         tasks, proof-of-learning commitments, verifier attestations, disputes and finalization.
///         Byte layouts (leaves, segment tree, seed, sampling, EIP-712) are docs/protocol.md
///         sections 1, 2, 5 and 6; the rest is docs/contracts.md.
interface ITrainingRegistry {
    // ---------------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------------

    /// @notice Verification rules of a model, fixed at registration. Field order is the ABI order.
    /// @dev Packs into two storage slots: the first holds everything an attestation batch reads.
    struct Rules {
        uint64 segmentLength; // k: steps per segment (>= 1)
        uint8 samples; // q: sampled segments per task (1..64)
        uint8 quorum; // m: signatures per attestation batch (1..16)
        uint8 disputeQuorum; // signatures of the dispute committee (m < disputeQuorum <= 32)
        uint8 mode; // 0 = exact, 1 = tolerant
        uint32 toleranceMicros; // tolerant mode threshold in millionths (0 in exact mode), opaque to the chain
        uint32 challengeWindow; // seconds after an attestation batch during which it can be disputed
        uint32 verifyTimeout; // seconds after a commit within which an attestation batch must land
        uint96 trainerBond; // stake locked by a trainer per claimed task (> 0)
        uint96 disputeBond; // stake-token bond posted by a disputer (> 0)
    }

    /// @notice One segment's leaf fields (docs/protocol.md section 1) other than those the registry knows.
    struct SegmentLeaf {
        bytes32 ckptStart;
        bytes32 ckptEnd;
        bytes32 batchesHash;
        bytes32 lossesHash;
    }

    /// @notice Lifecycle of a task. `Committed` covers both "seed pending" and "seed drawn" (seed != 0).
    enum TaskStatus {
        None,
        Open,
        Claimed,
        Committed,
        Attested,
        Disputed,
        Resolved,
        Finalized,
        Rejected,
        Stale
    }

    /// @notice What an attestation batch or a dispute committee rules (docs/protocol.md section 6):
    ///         Valid (1) the sampled segments replay; Fraud (2) a sampled segment does not;
    ///         Unavailable (3) the bundle, or a sampled artifact of it, could not be fetched or did
    ///         not match the commitment, which rejects the task like Fraud. None (0) is no verdict
    ///         yet and never a valid one. In the ABI, in storage and in the EIP-712 `Attestation`
    ///         type a verdict is a uint8 holding a Verdict: functions take a uint8 so that any other
    ///         value reverts InvalidVerdict, and storing or returning the enum type would add a range
    ///         check at every load, store and ABI encoding.
    enum Verdict {
        None,
        Valid,
        Fraud,
        Unavailable
    }

    /// @notice A registered model as the getter returns it.
    struct ModelView {
        address owner;
        address token;
        bytes32 specHash;
        bytes32 datasetRoot;
        bytes32 head;
        Rules rules;
    }

    /// @notice A task as the getter returns it.
    /// @dev `deadline` depends on the status: the commit deadline while Claimed, the verification
    ///      deadline (commit time + verifyTimeout) while Committed, the end of the challenge window
    ///      from Attested on. `attestersHash` is zero until an attestation batch lands.
    struct TaskView {
        uint256 modelId;
        TaskStatus status;
        uint8 verdict; // a Verdict
        bool attesterRewardsPaid;
        address trainer;
        uint64 deadline;
        uint64 steps;
        uint64 duration;
        uint64 seedBlock;
        uint64 failingSegment;
        uint256 reward;
        uint256 verifierFee;
        bytes32 parent;
        bytes32 root;
        bytes32 finalCheckpoint;
        bytes32 seed;
        bytes32 attestersHash;
        address disputer;
        uint256 proverShare;
    }

    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    event ModelRegistered(
        uint256 indexed modelId,
        address indexed owner,
        address indexed token,
        bytes32 specHash,
        bytes32 datasetRoot,
        bytes32 initialHead,
        Rules rules,
        string name,
        string symbol,
        uint256 initialSupply
    );
    event TaskCreated(
        uint256 indexed taskId,
        uint256 indexed modelId,
        bytes32 parent,
        uint64 steps,
        uint256 reward,
        uint256 verifierFee,
        uint64 duration
    );
    event TaskClaimed(uint256 indexed taskId, uint256 indexed modelId, address indexed trainer, uint256 bond, uint64 deadline);
    event TaskCommitted(
        uint256 indexed taskId,
        uint256 indexed modelId,
        address indexed trainer,
        bytes32 root,
        bytes32 finalCheckpoint,
        uint256 segments,
        uint256 seedBlock,
        uint64 verifyDeadline,
        string artifactLocator
    );
    event SeedDrawn(uint256 indexed taskId, bytes32 seed, uint256 seedBlock);
    event SeedReanchored(uint256 indexed taskId, uint256 oldSeedBlock, uint256 newSeedBlock);
    /// @notice An attestation batch was accepted. `signers` are in ascending order; their
    ///         keccak256(abi.encodePacked(signers)) is what the registry stores.
    event AttestationsSubmitted(
        uint256 indexed taskId, uint8 indexed verdict, uint256 failingSegment, uint64 windowEnd, address[] signers
    );
    event TaskDisputed(uint256 indexed taskId, address indexed disputer, uint256 bond, uint64 resolveBy);
    /// @notice The dispute committee ruled. `overturned`: its verdict differs from the attested one,
    ///         every original attester was slashed (`slashedTotal` in all) and `committee` replaced them.
    event DisputeResolved(
        uint256 indexed taskId,
        bool indexed overturned,
        uint8 verdict,
        uint256 failingSegment,
        address[] committee,
        uint256 slashedTotal
    );
    event VerifierSlashed(uint256 indexed taskId, address indexed verifier, address indexed prover, uint256 amount);
    /// @notice A dispute bond left the registry: back to the disputer, or to the treasury.
    event DisputeBondReleased(uint256 indexed taskId, address indexed to, uint256 amount);
    event TaskFinalized(
        uint256 indexed taskId,
        uint256 indexed modelId,
        address indexed trainer,
        bytes32 parent,
        bytes32 newHead,
        uint256 reward
    );
    event TaskStale(uint256 indexed taskId, uint256 indexed modelId, address indexed trainer, bytes32 parent, bytes32 head);
    /// @notice A FRAUD or UNAVAILABLE verdict was settled: the trainer's bond was slashed (`getTask`
    ///         tells which verdict).
    event TaskRejected(
        uint256 indexed taskId, uint256 indexed modelId, address indexed trainer, uint256 slashed, uint256 proverShare
    );
    /// @notice A task went back to Open. `slashed` > 0 when the trainer missed the commit deadline;
    ///         when `committed`, the trainer may not claim this task again (`barred`).
    event TaskExpired(uint256 indexed taskId, address indexed trainer, address indexed caller, bool committed, uint256 slashed);
    /// @notice Attester rewards of a task were paid: `perAttester` of `asset` to each of `count` attesters.
    event AttesterRewardsPaid(uint256 indexed taskId, address indexed asset, uint256 perAttester, uint256 count);
    event TreasuryUpdated(address previousTreasury, address newTreasury);
    event VerifierSlashAmountUpdated(uint256 previousAmount, uint256 newAmount);

    // ---------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------

    error SegmentLengthOutOfBounds(uint256 value);
    error SamplesOutOfBounds(uint256 value);
    error QuorumOutOfBounds(uint256 value);
    error DisputeQuorumOutOfBounds(uint256 value, uint256 quorum);
    error ModeOutOfBounds(uint256 value);
    error ToleranceOutOfBounds(uint256 value, uint256 mode);
    error ChallengeWindowOutOfBounds(uint256 value, uint256 min, uint256 max);
    error VerifyTimeoutOutOfBounds(uint256 value);
    error TrainerBondOutOfBounds(uint256 value);
    error DisputeBondOutOfBounds(uint256 value);
    error StepsOutOfBounds(uint256 steps, uint256 segmentLength);
    error DurationOutOfBounds(uint256 value);
    error VerifierSlashAmountOutOfBounds(uint256 value);
    error ZeroAddress();

    error UnknownModel(uint256 modelId);
    error UnknownTask(uint256 taskId);
    error NotModelOwner(uint256 modelId, address caller);
    error WrongStatus(uint256 taskId, TaskStatus status);
    error NotActiveTrainer(address account);
    error NotTrainer(uint256 taskId, address caller);
    error DeadlinePassed(uint256 taskId, uint256 deadline);
    error EmptyCommitment();
    error SeedNotReady(uint256 taskId, uint256 seedBlock);
    error SeedAlreadyDrawn(uint256 taskId);
    error SeedNotDrawn(uint256 taskId);
    error InvalidVerdict(uint8 verdict);
    error NonZeroFailingSegment(uint256 failingSegment);
    error SegmentNotSampled(uint256 segment);
    error InvalidSegmentProof(uint256 segment);
    error WrongSignatureCount(uint256 expected, uint256 got);
    error SignersNotAscending(address previous, address signer);
    error TrainerCannotAttest(address trainer);
    error AttestersMismatch(uint256 taskId);
    error ChallengeWindowOpen(uint256 taskId, uint256 windowEnd);
    error ChallengeWindowClosed(uint256 taskId, uint256 windowEnd);
    error DisputeLapsed(uint256 taskId, uint256 resolveBy);
    error NotExpired(uint256 taskId, uint256 deadline);
    error RewardsAlreadyPaid(uint256 taskId);
    error NoTrainer(uint256 taskId);
    /// @notice `createTask` cannot reserve `requested` (reward + verifier fee) model tokens: only
    ///         `headroom` = 2^96 - 1 - totalSupply - reserved is left under the token's supply cap.
    error RewardsExceedSupplyCap(uint256 modelId, uint256 requested, uint256 headroom);
    /// @notice `trainer` let its commitment of `taskId` expire unverified and may not claim it again.
    error TrainerBarred(uint256 taskId, address trainer);

    // ---------------------------------------------------------------------------------------------
    // Constants and configuration
    // ---------------------------------------------------------------------------------------------

    /// @notice EIP-712 type hash of an attestation (docs/protocol.md section 6):
    ///         keccak256("Attestation(uint256 taskId,bytes32 root,bytes32 seed,uint8 verdict,uint256 failingSegment)").
    function ATTESTATION_TYPEHASH() external view returns (bytes32);

    /// @notice `Rules.mode` of bit-exact replay.
    function MODE_EXACT() external view returns (uint8);

    /// @notice `Rules.mode` of replay within `toleranceMicros`.
    function MODE_TOLERANT() external view returns (uint8);

    /// @notice Upper bound of `Rules.samples`.
    function MAX_SAMPLES() external view returns (uint256);

    /// @notice Upper bound of `Rules.quorum`.
    function MAX_QUORUM() external view returns (uint256);

    /// @notice Upper bound of `Rules.disputeQuorum`.
    function MAX_DISPUTE_QUORUM() external view returns (uint256);

    /// @notice Upper bound of `Rules.toleranceMicros` in tolerant mode.
    function MAX_TOLERANCE_MICROS() external view returns (uint256);

    /// @notice Lower bound of `Rules.challengeWindow`; its upper bound is half the stake manager's
    ///         MIN_UNBONDING_DELAY, so a window plus the time to resolve a dispute ends before stake
    ///         can leave.
    function MIN_CHALLENGE_WINDOW() external view returns (uint256);

    /// @notice Lower bound of `Rules.verifyTimeout`.
    function MIN_VERIFY_TIMEOUT() external view returns (uint256);

    /// @notice Upper bound of `Rules.verifyTimeout`.
    function MAX_VERIFY_TIMEOUT() external view returns (uint256);

    /// @notice Lower bound of a task's duration.
    function MIN_TASK_DURATION() external view returns (uint256);

    /// @notice Upper bound of a task's duration.
    function MAX_TASK_DURATION() external view returns (uint256);

    /// @notice Upper bound of `verifierSlashAmount`, in stake-token base units.
    function MAX_VERIFIER_SLASH_AMOUNT() external view returns (uint256);

    /// @notice A model token's supply cap (ModelToken.MAX_SUPPLY): supply plus reservations stay below it.
    function MAX_MODEL_SUPPLY() external view returns (uint256);

    /// @notice The stake manager; this registry must be its registry.
    function stakeManager() external view returns (IStakeManager);

    /// @notice The stake manager's stake token, in which dispute bonds are posted.
    function stakeToken() external view returns (IERC20);

    /// @notice Creates each model's token.
    function tokenFactory() external view returns (IModelTokenFactory);

    /// @notice The revenue router every model token reports to.
    function revenueRouter() external view returns (address);

    /// @notice The asset users pay model revenue in.
    function paymentAsset() external view returns (address);

    /// @notice Receives forfeited dispute bonds and the dust of split prover shares.
    function treasury() external view returns (address);

    /// @notice Stake slashed from each original attester when the dispute committee overturns them.
    function verifierSlashAmount() external view returns (uint256);

    /// @notice Models registered so far; model ids count from 1.
    function modelCount() external view returns (uint256);

    /// @notice Tasks created so far; task ids count from 1.
    function taskCount() external view returns (uint256);

    // ---------------------------------------------------------------------------------------------
    // Models and tasks
    // ---------------------------------------------------------------------------------------------

    /// @notice Registers a model, creates its token (this registry mints) and mints `initialSupply`
    ///         of it to the caller, who becomes the model owner.
    /// @param specHash hash of the architecture, hyper-parameters, optimizer and reproducibility profile
    /// @param datasetRoot Merkle root over the dataset shard hashes
    /// @param initialHead checkpoint hash training starts from
    /// @param rules verification rules, bounds-checked (docs/contracts.md)
    /// @param name model token name
    /// @param symbol model token symbol
    /// @param initialSupply model tokens minted to the owner
    /// @return modelId the new model's id, counting from 1
    function registerModel(
        bytes32 specHash,
        bytes32 datasetRoot,
        bytes32 initialHead,
        Rules calldata rules,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply
    ) external returns (uint256 modelId);

    /// @notice Posts a task: train `steps` steps from the model's current head. Model owner only.
    ///         Reserves `reward + verifierFee` model tokens under the token's supply cap until the
    ///         task settles, so its mints can never fail.
    /// @param modelId the model
    /// @param steps steps to train, a positive multiple of the model's segment length
    /// @param reward model tokens minted to the trainer when the task finalizes VALID
    /// @param verifierFee model tokens minted to the attesters, split equally, when it finalizes
    /// @param duration seconds the trainer has from its claim to its commit
    /// @return taskId the new task's id, counting from 1
    function createTask(uint256 modelId, uint64 steps, uint256 reward, uint256 verifierFee, uint64 duration)
        external
        returns (uint256 taskId);

    /// @notice Claims an open task: the caller must be an active trainer not barred from this task;
    ///         locks the model's trainer bond in the stake manager and starts the commit deadline
    ///         (now + duration).
    /// @param taskId the task
    function claimTask(uint256 taskId) external;

    /// @notice Commits the proof-of-learning: the segment-tree root, the final checkpoint hash and
    ///         where the artifacts are. Claimer only, until the commit deadline. The seed block is
    ///         the next block (docs/protocol.md section 5); attestations are due by now + verifyTimeout.
    ///         A root is not checked for uniqueness: every leaf binds this task and its trainer, so a
    ///         root copied from another task opens no leaf here and can only end UNAVAILABLE.
    /// @param taskId the task
    /// @param root root of the segment tree (docs/protocol.md sections 1 and 2)
    /// @param finalCheckpoint checkpoint hash after the last step, the model's next head
    /// @param artifactLocator where verifiers fetch checkpoints and records (emitted, not stored)
    function commit(uint256 taskId, bytes32 root, bytes32 finalCheckpoint, string calldata artifactLocator) external;

    /// @notice Draws the challenge seed once the seed block is past. If its hash is no longer
    ///         available (over 256 blocks ago) re-anchors to the next block instead; call again then.
    /// @param taskId the task
    function drawSeed(uint256 taskId) external;

    // ---------------------------------------------------------------------------------------------
    // Attestations and disputes
    // ---------------------------------------------------------------------------------------------

    /// @notice Submits the verdict of exactly `quorum` active verifiers, by verification deadline.
    ///         VALID and UNAVAILABLE need `failingSegment == 0` (leaf and proof are ignored); FRAUD
    ///         needs a sampled `failingSegment` and its leaf fields with a Merkle proof against the
    ///         committed root. Starts the challenge window.
    /// @param taskId the task
    /// @param verdict a Verdict: 1 = VALID, 2 = FRAUD, 3 = UNAVAILABLE
    /// @param failingSegment the failing segment (FRAUD) or 0
    /// @param signatures `quorum` signatures of 65 bytes (r || s || v), signers strictly ascending
    /// @param failingLeaf the failing segment's leaf fields (FRAUD)
    /// @param proof the failing leaf's sibling hashes, leaf level first (FRAUD)
    function submitAttestations(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof
    ) external;

    /// @notice Disputes the attested verdict before the challenge window ends, posting the model's
    ///         dispute bond in the stake token (approve it first). The committee has until the
    ///         window's end plus another challenge window to resolve; after that the dispute lapses.
    /// @param taskId the task
    function dispute(uint256 taskId) external;

    /// @notice Records the dispute committee's verdict: `disputeQuorum` active verifiers over the same
    ///         Attestation type. A verdict on the other side of VALID (VALID against FRAUD or
    ///         UNAVAILABLE) overturns: it refunds the bond, replaces verdict and attesters, makes the
    ///         task finalizable now and, when both verdicts are VALID or FRAUD (provable by replay),
    ///         slashes every original attester `verifierSlashAmount` (the disputer is the prover);
    ///         availability is not provable afterwards, so an overturn involving UNAVAILABLE slashes no
    ///         attester. Otherwise (same side) the bond goes to the treasury and the task finalizes
    ///         after the original window.
    /// @param taskId the task
    /// @param verdict the committee's verdict, a Verdict
    /// @param failingSegment the committee's failing segment (FRAUD) or 0
    /// @param signatures `disputeQuorum` signatures, signers strictly ascending
    /// @param failingLeaf the failing segment's leaf fields (FRAUD)
    /// @param proof the failing leaf's Merkle proof (FRAUD)
    /// @param originalAttesters the attesters of the disputed batch, as in AttestationsSubmitted
    function resolveDispute(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof,
        address[] calldata originalAttesters
    ) external;

    // ---------------------------------------------------------------------------------------------
    // Settlement
    // ---------------------------------------------------------------------------------------------

    /// @notice Settles a task after its challenge window (or after a dispute lapsed unresolved,
    ///         forfeiting the bond to the treasury). VALID: if the task's parent is still the model's
    ///         head, mints the reward to the trainer and moves the head to the final checkpoint
    ///         (Finalized), otherwise no reward (Stale); the bond is unlocked either way. FRAUD or
    ///         UNAVAILABLE: slashes the trainer's bond, this registry taking the prover share for the
    ///         attesters (Rejected). Releases the reservation of what will not be minted. Never fails
    ///         for the supply cap: the reward was reserved at createTask.
    /// @param taskId the task
    function finalize(uint256 taskId) external;

    /// @notice Pays the attesters of a settled task once, split equally (rounding down): for a
    ///         Finalized or Stale task `verifierFee / n` model tokens minted to each (dust unminted,
    ///         the fee's reservation released); for a Rejected task `proverShare / n` stake tokens to
    ///         each (dust to the treasury).
    /// @param taskId the task
    /// @param attesters the attesters of the standing verdict, as emitted (ascending)
    function claimAttesterRewards(uint256 taskId, address[] calldata attesters) external;

    /// @notice Reopens a task whose trainer or verifiers ran out of time. Claimed past the commit
    ///         deadline: the trainer's bond is slashed, the caller taking the prover share (the stake
    ///         manager jails the trainer). Committed without an attestation batch past the
    ///         verification deadline: the bond is unlocked (the verifiers may be the ones missing) but
    ///         the trainer is barred from claiming this task again, so withholding a commitment
    ///         needs fresh stake each round. Either way the task is Open again with no claimer.
    /// @param taskId the task
    function expire(uint256 taskId) external;

    // ---------------------------------------------------------------------------------------------
    // Admin
    // ---------------------------------------------------------------------------------------------

    /// @notice Sets the address that receives forfeited dispute bonds and dust. Owner only.
    /// @param newTreasury the new treasury, not zero
    function setTreasury(address newTreasury) external;

    /// @notice Sets the stake slashed from each overturned attester, within
    ///         [1, MAX_VERIFIER_SLASH_AMOUNT]. Owner only.
    /// @param newAmount the new amount in stake-token base units
    function setVerifierSlashAmount(uint256 newAmount) external;

    // ---------------------------------------------------------------------------------------------
    // Views (pure helpers over the protocol's byte layouts are in TrainingRegistryLens)
    // ---------------------------------------------------------------------------------------------

    /// @notice The sampled segments of a task whose seed is drawn (docs/protocol.md section 5).
    /// @param taskId the task
    /// @return indices `samples` segment indices in draw order, duplicates possible
    function sampledSegments(uint256 taskId) external view returns (uint256[] memory indices);

    /// @notice The leaf of segment `index` of a claimed task, for this chain, this registry and the
    ///         task's trainer (docs/protocol.md section 1). Reverts while the task has no trainer.
    /// @param taskId the task, whose current trainer the leaf binds
    /// @param index the segment index i
    /// @param ckptStart checkpoint hash of C_i
    /// @param ckptEnd checkpoint hash of C_{i+1}
    /// @param batchesHash H of the segment's batch hashes
    /// @param lossesHash H of the segment's loss bits
    /// @return leaf leaf_i
    function segmentLeaf(
        uint256 taskId,
        uint256 index,
        bytes32 ckptStart,
        bytes32 ckptEnd,
        bytes32 batchesHash,
        bytes32 lossesHash
    ) external view returns (bytes32 leaf);

    /// @notice The EIP-712 digest a verifier signs (docs/protocol.md section 6).
    /// @param taskId the task
    /// @param root the committed root
    /// @param seed the drawn seed
    /// @param verdict a Verdict: 1 = VALID, 2 = FRAUD, 3 = UNAVAILABLE
    /// @param failingSegment the failing segment (FRAUD) or 0
    /// @return digest H(0x19 || 0x01 || domainSeparator || structHash)
    function attestationDigest(uint256 taskId, bytes32 root, bytes32 seed, uint8 verdict, uint256 failingSegment)
        external
        view
        returns (bytes32 digest);

    /// @notice The EIP-712 domain separator of attestations.
    function domainSeparator() external view returns (bytes32);

    /// @notice A registered model. Reverts for an unknown id.
    /// @param modelId the model
    function getModel(uint256 modelId) external view returns (ModelView memory);

    /// @notice A registered model's rules. Reverts for an unknown id.
    /// @param modelId the model
    function getRules(uint256 modelId) external view returns (Rules memory);

    /// @notice A task. Reverts for an unknown id. `attestersHash` reads 0 until a batch lands.
    /// @param taskId the task
    function getTask(uint256 taskId) external view returns (TaskView memory);

    /// @notice Model tokens reserved for the unsettled tasks of a model (rewards and unpaid fees).
    /// @param modelId the model
    function reservedSupply(uint256 modelId) external view returns (uint256);

    /// @notice Whether `trainer` let its commitment of `taskId` expire unverified and may not claim
    ///         it again.
    function barred(uint256 taskId, address trainer) external view returns (bool);
}
