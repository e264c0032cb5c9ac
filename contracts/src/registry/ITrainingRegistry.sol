// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

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
        uint8 verdict;
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
    // Functions
    // ---------------------------------------------------------------------------------------------

    function registerModel(
        bytes32 specHash,
        bytes32 datasetRoot,
        bytes32 initialHead,
        Rules calldata rules,
        string calldata name,
        string calldata symbol,
        uint256 initialSupply
    ) external returns (uint256 modelId);

    function createTask(uint256 modelId, uint64 steps, uint256 reward, uint256 verifierFee, uint64 duration)
        external
        returns (uint256 taskId);

    function claimTask(uint256 taskId) external;

    function commit(uint256 taskId, bytes32 root, bytes32 finalCheckpoint, string calldata artifactLocator) external;

    function drawSeed(uint256 taskId) external;

    function submitAttestations(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof
    ) external;

    function dispute(uint256 taskId) external;

    function resolveDispute(
        uint256 taskId,
        uint8 verdict,
        uint256 failingSegment,
        bytes calldata signatures,
        SegmentLeaf calldata failingLeaf,
        bytes32[] calldata proof,
        address[] calldata originalAttesters
    ) external;

    function finalize(uint256 taskId) external;

    function claimAttesterRewards(uint256 taskId, address[] calldata attesters) external;

    function expire(uint256 taskId) external;

    function sampledSegments(uint256 taskId) external view returns (uint256[] memory);

    function sampleSegments(bytes32 seed, bytes32 root, uint256 samples, uint256 segments)
        external
        pure
        returns (uint256[] memory);

    function segmentLeaf(
        uint256 taskId,
        uint256 index,
        bytes32 ckptStart,
        bytes32 ckptEnd,
        bytes32 batchesHash,
        bytes32 lossesHash
    ) external view returns (bytes32);

    function verifySegmentProof(bytes32 root, uint256 segments, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        external
        pure
        returns (bool);

    function attestationDigest(uint256 taskId, bytes32 root, bytes32 seed, uint8 verdict, uint256 failingSegment)
        external
        view
        returns (bytes32);

    function domainSeparator() external view returns (bytes32);

    function getModel(uint256 modelId) external view returns (ModelView memory);

    function getRules(uint256 modelId) external view returns (Rules memory);

    function getTask(uint256 taskId) external view returns (TaskView memory);

    /// @notice Model tokens promised to the model's unsettled tasks (rewards, unpaid fees).
    function reservedSupply(uint256 modelId) external view returns (uint256);

    /// @notice Whether `trainer` let its commitment of `taskId` expire and may not claim it again.
    function barred(uint256 taskId, address trainer) external view returns (bool);
}
