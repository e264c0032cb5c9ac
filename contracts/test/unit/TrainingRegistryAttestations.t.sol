// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";

/// @notice submitAttestations: verdict checks, the failing leaf's proof, signature checks, and the
///         gas target (receipt gas <= 60k + 8k per signer).
contract TrainingRegistryAttestationsTest is RegistryFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    event log_named_uint(string key, uint256 val);

    uint256 internal modelId;
    uint256 internal taskId;

    function setUp() public override {
        super.setUp();
        (modelId, taskId) = _readyTask(_rules(), 32); // S = 8, m = 3, q = 3
    }

    // ------------------------------------------------------------------------------ success

    function test_submitAttestations_validStartsWindowAndStoresSignerHash() public {
        address[] memory signers = _slice(0, 3);
        uint64 windowEnd = uint64(block.timestamp + CHALLENGE_WINDOW);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.AttestationsSubmitted(taskId, VALID, 0, windowEnd, signers);
        _attestValid(taskId, 0, 3);

        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Attested), "status");
        vm.assertEq(uint256(t.verdict), VALID, "verdict");
        vm.assertEq(uint256(t.deadline), windowEnd, "window end");
        vm.assertEq(t.attestersHash, keccak256(abi.encodePacked(signers)), "signer hash");
    }

    function test_submitAttestations_fraudChecksLeafAndRecordsSegment() public {
        uint256 segment = _firstSampled(taskId);
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.AttestationsSubmitted(
            taskId, FRAUD, segment, uint64(block.timestamp + CHALLENGE_WINDOW), _slice(0, 3)
        );
        _attestFraud(taskId, 0, 3);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.verdict), FRAUD, "verdict");
        vm.assertEq(uint256(t.failingSegment), segment, "segment");
    }

    function test_submitAttestations_unavailableNeedsNoLeafAndStartsWindow() public {
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.AttestationsSubmitted(
            taskId, UNAVAILABLE, 0, uint64(block.timestamp + CHALLENGE_WINDOW), _slice(0, 3)
        );
        _attestUnavailable(taskId, 0, 3);
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Attested), "status");
        vm.assertEq(uint256(t.verdict), UNAVAILABLE, "verdict");
        vm.assertEq(uint256(t.failingSegment), 0, "no segment");
        vm.assertEq(uint8(ITrainingRegistry.Verdict.Unavailable), UNAVAILABLE, "enum value");
    }

    function test_submitAttestations_revertsOnUnavailableWithFailingSegment() public {
        uint256 segment = _firstSampled(taskId);
        bytes memory sigs = _signBatch(taskId, UNAVAILABLE, segment + 1, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NonZeroFailingSegment.selector, segment + 1));
        registry.submitAttestations(taskId, UNAVAILABLE, segment + 1, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_anyoneMaySubmit() public {
        bytes memory sigs = _signBatch(taskId, VALID, 0, 5, 3);
        vm.prank(outsider);
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
        vm.assertEq(registry.getTask(taskId).attestersHash, keccak256(abi.encodePacked(_slice(5, 3))), "hash");
    }

    // ------------------------------------------------------------------------------ state and time

    function test_submitAttestations_revertsUnlessCommitted() public {
        _attestValid(taskId, 0, 3);
        bytes memory sigs = _signBatch(taskId, VALID, 0, 0, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                ITrainingRegistry.WrongStatus.selector, taskId, ITrainingRegistry.TaskStatus.Attested
            )
        );
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsBeforeSeed() public {
        uint256 other = _createTask(modelId, 8);
        _claim(other, trainer2);
        _commit(other);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SeedNotDrawn.selector, other));
        registry.submitAttestations(other, VALID, 0, "", _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsAfterVerifyDeadline() public {
        uint256 deadline = registry.getTask(taskId).deadline;
        bytes memory sigs = _signBatch(taskId, VALID, 0, 0, 3);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.DeadlinePassed.selector, taskId, deadline));
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    // ------------------------------------------------------------------------------ verdict

    function test_submitAttestations_revertsOnUnknownVerdict() public {
        bytes memory sigs = _signBatch(taskId, 4, 0, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.InvalidVerdict.selector, 4));
        registry.submitAttestations(taskId, 4, 0, sigs, _noLeaf(), new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.InvalidVerdict.selector, 0));
        registry.submitAttestations(taskId, 0, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnValidWithFailingSegment() public {
        bytes memory sigs = _signBatch(taskId, VALID, 1, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NonZeroFailingSegment.selector, 1));
        registry.submitAttestations(taskId, VALID, 1, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnFraudAtUnsampledSegment() public {
        uint256 unsampled = _unsampled(taskId);
        bytes memory sigs = _signBatch(taskId, FRAUD, unsampled, 0, 3);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.SegmentNotSampled.selector, unsampled));
        registry.submitAttestations(
            taskId, FRAUD, unsampled, sigs, fieldsOf[taskId][unsampled], _proof(taskId, unsampled)
        );
    }

    function test_submitAttestations_revertsOnFraudWithBadProof() public {
        uint256 segment = _firstSampled(taskId);
        bytes memory sigs = _signBatch(taskId, FRAUD, segment, 0, 3);
        ITrainingRegistry.SegmentLeaf memory leaf = fieldsOf[taskId][segment];
        bytes32[] memory proof = _proof(taskId, segment);
        bytes memory err = abi.encodeWithSelector(ITrainingRegistry.InvalidSegmentProof.selector, segment);

        proof[1] = bytes32(uint256(proof[1]) ^ 1); // flipped sibling
        vm.expectRevert(err);
        registry.submitAttestations(taskId, FRAUD, segment, sigs, leaf, proof);

        proof = _proof(taskId, segment);
        leaf.lossesHash = keccak256("other losses"); // a leaf the trainer never committed
        vm.expectRevert(err);
        registry.submitAttestations(taskId, FRAUD, segment, sigs, leaf, proof);

        leaf = fieldsOf[taskId][segment];
        bytes32[] memory short = new bytes32[](2); // depth is 3 for S = 8
        short[0] = proof[0];
        short[1] = proof[1];
        vm.expectRevert(err);
        registry.submitAttestations(taskId, FRAUD, segment, sigs, leaf, short);
    }

    // ------------------------------------------------------------------------------ signatures

    function test_submitAttestations_revertsOnWrongSignatureCount() public {
        bytes memory two = _signBatch(taskId, VALID, 0, 0, 2);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.WrongSignatureCount.selector, 3, 2));
        registry.submitAttestations(taskId, VALID, 0, two, _noLeaf(), new bytes32[](0));
        bytes memory four = _signBatch(taskId, VALID, 0, 0, 4);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.WrongSignatureCount.selector, 3, 4));
        registry.submitAttestations(taskId, VALID, 0, four, _noLeaf(), new bytes32[](0));
        bytes memory ragged = bytes.concat(_signBatch(taskId, VALID, 0, 0, 3), hex"00");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.WrongSignatureCount.selector, 3, 3));
        registry.submitAttestations(taskId, VALID, 0, ragged, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnUnorderedOrRepeatedSigners() public {
        bytes32 digest = _digest(taskId, VALID, 0);
        bytes memory descending =
            bytes.concat(_sign(verifierKeys[2], digest), _sign(verifierKeys[1], digest), _sign(verifierKeys[0], digest));
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.SignersNotAscending.selector, verifiers[2], verifiers[1])
        );
        registry.submitAttestations(taskId, VALID, 0, descending, _noLeaf(), new bytes32[](0));

        bytes memory repeated =
            bytes.concat(_sign(verifierKeys[0], digest), _sign(verifierKeys[1], digest), _sign(verifierKeys[1], digest));
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.SignersNotAscending.selector, verifiers[1], verifiers[1])
        );
        registry.submitAttestations(taskId, VALID, 0, repeated, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnHighS() public {
        bytes32 digest = _digest(taskId, VALID, 0);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(verifierKeys[0], digest);
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        bytes memory sigs = bytes.concat(
            abi.encodePacked(r, highS, v == 27 ? uint8(28) : uint8(27)),
            _sign(verifierKeys[1], digest),
            _sign(verifierKeys[2], digest)
        );
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnBadV() public {
        bytes32 digest = _digest(taskId, VALID, 0);
        (, bytes32 r, bytes32 s) = vm.sign(verifierKeys[0], digest);
        bytes memory sigs = bytes.concat(
            abi.encodePacked(r, s, uint8(1)), _sign(verifierKeys[1], digest), _sign(verifierKeys[2], digest)
        );
        vm.expectRevert(ECDSA.ECDSAInvalidSignature.selector);
        registry.submitAttestations(taskId, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsWhenSignedOverAnotherVerdict() public {
        bytes memory sigs = _signBatch(taskId, VALID, 0, 0, 3);
        uint256 segment = _firstSampled(taskId);
        vm.expectRevert(); // recovers unrelated addresses: unordered or inactive, whichever comes first
        registry.submitAttestations(taskId, FRAUD, segment, sigs, fieldsOf[taskId][segment], _proof(taskId, segment));
    }

    function test_submitAttestations_revertsOnInactiveSigner() public {
        (, uint256 single) = _readyTask(_rulesWithQuorum(1, 2), 8);
        uint256 outsiderKey = uint256(keccak256("outsider"));
        bytes memory sigs = _sign(outsiderKey, _digest(single, VALID, 0));
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, outsider));
        registry.submitAttestations(single, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsOnJailedVerifier() public {
        // verifiers[0] attests a task, is overturned by a committee and jailed by the slash
        (, uint256 first) = _readyTask(_rulesWithQuorum(1, 2), 8);
        _attestValid(first, 0, 1);
        _dispute(first, outsider);
        _resolve(first, FRAUD, 1, 2, _slice(0, 1));
        vm.assertTrue(_jailed(verifiers[0]), "jailed");

        (, uint256 second) = _readyTask(_rulesWithQuorum(1, 2), 8);
        bytes memory sigs = _signBatch(second, VALID, 0, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, verifiers[0]));
        registry.submitAttestations(second, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    function test_submitAttestations_revertsWhenTrainerSigns() public {
        (, uint256 single) = _readyTask(_rulesWithQuorum(1, 2), 8);
        uint256 trainerKey = uint256(keccak256("trainer"));
        bytes memory sigs = _sign(trainerKey, _digest(single, VALID, 0));
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.TrainerCannotAttest.selector, trainer));
        registry.submitAttestations(single, VALID, 0, sigs, _noLeaf(), new bytes32[](0));
    }

    // ------------------------------------------------------------------------------ gas target

    /// Receipt gas of a VALID batch (21,000 base + calldata + execution, all slots cold) stays
    /// within 60,000 + 8,000 per signer for m = 3, 7 and 13.
    function test_submitAttestations_gasWithinTarget() public {
        uint8[3] memory quorums = [3, 7, 13];
        for (uint256 i; i < quorums.length; ++i) {
            uint8 m = quorums[i];
            (, uint256 id) = _readyTask(_rulesWithQuorum(m, m + 2), 64);
            uint256 receiptGas = _measureValidBatch(id, m);
            emit log_named_uint(string.concat("receipt gas, m = ", vm.toString(uint256(m))), receiptGas);
            vm.assertLe(receiptGas, 60_000 + 8_000 * uint256(m), "receipt gas above 60k + 8k * m");
        }
    }

    function _measureValidBatch(uint256 id, uint256 m) private returns (uint256 receiptGas) {
        bytes memory data = abi.encodeCall(
            registry.submitAttestations, (id, VALID, 0, _signBatch(id, VALID, 0, 0, m), _noLeaf(), new bytes32[](0))
        );
        vm.cool(address(registry));
        vm.cool(address(sm));
        uint256 before = gasleft();
        (bool ok,) = address(registry).call(data);
        uint256 execution = before - gasleft();
        vm.assertTrue(ok, "batch accepted");
        receiptGas = 21_000 + _calldataGas(data) + execution;
    }

    function _calldataGas(bytes memory data) private pure returns (uint256 cost) {
        for (uint256 i; i < data.length; ++i) {
            cost += data[i] == 0 ? 4 : 16;
        }
    }

    function _unsampled(uint256 id) private view returns (uint256) {
        uint256[] memory sampled = registry.sampledSegments(id);
        for (uint256 candidate; candidate < 8; ++candidate) {
            bool hit;
            for (uint256 j; j < sampled.length; ++j) {
                if (sampled[j] == candidate) hit = true;
            }
            if (!hit) return candidate;
        }
        revert("every segment sampled");
    }
}
