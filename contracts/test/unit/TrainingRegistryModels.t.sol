// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {IModelTokenFactory} from "../../src/interfaces/IModelTokenFactory.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {TrainingRegistry} from "../../src/registry/TrainingRegistry.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice Construction, model registration, task creation, getters and administration.
contract TrainingRegistryModelsTest is RegistryFixture {
    // ------------------------------------------------------------------------------ constructor

    function test_constructor_wiresCollaborators() public view {
        vm.assertEq(address(registry.stakeManager()), address(sm), "stake manager");
        vm.assertEq(address(registry.stakeToken()), address(stakeToken), "stake token");
        vm.assertEq(address(registry.tokenFactory()), address(factory), "factory");
        vm.assertEq(registry.revenueRouter(), address(router), "router");
        vm.assertEq(registry.paymentAsset(), address(usd), "payment asset");
        vm.assertEq(registry.treasury(), treasury, "treasury");
        vm.assertEq(registry.verifierSlashAmount(), VERIFIER_SLASH, "slash amount");
        vm.assertEq(registry.owner(), address(this), "owner");
    }

    function test_constructor_revertsOnZeroAddress() public {
        vm.expectRevert(ITrainingRegistry.ZeroAddress.selector);
        new TrainingRegistry(address(this), sm, factory, address(router), address(usd), address(0), VERIFIER_SLASH);
        vm.expectRevert(ITrainingRegistry.ZeroAddress.selector);
        new TrainingRegistry(
            address(this), sm, IModelTokenFactory(address(0)), address(router), address(usd), treasury, VERIFIER_SLASH
        );
    }

    function test_constructor_revertsOnSlashAmountOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.VerifierSlashAmountOutOfBounds.selector, 0));
        new TrainingRegistry(address(this), sm, factory, address(router), address(usd), treasury, 0);
    }

    // ------------------------------------------------------------------------------ registerModel

    function test_registerModel_createsTokenMintsSupplyAndStoresModel() public {
        ITrainingRegistry.Rules memory rules = _rules();
        vm.recordLogs();
        uint256 modelId = _registerModel(rules);
        vm.assertEq(modelId, 1, "first id");
        vm.assertEq(registry.modelCount(), 1, "count");

        ITrainingRegistry.ModelView memory m = registry.getModel(modelId);
        vm.assertEq(m.owner, modelOwner, "owner");
        vm.assertEq(m.specHash, keccak256("spec"), "spec");
        vm.assertEq(m.datasetRoot, keccak256("dataset"), "dataset");
        vm.assertEq(m.head, keccak256("head0"), "head");
        vm.assertEq(uint256(m.rules.quorum), 3, "rules copied");

        IModelToken token = IModelToken(m.token);
        vm.assertEq(token.minter(), address(registry), "minter");
        vm.assertEq(token.router(), address(router), "router");
        vm.assertEq(token.paymentAsset(), address(usd), "asset");
        vm.assertEq(token.balanceOf(modelOwner), 1_000e18, "initial supply");
        vm.assertTrue(router.isModelToken(address(token)), "registered with the router");

        ITrainingRegistry.Rules memory stored = registry.getRules(modelId);
        vm.assertEq(keccak256(abi.encode(stored)), keccak256(abi.encode(rules)), "rules round trip");
        vm.assertTrue(_hasLog(ITrainingRegistry.ModelRegistered.selector), "event");
    }

    function test_registerModel_zeroInitialSupplyMintsNothing() public {
        vm.prank(modelOwner);
        uint256 modelId = registry.registerModel(bytes32(0), bytes32(0), bytes32(0), _rules(), "Z", "Z", 0);
        vm.assertEq(IModelToken(registry.getModel(modelId).token).totalSupply(), 0, "supply");
    }

    function test_registerModel_revertsOnSegmentLength() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.segmentLength = 0;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.SegmentLengthOutOfBounds.selector, 0));
    }

    function test_registerModel_revertsOnSamples() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.samples = 0;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.SamplesOutOfBounds.selector, 0));
        r.samples = 65;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.SamplesOutOfBounds.selector, 65));
    }

    function test_registerModel_revertsOnQuorum() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.quorum = 0;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.QuorumOutOfBounds.selector, 0));
        r.quorum = 17;
        r.disputeQuorum = 20;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.QuorumOutOfBounds.selector, 17));
    }

    function test_registerModel_revertsOnDisputeQuorum() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.disputeQuorum = 3; // not above the quorum
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.DisputeQuorumOutOfBounds.selector, 3, 3));
        r.disputeQuorum = 33;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.DisputeQuorumOutOfBounds.selector, 33, 3));
    }

    function test_registerModel_revertsOnMode() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.mode = 2;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.ModeOutOfBounds.selector, 2));
    }

    function test_registerModel_revertsOnTolerance() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.toleranceMicros = 5; // exact mode takes none
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.ToleranceOutOfBounds.selector, 5, 0));
        r.mode = 1;
        r.toleranceMicros = 0; // tolerant mode needs one
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.ToleranceOutOfBounds.selector, 0, 1));
        r.toleranceMicros = 1_000_001;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.ToleranceOutOfBounds.selector, 1_000_001, 1));
    }

    function test_registerModel_acceptsTolerantMode() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.mode = 1;
        r.toleranceMicros = 2_500;
        uint256 modelId = _registerModel(r);
        vm.assertEq(uint256(registry.getRules(modelId).toleranceMicros), 2_500, "tolerance");
    }

    function test_registerModel_revertsOnChallengeWindow() public {
        ITrainingRegistry.Rules memory r = _rules();
        uint256 max = UNBONDING_DELAY / 2;
        r.challengeWindow = 59;
        _expectRegisterRevert(
            r, abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOutOfBounds.selector, 59, 60, max)
        );
        r.challengeWindow = uint32(max + 1);
        _expectRegisterRevert(
            r, abi.encodeWithSelector(ITrainingRegistry.ChallengeWindowOutOfBounds.selector, max + 1, 60, max)
        );
        r.challengeWindow = uint32(max);
        _registerModel(r);
    }

    function test_registerModel_revertsOnVerifyTimeout() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.verifyTimeout = 59;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.VerifyTimeoutOutOfBounds.selector, 59));
        r.verifyTimeout = 30 days + 1;
        _expectRegisterRevert(
            r, abi.encodeWithSelector(ITrainingRegistry.VerifyTimeoutOutOfBounds.selector, 30 days + 1)
        );
    }

    function test_registerModel_revertsOnBonds() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.trainerBond = 0;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.TrainerBondOutOfBounds.selector, 0));
        r = _rules();
        r.disputeBond = 0;
        _expectRegisterRevert(r, abi.encodeWithSelector(ITrainingRegistry.DisputeBondOutOfBounds.selector, 0));
    }

    function _expectRegisterRevert(ITrainingRegistry.Rules memory r, bytes memory err) private {
        vm.prank(modelOwner);
        vm.expectRevert(err);
        registry.registerModel(bytes32(0), bytes32(0), bytes32(0), r, "X", "X", 0);
    }

    // ------------------------------------------------------------------------------ createTask

    function test_createTask_recordsParentAndTerms() public {
        uint256 modelId = _registerModel(_rules());
        vm.expectEmit(true, true, false, true, address(registry));
        emit ITrainingRegistry.TaskCreated(1, modelId, keccak256("head0"), 8, REWARD, VERIFIER_FEE, DURATION);
        uint256 taskId = _createTask(modelId, 8);
        vm.assertEq(taskId, 1, "first id");
        ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
        vm.assertEq(t.modelId, modelId, "model");
        vm.assertEq(uint256(t.status), uint256(ITrainingRegistry.TaskStatus.Open), "status");
        vm.assertEq(t.parent, keccak256("head0"), "parent = head");
        vm.assertEq(uint256(t.steps), 8, "steps");
        vm.assertEq(t.reward, REWARD, "reward");
        vm.assertEq(t.verifierFee, VERIFIER_FEE, "fee");
        vm.assertEq(uint256(t.duration), DURATION, "duration");
        vm.assertEq(t.trainer, address(0), "no trainer");
        vm.assertEq(t.attestersHash, bytes32(0), "no attesters");
    }

    function test_createTask_revertsForUnknownModel() public {
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.UnknownModel.selector, 9));
        registry.createTask(9, 8, 1, 1, DURATION);
    }

    function test_createTask_revertsForNonOwner() public {
        uint256 modelId = _registerModel(_rules());
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NotModelOwner.selector, modelId, outsider));
        registry.createTask(modelId, 8, 1, 1, DURATION);
    }

    function test_createTask_revertsOnSteps() public {
        uint256 modelId = _registerModel(_rules());
        vm.startPrank(modelOwner);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.StepsOutOfBounds.selector, 0, 4));
        registry.createTask(modelId, 0, 1, 1, DURATION);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.StepsOutOfBounds.selector, 6, 4));
        registry.createTask(modelId, 6, 1, 1, DURATION);
        vm.stopPrank();
    }

    function test_createTask_revertsOnDuration() public {
        uint256 modelId = _registerModel(_rules());
        vm.startPrank(modelOwner);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.DurationOutOfBounds.selector, 59));
        registry.createTask(modelId, 4, 1, 1, 59);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.DurationOutOfBounds.selector, 365 days + 1));
        registry.createTask(modelId, 4, 1, 1, 365 days + 1);
        vm.stopPrank();
    }

    function test_createTask_revertsOnRewardAboveUint96() public {
        uint256 modelId = _registerModel(_rules());
        uint256 tooMuch = uint256(type(uint96).max) + 1;
        vm.startPrank(modelOwner);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, tooMuch));
        registry.createTask(modelId, 4, tooMuch, 0, DURATION);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, tooMuch));
        registry.createTask(modelId, 4, 0, tooMuch, DURATION);
        vm.stopPrank();
    }

    function test_createTask_reservesRewardAndFeeUnderTheSupplyCap() public {
        uint256 cap = registry.MAX_MODEL_SUPPLY();
        vm.assertEq(cap, ModelToken(registry.getModel(_registerModel(_rules())).token).MAX_SUPPLY(), "same cap");
        vm.prank(modelOwner);
        uint256 modelId = registry.registerModel(
            keccak256("spec"), keccak256("dataset"), keccak256("head0"), _rules(), "C", "C", cap - 100
        );
        vm.startPrank(modelOwner);
        registry.createTask(modelId, 4, 60, 30, DURATION); // 90 of 100 reserved
        vm.assertEq(registry.reservedSupply(modelId), 90, "reserved");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.RewardsExceedSupplyCap.selector, modelId, 11, 10));
        registry.createTask(modelId, 4, 6, 5, DURATION);
        registry.createTask(modelId, 4, 5, 5, DURATION); // exactly the headroom
        vm.assertEq(registry.reservedSupply(modelId), 100, "all reserved");
        uint256 max96 = type(uint96).max;
        vm.expectRevert(
            abi.encodeWithSelector(ITrainingRegistry.RewardsExceedSupplyCap.selector, modelId, 2 * max96, 0)
        );
        registry.createTask(modelId, 4, max96, max96, DURATION);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------------------ getters

    function test_getters_revertForUnknownIds() public {
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.UnknownModel.selector, 1));
        registry.getModel(1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.UnknownModel.selector, 1));
        registry.getRules(1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.UnknownTask.selector, 1));
        registry.getTask(1);
    }

    // ------------------------------------------------------------------------------ admin

    function test_setTreasury_ownerOnlyNonZeroWithEvent() public {
        address next = makeAddr("nextTreasury");
        vm.expectEmit(false, false, false, true, address(registry));
        emit ITrainingRegistry.TreasuryUpdated(treasury, next);
        registry.setTreasury(next);
        vm.assertEq(registry.treasury(), next, "set");

        vm.expectRevert(ITrainingRegistry.ZeroAddress.selector);
        registry.setTreasury(address(0));

        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, outsider));
        registry.setTreasury(next);
    }

    function test_setVerifierSlashAmount_withinBounds() public {
        vm.expectEmit(false, false, false, true, address(registry));
        emit ITrainingRegistry.VerifierSlashAmountUpdated(VERIFIER_SLASH, 7);
        registry.setVerifierSlashAmount(7);
        vm.assertEq(registry.verifierSlashAmount(), 7, "set");

        uint256 max = registry.MAX_VERIFIER_SLASH_AMOUNT();
        registry.setVerifierSlashAmount(max);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.VerifierSlashAmountOutOfBounds.selector, max + 1));
        registry.setVerifierSlashAmount(max + 1);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.VerifierSlashAmountOutOfBounds.selector, 0));
        registry.setVerifierSlashAmount(0);

        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, outsider));
        registry.setVerifierSlashAmount(1);
    }

    function test_ownership_transfersInTwoSteps() public {
        address next = makeAddr("nextOwner");
        registry.transferOwnership(next);
        vm.assertEq(registry.owner(), address(this), "still owner until accepted");
        vm.prank(next);
        registry.acceptOwnership();
        vm.assertEq(registry.owner(), next, "accepted");
    }

    // ------------------------------------------------------------------------------ helpers

    function _hasLog(bytes32 topic0) private returns (bool) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(registry) && logs[i].topics[0] == topic0) return true;
        }
        return false;
    }
}

