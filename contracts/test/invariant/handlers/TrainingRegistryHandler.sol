// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../../utils/MockERC20.sol";
import {ROLE_VERIFIER} from "../../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../../src/interfaces/ITrainingRegistry.sol";
import {SegmentTree} from "../../../src/registry/SegmentTree.sol";
import {TrainingRegistry} from "../../../src/registry/TrainingRegistry.sol";
import {StakeManager} from "../../../src/staking/StakeManager.sol";
import {SegmentTreeBuilder} from "../../registry/SegmentTreeBuilder.sol";
import {TestBase} from "../../utils/TestBase.sol";

/// @notice Drives the TrainingRegistry through random task life cycles: each action picks a task
///         in the state it needs (so sequences make progress), acts as one of a few trainers,
///         disputers or a window of verifiers, and records ghost values the invariants compare
///         with the contracts' state.
contract TrainingRegistryHandler is TestBase {
    using TaskStatusLib for ITrainingRegistry.TaskStatus;

    uint8 internal constant VALID = uint8(ITrainingRegistry.Verdict.Valid);
    uint8 internal constant FRAUD = uint8(ITrainingRegistry.Verdict.Fraud);
    uint8 internal constant UNAVAILABLE = uint8(ITrainingRegistry.Verdict.Unavailable);

    TrainingRegistry public immutable registry;
    StakeManager public immutable sm;
    MockERC20 public immutable stakeToken;
    address public immutable modelOwner;

    uint256[] internal verifierKeys; // ascending by address
    address[] public verifiers;
    address[] public trainers;
    address[] public disputers;
    uint256[] public models;
    uint256[] public tasks;

    // ghosts
    mapping(uint256 taskId => uint256) public ghostSettlements;
    mapping(uint256 modelId => bytes32) public ghostHead;
    /// Stake tokens the registry must hold: dispute bonds of open disputes + unpaid prover shares.
    uint256 public ghostRegistryHeld;
    /// Set when finalize settled a task other than the ghost model predicts (reverting would be
    /// ignored: the runner does not fail on reverts).
    bool public ghostSettlementMismatch;
    mapping(uint256 taskId => address[]) internal _attesters;
    mapping(uint256 taskId => bytes32[]) internal _leaves;
    mapping(uint256 taskId => ITrainingRegistry.SegmentLeaf[]) internal _fields;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        TrainingRegistry registry_,
        StakeManager sm_,
        MockERC20 stakeToken_,
        address modelOwner_,
        uint256[] memory verifierKeys_,
        address[] memory verifiers_,
        address[] memory trainers_,
        uint256[] memory models_
    ) {
        registry = registry_;
        sm = sm_;
        stakeToken = stakeToken_;
        modelOwner = modelOwner_;
        verifierKeys = verifierKeys_;
        verifiers = verifiers_;
        trainers = trainers_;
        models = models_;
        for (uint256 i; i < models_.length; ++i) {
            ghostHead[models_[i]] = registry_.getModel(models_[i]).head;
        }
        for (uint256 i; i < 3; ++i) {
            disputers.push(makeAddr(string.concat("disputer", vm.toString(i))));
        }
    }

    // ------------------------------------------------------------------------------ views

    function taskCount() external view returns (uint256) {
        return tasks.length;
    }

    function trainerCount() external view returns (uint256) {
        return trainers.length;
    }

    function verifierCount() external view returns (uint256) {
        return verifiers.length;
    }

    function modelCount() external view returns (uint256) {
        return models.length;
    }

    // ------------------------------------------------------------------------------ actions

    function createTask(uint256 modelSeed, uint256 segmentsSeed) public {
        uint256 modelId = models[modelSeed % models.length];
        uint64 k = registry.getRules(modelId).segmentLength;
        uint64 steps = k * uint64(bound(segmentsSeed, 1, 9));
        vm.prank(modelOwner);
        tasks.push(registry.createTask(modelId, steps, 100e18, 30e18, 1 days));
        ++calls["createTask"];
    }

    function claimTask(uint256 taskSeed, uint256 trainerSeed) public {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Open);
        if (!found) return;
        uint256 bond = registry.getRules(registry.getTask(taskId).modelId).trainerBond;
        address trainer;
        for (uint256 i; i < trainers.length; ++i) {
            address candidate = trainers[(trainerSeed % trainers.length + i) % trainers.length];
            if (registry.barred(taskId, candidate)) continue; // its commitment of this task expired
            if (sm.isActive(candidate, 1) && sm.freeStake(candidate) >= bond) {
                trainer = candidate;
                break;
            }
        }
        if (trainer == address(0)) return;
        vm.prank(trainer);
        registry.claimTask(taskId);
        ++calls["claimTask"];
    }

    function commit(uint256 taskSeed) public {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Claimed);
        if (!found) return;
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        if (block.timestamp > t.deadline) return;
        uint256 segments = t.steps / registry.getRules(t.modelId).segmentLength;
        delete _leaves[taskId];
        delete _fields[taskId];
        for (uint256 i; i < segments; ++i) {
            ITrainingRegistry.SegmentLeaf memory f = ITrainingRegistry.SegmentLeaf(
                keccak256(abi.encode("s", taskId, i)),
                keccak256(abi.encode("s", taskId, i + 1)),
                keccak256(abi.encode("b", taskId, i)),
                keccak256(abi.encode("l", taskId, i))
            );
            _fields[taskId].push(f);
            _leaves[taskId].push(
                SegmentTree.leafHash(
                    block.chainid,
                    address(registry),
                    taskId,
                    t.trainer,
                    i,
                    f.ckptStart,
                    f.ckptEnd,
                    f.batchesHash,
                    f.lossesHash
                )
            );
        }
        vm.prank(t.trainer);
        registry.commit(
            taskId, SegmentTreeBuilder.root(_leaves[taskId]), keccak256(abi.encode("final", taskId, block.number)), ""
        );
        ++calls["commit"];
    }

    function drawSeed(uint256 taskSeed) public {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Committed);
        if (!found) return;
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        if (t.seed != 0) return;
        if (block.number <= t.seedBlock) vm.roll(t.seedBlock + 1);
        vm.setBlockhash(t.seedBlock, keccak256(abi.encode("blockhash", t.seedBlock)));
        registry.drawSeed(taskId);
        ++calls["drawSeed"];
    }

    function attest(uint256 taskSeed, bool fraud, uint256 firstSeed) public {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Committed);
        if (!found) return;
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        if (t.seed == 0 || block.timestamp > t.deadline) return;
        uint256 m = registry.getRules(t.modelId).quorum;
        (bool enough, uint256[] memory picked) = _activeVerifiers(firstSeed, m);
        if (!enough) return;
        // a rejecting verdict is UNAVAILABLE one time in three
        (uint8 verdict, uint256 segment, ITrainingRegistry.SegmentLeaf memory leaf, bytes32[] memory proof) =
            _verdict(taskId, !fraud ? VALID : (firstSeed >> 128) % 3 == 0 ? UNAVAILABLE : FRAUD);
        registry.submitAttestations(taskId, verdict, segment, _sign(taskId, verdict, segment, picked), leaf, proof);
        delete _attesters[taskId];
        for (uint256 i; i < picked.length; ++i) {
            _attesters[taskId].push(verifiers[picked[i]]);
        }
        ++calls["attest"];
        if (verdict == UNAVAILABLE) ++calls["attest UNAVAILABLE"];
    }

    /// Moves one unsettled task one to three steps along the happy path (claim, commit, draw,
    /// attest with a FRAUD verdict one time in four, wait out the window and finalize, or resolve
    /// a dispute), so that short random sequences still reach the late states.
    function advance(uint256 taskSeed, uint256 choice) external {
        uint256 steps = 1 + choice % 3;
        for (uint256 i; i < steps; ++i) {
            _advance(taskSeed, uint256(keccak256(abi.encode(choice, i))));
        }
    }

    function _advance(uint256 taskSeed, uint256 choice) private {
        uint256 n = tasks.length;
        if (n == 0) return createTask(choice, choice >> 8);
        uint256 start = taskSeed % n;
        for (uint256 i; i < n; ++i) {
            uint256 taskId = tasks[(start + i) % n];
            ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
            if (t.status.isSettled()) continue;
            uint256 index = (start + i) % n;
            if (t.status == ITrainingRegistry.TaskStatus.Open) return claimTask(index, choice);
            if (t.status == ITrainingRegistry.TaskStatus.Claimed) return commit(index);
            if (t.status == ITrainingRegistry.TaskStatus.Committed) {
                return t.seed == 0 ? drawSeed(index) : attest(index, choice % 4 == 0, choice >> 8);
            }
            if (t.status == ITrainingRegistry.TaskStatus.Disputed) return resolveDispute(index, choice % 2 == 0, choice >> 8);
            if (block.timestamp < t.deadline) vm.warp(t.deadline);
            return finalize(index);
        }
        createTask(choice, choice >> 8);
    }

    function dispute(uint256 taskSeed, uint256 disputerSeed) external {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Attested);
        if (!found) return;
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        if (block.timestamp >= t.deadline) return;
        address disputer = disputers[disputerSeed % disputers.length];
        uint256 bond = registry.getRules(t.modelId).disputeBond;
        stakeToken.mint(disputer, bond);
        vm.startPrank(disputer);
        stakeToken.approve(address(registry), bond);
        registry.dispute(taskId);
        vm.stopPrank();
        ghostRegistryHeld += bond;
        ++calls["dispute"];
    }

    function resolveDispute(uint256 taskSeed, bool overturn, uint256 firstSeed) public {
        (bool found, uint256 taskId) = _find(taskSeed, ITrainingRegistry.TaskStatus.Disputed);
        if (!found) return;
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        ITrainingRegistry.Rules memory rules = registry.getRules(t.modelId);
        if (block.timestamp >= uint256(t.deadline) + rules.challengeWindow) return;
        (bool enough, uint256[] memory picked) = _activeVerifiers(firstSeed, rules.disputeQuorum);
        if (!enough) return;
        // overturn: the other side of VALID; uphold: the same side (FRAUD and UNAVAILABLE alike)
        bool rejects = overturn == (t.verdict == VALID);
        uint8 verdict = _submitResolution(
            taskId, !rejects ? VALID : (firstSeed >> 128) % 2 == 0 ? FRAUD : UNAVAILABLE, picked
        );
        ghostRegistryHeld -= rules.disputeBond;
        if ((verdict == VALID) != (t.verdict == VALID)) {
            delete _attesters[taskId];
            for (uint256 i; i < picked.length; ++i) {
                _attesters[taskId].push(verifiers[picked[i]]);
            }
        }
        ++calls["resolveDispute"];
    }

    /// Tries any task, settled ones included: a second settlement must revert.
    function finalize(uint256 taskSeed) public {
        if (tasks.length == 0) return;
        uint256 taskId = tasks[taskSeed % tasks.length];
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        bytes32 headBefore = registry.getModel(t.modelId).head;
        ITrainingRegistry.Rules memory rules = registry.getRules(t.modelId);
        try registry.finalize(taskId) {
            ++ghostSettlements[taskId];
            ++calls["finalize"];
            ITrainingRegistry.TaskView memory after_ = registry.getTask(taskId);
            if (t.status == ITrainingRegistry.TaskStatus.Disputed) ghostRegistryHeld -= rules.disputeBond;
            ITrainingRegistry.TaskStatus expected;
            if (t.verdict == VALID && t.parent == headBefore) {
                expected = ITrainingRegistry.TaskStatus.Finalized;
                ghostHead[t.modelId] = t.finalCheckpoint;
            } else if (t.verdict == VALID) {
                expected = ITrainingRegistry.TaskStatus.Stale;
            } else {
                expected = ITrainingRegistry.TaskStatus.Rejected;
                ghostRegistryHeld += after_.proverShare;
            }
            if (after_.status != expected) ghostSettlementMismatch = true;
        } catch {
            ++calls["finalize (reverted)"];
        }
    }

    function expire(uint256 taskSeed, bool committed) external {
        (bool found, uint256 taskId) = _find(
            taskSeed, committed ? ITrainingRegistry.TaskStatus.Committed : ITrainingRegistry.TaskStatus.Claimed
        );
        if (!found) return;
        if (block.timestamp <= registry.getTask(taskId).deadline) return;
        vm.prank(disputers[0]);
        registry.expire(taskId);
        ++calls["expire"];
    }

    function claimAttesterRewards(uint256 taskSeed) external {
        if (tasks.length == 0) return;
        uint256 taskId = tasks[taskSeed % tasks.length];
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        if (!t.status.isSettled() || t.attesterRewardsPaid) return;
        registry.claimAttesterRewards(taskId, _attesters[taskId]);
        if (t.status == ITrainingRegistry.TaskStatus.Rejected) ghostRegistryHeld -= t.proverShare;
        ++calls["claimAttesterRewards"];
    }

    function requestUnbond(uint256 actorSeed, uint256 amount) external {
        address actor = _stakerAt(actorSeed);
        uint256 free = sm.freeStake(actor);
        if (free < 10) return;
        amount = bound(amount, 1, free / 10); // small steps: most stakers stay active

        vm.prank(actor);
        sm.requestUnbond(amount);
        ++calls["requestUnbond"];
    }

    function withdraw(uint256 actorSeed) external {
        address actor = _stakerAt(actorSeed);
        (,,,, uint256 unbonding, uint64 releaseAt) = sm.stakeOf(actor);
        if (unbonding == 0 || block.timestamp < releaseAt) return;
        vm.prank(actor);
        sm.withdraw();
        ++calls["withdraw"];
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1 minutes, 12 hours));
        vm.roll(block.number + 1);
        ++calls["warp"];
    }

    // ------------------------------------------------------------------------------ internals

    function stakerCount() public view returns (uint256) {
        return trainers.length + verifiers.length;
    }

    function _stakerAt(uint256 seed) private view returns (address) {
        uint256 i = seed % stakerCount();
        return i < trainers.length ? trainers[i] : verifiers[i - trainers.length];
    }

    function stakerAt(uint256 i) external view returns (address) {
        return _stakerAt(i);
    }

    /// @dev The first task at or after `seed` (cyclically) in `status`.
    function _find(uint256 seed, ITrainingRegistry.TaskStatus status) private view returns (bool, uint256) {
        uint256 n = tasks.length;
        if (n == 0) return (false, 0);
        uint256 start = seed % n;
        for (uint256 i; i < n; ++i) {
            uint256 taskId = tasks[(start + i) % n];
            if (registry.getTask(taskId).status == status) return (true, taskId);
        }
        return (false, 0);
    }

    /// @dev `count` active verifiers in ascending address order, starting the scan at `seed`.
    function _activeVerifiers(uint256 seed, uint256 count) private view returns (bool, uint256[] memory picked) {
        picked = new uint256[](count);
        uint256 n = verifiers.length;
        uint256 start = seed % n;
        uint256 got;
        for (uint256 i = start; i < n && got < count; ++i) {
            if (sm.isActive(verifiers[i], ROLE_VERIFIER)) picked[got++] = i;
        }
        return (got == count, picked);
    }

    function _verdict(uint256 taskId, uint8 wanted)
        private
        view
        returns (uint8 verdict, uint256 segment, ITrainingRegistry.SegmentLeaf memory leaf, bytes32[] memory proof)
    {
        if (wanted != FRAUD) return (wanted, 0, leaf, new bytes32[](0));
        segment = registry.sampledSegments(taskId)[0];
        return (FRAUD, segment, _fields[taskId][segment], SegmentTreeBuilder.proof(_leaves[taskId], segment));
    }

    function _submitResolution(uint256 taskId, uint8 wanted, uint256[] memory picked) private returns (uint8 verdict) {
        uint256 segment;
        ITrainingRegistry.SegmentLeaf memory leaf;
        bytes32[] memory proof;
        (verdict, segment, leaf, proof) = _verdict(taskId, wanted);
        _callResolve(taskId, verdict, segment, _sign(taskId, verdict, segment, picked), leaf, proof);
    }

    function _callResolve(
        uint256 taskId,
        uint8 verdict,
        uint256 segment,
        bytes memory sigs,
        ITrainingRegistry.SegmentLeaf memory leaf,
        bytes32[] memory proof
    ) private {
        address[] memory originals = _attesters[taskId];
        registry.resolveDispute(taskId, verdict, segment, sigs, leaf, proof, originals);
    }

    function _sign(uint256 taskId, uint8 verdict, uint256 segment, uint256[] memory picked)
        private
        view
        returns (bytes memory sigs)
    {
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        bytes32 digest = registry.attestationDigest(taskId, t.root, t.seed, verdict, segment);
        for (uint256 i; i < picked.length; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(verifierKeys[picked[i]], digest);
            sigs = bytes.concat(sigs, abi.encodePacked(r, s, v));
        }
    }
}

library TaskStatusLib {
    function isSettled(ITrainingRegistry.TaskStatus status) internal pure returns (bool) {
        return status == ITrainingRegistry.TaskStatus.Finalized || status == ITrainingRegistry.TaskStatus.Rejected
            || status == ITrainingRegistry.TaskStatus.Stale;
    }

    /// @dev Statuses in which the trainer's bond is locked.
    function holdsBond(ITrainingRegistry.TaskStatus status) internal pure returns (bool) {
        return status == ITrainingRegistry.TaskStatus.Claimed || status == ITrainingRegistry.TaskStatus.Committed
            || status == ITrainingRegistry.TaskStatus.Attested || status == ITrainingRegistry.TaskStatus.Disputed
            || status == ITrainingRegistry.TaskStatus.Resolved;
    }
}
