// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice Audit: every security bound is the documented one, at its documented edge. Tests that
///         read a bound from the contract (`registry.MAX_...()`) follow a changed bound silently;
///         these pin the numbers of docs/contracts.md, docs/contracts-token-staking.md and
///         docs/usage-payments.md, so that loosening one is a deliberate, reviewed change. Plus
///         accounting edges the mutation check found unasserted.
contract BoundsAndAccountingAuditTest is RegistryFixture {
    function test_bounds_everySecurityBoundIsTheDocumentedNumber() public {
        // StakeManager (docs/contracts-token-staking.md, Parameters)
        vm.assertEq(sm.BPS(), 10_000, "sm BPS");
        vm.assertEq(sm.MIN_UNBONDING_DELAY(), 7 days, "MIN_UNBONDING_DELAY");
        vm.assertEq(sm.MAX_UNBONDING_DELAY(), 90 days, "MAX_UNBONDING_DELAY");
        vm.assertEq(sm.MAX_PROVER_SHARE_BPS(), 5_000, "MAX_PROVER_SHARE_BPS");
        // RevenueRouter
        vm.assertEq(router.BPS(), 10_000, "router BPS");
        vm.assertEq(router.MIN_HOLDERS_BPS(), 5_000, "MIN_HOLDERS_BPS");
        // ModelToken (Bounds)
        ModelToken token = ModelToken(registry.getModel(_registerModel(_rules())).token);
        vm.assertEq(token.MAGNITUDE(), 2 ** 96, "MAGNITUDE");
        vm.assertEq(token.MAX_SUPPLY(), 2 ** 96 - 1, "MAX_SUPPLY");
        vm.assertEq(token.MAX_MAGNIFIED_REVENUE_PER_SHARE(), 2 ** 158, "MAX_MAGNIFIED_REVENUE_PER_SHARE");
        vm.assertEq(token.MAX_TOTAL_DISTRIBUTED(), 2 ** 128, "MAX_TOTAL_DISTRIBUTED");
        // TrainingRegistry (Parameters and bounds)
        vm.assertEq(registry.MAX_SAMPLES(), 64, "MAX_SAMPLES");
        vm.assertEq(registry.MAX_QUORUM(), 16, "MAX_QUORUM");
        vm.assertEq(registry.MAX_DISPUTE_QUORUM(), 32, "MAX_DISPUTE_QUORUM");
        vm.assertEq(registry.MAX_TOLERANCE_MICROS(), 1_000_000, "MAX_TOLERANCE_MICROS");
        vm.assertEq(registry.MIN_CHALLENGE_WINDOW(), 60, "MIN_CHALLENGE_WINDOW");
        vm.assertEq(registry.MIN_VERIFY_TIMEOUT(), 60, "MIN_VERIFY_TIMEOUT");
        vm.assertEq(registry.MAX_VERIFY_TIMEOUT(), 30 days, "MAX_VERIFY_TIMEOUT");
        vm.assertEq(registry.MIN_TASK_DURATION(), 60, "MIN_TASK_DURATION");
        vm.assertEq(registry.MAX_TASK_DURATION(), 365 days, "MAX_TASK_DURATION");
        vm.assertEq(registry.MAX_VERIFIER_SLASH_AMOUNT(), 1e27, "MAX_VERIFIER_SLASH_AMOUNT");
        vm.assertEq(uint256(ITrainingRegistry.Verdict.Valid), 1, "Verdict.Valid");
        vm.assertEq(uint256(ITrainingRegistry.Verdict.Fraud), 2, "Verdict.Fraud");
        vm.assertEq(uint256(registry.MODE_EXACT()), 0, "MODE_EXACT");
        vm.assertEq(uint256(registry.MODE_TOLERANT()), 1, "MODE_TOLERANT");
        // UsageEscrow
        UsageEscrow escrow = new UsageEscrow(address(this), address(router), 1 hours);
        vm.assertEq(escrow.MIN_WITHDRAW_DELAY(), 1 hours, "MIN_WITHDRAW_DELAY");
        vm.assertEq(escrow.MAX_WITHDRAW_DELAY(), 30 days, "MAX_WITHDRAW_DELAY");
        vm.assertEq(escrow.MAX_CHANNEL_TOTAL(), 2 ** 128 - 1, "MAX_CHANNEL_TOTAL");
    }

    function test_bounds_verifierSlashAmountStopsAtExactly1e27() public {
        registry.setVerifierSlashAmount(1e27);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.VerifierSlashAmountOutOfBounds.selector, 1e27 + 1));
        registry.setVerifierSlashAmount(1e27 + 1);
    }

    /// Every rule is accepted at both of its inclusive edges (docs/contracts.md, Rules).
    function test_bounds_rulesAreAcceptedAtTheirInclusiveEdges() public {
        ITrainingRegistry.Rules memory r = _rules();
        r.verifyTimeout = 60;
        r.challengeWindow = 60;
        r.samples = 1;
        r.quorum = 1;
        r.disputeQuorum = 2;
        r.segmentLength = 1;
        r.trainerBond = 1;
        r.disputeBond = 1;
        uint256 low = _registerModel(r);
        r.verifyTimeout = 30 days;
        r.challengeWindow = uint32(sm.MIN_UNBONDING_DELAY() / 2);
        r.samples = 64;
        r.quorum = 16;
        r.disputeQuorum = 32;
        r.mode = 1;
        r.toleranceMicros = 1_000_000;
        uint256 high = _registerModel(r);
        vm.prank(modelOwner);
        registry.createTask(low, 1, 0, 0, 60);
        // reward and fee together reach the supply cap exactly (they are reserved under it, F-1)
        uint256 headroom = type(uint96).max - IModelToken(registry.getModel(high).token).totalSupply();
        vm.prank(modelOwner);
        registry.createTask(high, 1, headroom - 1, 1, 365 days);
        vm.assertEq(registry.reservedSupply(high), headroom, "the whole headroom reserved");
        vm.assertEq(registry.getRules(high).challengeWindow, 3.5 days, "3.5 days is the top");
    }

    /// The FRAUD prover share is measured as the registry's balance change; stake tokens the
    /// registry already holds for OTHER tasks (an open dispute bond) must not be counted, or the
    /// attesters of the rejected task would be paid another disputer's bond.
    function test_accounting_fraudProverShareIgnoresStakeTheRegistryHoldsForOtherTasks() public {
        (uint256 modelId, uint256 disputed) = _readyTask(_rules(), 32);
        _attestValid(disputed, 0, 3);
        _dispute(disputed, outsider); // DISPUTE_BOND now held by the registry

        uint256 fraud = _createTask(modelId, 32);
        _claim(fraud, trainer2);
        _commit(fraud);
        _drawSeed(fraud);
        _attestFraud(fraud, 3, 3);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        registry.finalize(fraud);

        vm.assertEq(registry.getTask(fraud).proverShare, TRAINER_BOND / 4, "only the slash's prover share");
        registry.claimAttesterRewards(fraud, _slice(3, 3));
        vm.assertEq(stakeToken.balanceOf(address(registry)), DISPUTE_BOND, "the other task's bond is untouched");
    }
}

/// @notice Audit: the revenue accumulator's total cap is exact: revenue up to 2^128 in total is
///         accepted, one unit more is refused.
contract RevenueCapAuditTest is TestBase {
    function test_accounting_totalDistributedCapIsExactly2Pow128() public {
        ModelToken token = new ModelToken("M", "M", address(this), address(this), address(0xA55E7));
        token.mint(address(0xB0B), 1e24); // large enough that P stays far below its own cap
        token.distribute(2 ** 128 - 1);
        token.distribute(1);
        vm.assertEq(token.totalDistributed(), 2 ** 128, "reached exactly");
        vm.expectRevert(IModelToken.RevenueOverflow.selector);
        token.distribute(1);
    }
}
