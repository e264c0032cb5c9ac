// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {MockERC20} from "../utils/MockERC20.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {SegmentTree} from "../../src/registry/SegmentTree.sol";
import {TrainingRegistry} from "../../src/registry/TrainingRegistry.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {ModelTokenFactory} from "../../src/token/ModelTokenFactory.sol";
import {TestBase} from "../utils/TestBase.sol";
import {SegmentTreeBuilder} from "./SegmentTreeBuilder.sol";

/// @notice The whole suite as deployed: a mock stake token and payment asset, the real
///         StakeManager, RevenueRouter, ModelTokenFactory and TrainingRegistry, wired together;
///         staked trainers and staked verifiers (40 by default) (sorted by address, so any slice of them signs
///         in ascending order); helpers that walk a task through its life cycle.
abstract contract RegistryFixture is TestBase {
    uint256 internal constant MIN_TRAINER_STAKE = 100e18;
    uint256 internal constant MIN_VERIFIER_STAKE = 50e18;
    uint64 internal constant UNBONDING_DELAY = 7 days;
    uint16 internal constant PROVER_BPS = 2_500;
    uint256 internal constant TRAINER_STAKE = 1_000e18;
    uint256 internal constant VERIFIER_STAKE = 100e18;
    uint256 internal constant VERIFIER_SLASH = 20e18;
    uint256 internal constant TRAINER_BOND = 200e18;
    uint256 internal constant DISPUTE_BOND = 10e18;
    uint32 internal constant CHALLENGE_WINDOW = 1 hours;
    uint32 internal constant VERIFY_TIMEOUT = 1 days;
    uint64 internal constant DURATION = 1 days;
    uint256 internal constant REWARD = 500e18;
    uint256 internal constant VERIFIER_FEE = 30e18;
    uint8 internal constant VALID = uint8(ITrainingRegistry.Verdict.Valid);
    uint8 internal constant FRAUD = uint8(ITrainingRegistry.Verdict.Fraud);
    uint8 internal constant UNAVAILABLE = uint8(ITrainingRegistry.Verdict.Unavailable);

    MockERC20 internal stakeToken;
    MockERC20 internal usd;
    StakeManager internal sm;
    RevenueRouter internal router;
    ModelTokenFactory internal factory;
    TrainingRegistry internal registry;

    address internal smTreasury;
    address internal routerTreasury;
    address internal verifierPool;
    address internal treasury;
    address internal modelOwner;
    address internal trainer;
    address internal trainer2;
    address internal outsider;

    uint256[] internal verifierKeys; // ascending by address
    address[] internal verifiers; // ascending

    mapping(uint256 taskId => bytes32[]) internal leavesOf;
    mapping(uint256 taskId => ITrainingRegistry.SegmentLeaf[]) internal fieldsOf;

    function setUp() public virtual {
        smTreasury = makeAddr("smTreasury");
        routerTreasury = makeAddr("routerTreasury");
        verifierPool = makeAddr("verifierPool");
        treasury = makeAddr("treasury");
        modelOwner = makeAddr("modelOwner");
        trainer = makeAddr("trainer");
        trainer2 = makeAddr("trainer2");
        outsider = makeAddr("outsider");

        stakeToken = new MockERC20("Proofmint Stake", "PMS", 18);
        usd = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        sm = new StakeManager(
            address(this),
            address(stakeToken),
            smTreasury,
            MIN_TRAINER_STAKE,
            MIN_VERIFIER_STAKE,
            UNBONDING_DELAY,
            PROVER_BPS
        );
        router = new RevenueRouter(address(this), routerTreasury, verifierPool, 7_000, 2_000, 1_000);
        factory = new ModelTokenFactory();
        registry = new TrainingRegistry(
            address(this), sm, factory, address(router), address(usd), treasury, VERIFIER_SLASH
        );
        sm.setRegistry(address(registry));
        router.setRegistry(address(registry));

        _stake(trainer, ROLE_TRAINER, TRAINER_STAKE);
        _stake(trainer2, ROLE_TRAINER, TRAINER_STAKE);
        _makeVerifiers();
    }

    // ------------------------------------------------------------------------------ actors

    function _stake(address account, uint8 role, uint256 amount) internal {
        stakeToken.mint(account, amount);
        vm.startPrank(account);
        stakeToken.approve(address(sm), amount);
        sm.stake(role, amount);
        vm.stopPrank();
    }

    /// @dev How many staked verifiers setUp creates (enough for the largest committee tested).
    function _verifierCount() internal pure virtual returns (uint256) {
        return 40;
    }

    function _makeVerifiers() private {
        uint256 count = _verifierCount();
        for (uint256 i; i < count; ++i) {
            uint256 key = uint256(keccak256(abi.encode("proofmint.test.verifier", i)));
            address account = vm.addr(key);
            // insertion into the sorted arrays
            verifierKeys.push(key);
            verifiers.push(account);
            uint256 j = verifiers.length - 1;
            while (j > 0 && verifiers[j - 1] > account) {
                verifiers[j] = verifiers[j - 1];
                verifierKeys[j] = verifierKeys[j - 1];
                --j;
            }
            verifiers[j] = account;
            verifierKeys[j] = key;
        }
        for (uint256 i; i < count; ++i) {
            _stake(verifiers[i], ROLE_VERIFIER, VERIFIER_STAKE);
        }
    }

    /// @dev verifiers[first .. first + count), ascending.
    function _slice(uint256 first, uint256 count) internal view returns (address[] memory out) {
        out = new address[](count);
        for (uint256 i; i < count; ++i) {
            out[i] = verifiers[first + i];
        }
    }

    // ------------------------------------------------------------------------------ models

    function _rules() internal pure returns (ITrainingRegistry.Rules memory) {
        return _rulesWithQuorum(3, 5);
    }

    function _rulesWithQuorum(uint8 quorum, uint8 disputeQuorum) internal pure returns (ITrainingRegistry.Rules memory) {
        return ITrainingRegistry.Rules({
            segmentLength: 4,
            samples: 3,
            quorum: quorum,
            disputeQuorum: disputeQuorum,
            mode: 0,
            toleranceMicros: 0,
            challengeWindow: CHALLENGE_WINDOW,
            verifyTimeout: VERIFY_TIMEOUT,
            trainerBond: uint96(TRAINER_BOND),
            disputeBond: uint96(DISPUTE_BOND)
        });
    }

    function _registerModel(ITrainingRegistry.Rules memory rules) internal returns (uint256 modelId) {
        vm.prank(modelOwner);
        modelId = registry.registerModel(
            keccak256("spec"), keccak256("dataset"), keccak256("head0"), rules, "Model One", "M1", 1_000e18
        );
    }

    function _createTask(uint256 modelId, uint64 steps) internal returns (uint256 taskId) {
        vm.prank(modelOwner);
        taskId = registry.createTask(modelId, steps, REWARD, VERIFIER_FEE, DURATION);
    }

    // ------------------------------------------------------------------------------ tasks

    function _claim(uint256 taskId, address who) internal {
        vm.prank(who);
        registry.claimTask(taskId);
    }

    /// @dev Builds S leaves for the task's trainer, stores them, commits their root.
    function _commit(uint256 taskId) internal returns (bytes32 root) {
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        uint256 segments = t.steps / registry.getRules(t.modelId).segmentLength;
        delete leavesOf[taskId];
        delete fieldsOf[taskId];
        for (uint256 i; i < segments; ++i) {
            ITrainingRegistry.SegmentLeaf memory f = ITrainingRegistry.SegmentLeaf({
                ckptStart: keccak256(abi.encode("ckpt", taskId, i)),
                ckptEnd: keccak256(abi.encode("ckpt", taskId, i + 1)),
                batchesHash: keccak256(abi.encode("batches", taskId, i)),
                lossesHash: keccak256(abi.encode("losses", taskId, i))
            });
            fieldsOf[taskId].push(f);
            leavesOf[taskId].push(
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
        root = SegmentTreeBuilder.root(leavesOf[taskId]);
        vm.prank(t.trainer);
        registry.commit(taskId, root, _finalCheckpoint(taskId), "file:///artifacts/task");
    }

    function _finalCheckpoint(uint256 taskId) internal pure returns (bytes32) {
        return keccak256(abi.encode("final", taskId));
    }

    /// @dev Moves past the seed block, gives it a hash, draws the seed.
    function _drawSeed(uint256 taskId) internal returns (bytes32 seed) {
        uint256 seedBlock = registry.getTask(taskId).seedBlock;
        if (block.number <= seedBlock) vm.roll(seedBlock + 1);
        vm.setBlockhash(seedBlock, keccak256(abi.encode("blockhash", seedBlock)));
        registry.drawSeed(taskId);
        seed = registry.getTask(taskId).seed;
    }

    /// @dev A model with `rules` and one task claimed by `trainer`, committed, seed drawn.
    function _readyTask(ITrainingRegistry.Rules memory rules, uint64 steps)
        internal
        returns (uint256 modelId, uint256 taskId)
    {
        modelId = _registerModel(rules);
        taskId = _createTask(modelId, steps);
        _claim(taskId, trainer);
        _commit(taskId);
        _drawSeed(taskId);
    }

    // ------------------------------------------------------------------------------ signatures

    function _digest(uint256 taskId, uint8 verdict, uint256 failingSegment) internal view returns (bytes32) {
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        return registry.attestationDigest(taskId, t.root, t.seed, verdict, failingSegment);
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signatures of verifiers[first .. first + count) over the task's attestation.
    function _signBatch(uint256 taskId, uint8 verdict, uint256 failingSegment, uint256 first, uint256 count)
        internal
        view
        returns (bytes memory sigs)
    {
        bytes32 digest = _digest(taskId, verdict, failingSegment);
        for (uint256 i; i < count; ++i) {
            sigs = bytes.concat(sigs, _sign(verifierKeys[first + i], digest));
        }
    }

    function _noLeaf() internal pure returns (ITrainingRegistry.SegmentLeaf memory) {}

    function _proof(uint256 taskId, uint256 index) internal view returns (bytes32[] memory) {
        return SegmentTreeBuilder.proof(leavesOf[taskId], index);
    }

    function _attestValid(uint256 taskId, uint256 first, uint256 count) internal {
        bytes memory sigs = _signBatch(taskId, VALID, 0, first, count);
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function _attestUnavailable(uint256 taskId, uint256 first, uint256 count) internal {
        bytes memory sigs = _signBatch(taskId, UNAVAILABLE, 0, first, count);
        registry.submitAttestations(taskId, UNAVAILABLE, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function _firstSampled(uint256 taskId) internal view returns (uint256) {
        return registry.sampledSegments(taskId)[0];
    }

    function _attestFraud(uint256 taskId, uint256 first, uint256 count) internal returns (uint256 segment) {
        segment = _firstSampled(taskId);
        bytes memory sigs = _signBatch(taskId, FRAUD, segment, first, count);
        registry.submitAttestations(taskId, FRAUD, segment, sigs, fieldsOf[taskId][segment], _proof(taskId, segment));
    }

    function _dispute(uint256 taskId, address disputer) internal {
        stakeToken.mint(disputer, DISPUTE_BOND);
        vm.startPrank(disputer);
        stakeToken.approve(address(registry), DISPUTE_BOND);
        registry.dispute(taskId);
        vm.stopPrank();
    }

    /// @dev The committee verifiers[first .. first + count) resolves with `verdict`.
    function _resolve(uint256 taskId, uint8 verdict, uint256 first, uint256 count, address[] memory originals)
        internal
    {
        uint256 segment = verdict == FRAUD ? _firstSampled(taskId) : 0;
        bytes memory sigs = _signBatch(taskId, verdict, segment, first, count);
        ITrainingRegistry.SegmentLeaf memory leaf = verdict == FRAUD ? fieldsOf[taskId][segment] : _noLeaf();
        bytes32[] memory proof = verdict == FRAUD ? _proof(taskId, segment) : new bytes32[](0);
        registry.resolveDispute(taskId, verdict, segment, sigs, leaf, proof, originals);
    }

    function _staked(address account) internal view returns (uint256 staked) {
        (,, staked,,,) = sm.stakeOf(account);
    }

    function _locked(address account) internal view returns (uint256 locked) {
        (,,, locked,,) = sm.stakeOf(account);
    }

    function _jailed(address account) internal view returns (bool jailed) {
        (, jailed,,,,) = sm.stakeOf(account);
    }
}
