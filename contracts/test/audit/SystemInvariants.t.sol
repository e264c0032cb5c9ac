// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_TRAINER} from "../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {TaskStatusLib, TrainingRegistryHandler} from "../invariant/handlers/TrainingRegistryHandler.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {SystemHandler} from "./handlers/SystemHandler.sol";

/// @notice Audit: the cross-contract invariant suite. Every contract of the suite (StakeManager,
///         RevenueRouter, ModelTokenFactory and two ModelTokens, TrainingRegistry, UsageEscrow) is
///         driven at once by one handler: stake, claim a task, commit, attest, dispute, resolve,
///         finalize (minting and slashing), expire, attester rewards, unbond and withdraw stake,
///         pay revenue directly and through vouchers, transfer model tokens, claim revenue.
///         Conservation is checked across ALL contracts and actors, after every call:
///         - stake token: every unit minted is held by a known account (nothing leaks); the
///           StakeManager holds EXACTLY the staked + unbonding stake it owes; the registry holds
///           exactly the open dispute bonds and unpaid prover shares;
///         - payment asset: every unit minted is held by a known account; the router keeps
///           nothing; the escrow holds exactly its channels' balances; each model token holds
///           exactly credited - claimed, which covers every holder's claimable amount; everything
///           paid to the router is credited, sent to the verifier pool or to the treasury;
///         - model tokens: supply = initial + rewards of Finalized tasks + fee shares paid, and
///           the known holders hold all of it;
///         - registry: settled at most once, into the predicted status; locked stake = live bonds;
///         - escrow channels: redeemed + withdrawn <= deposited, redeemed <= highest signed.
///         Runs x depth come from FOUNDRY_INVARIANT_RUNS/DEPTH, which audits/run sets (1024 x 64,
///         --nightly 4096 x 128); foundry.toml's lighter default serves a manual run.
abstract contract SystemSuite is RegistryFixture, InvariantBase {
    using TaskStatusLib for ITrainingRegistry.TaskStatus;

    uint256 internal constant INITIAL_SUPPLY = 1_000e18;

    SystemHandler internal handler;
    UsageEscrow internal escrow;
    uint256 internal stakeSupplyAtStart;

    function _verifierCount() internal pure override returns (uint256) {
        return 8; // two disjoint committees of the largest dispute quorum (3), and spares
    }

    function setUp() public virtual override {
        super.setUp();
        address trainer3 = makeAddr("trainer3");
        _stake(trainer3, ROLE_TRAINER, TRAINER_STAKE);
        address[] memory trainerList = new address[](3);
        trainerList[0] = trainer;
        trainerList[1] = trainer2;
        trainerList[2] = trainer3;

        uint256[] memory modelList = new uint256[](2);
        ITrainingRegistry.Rules memory a = _rulesWithQuorum(2, 3);
        a.samples = 2;
        modelList[0] = _registerModel(a);
        ITrainingRegistry.Rules memory b = _rulesWithQuorum(1, 2);
        b.segmentLength = 1;
        b.samples = 1;
        modelList[1] = _registerModel(b);

        escrow = new UsageEscrow(address(this), address(router), 1 hours);
        handler = new SystemHandler(
            registry, sm, stakeToken, modelOwner, verifierKeys, verifiers, trainerList, modelList, router, escrow, usd
        );
        stakeSupplyAtStart = stakeToken.totalSupply();

        bytes4[] memory selectors = new bytes4[](20);
        selectors[0] = TrainingRegistryHandler.advance.selector;
        selectors[1] = TrainingRegistryHandler.createTask.selector;
        selectors[2] = TrainingRegistryHandler.dispute.selector;
        selectors[3] = TrainingRegistryHandler.resolveDispute.selector;
        selectors[4] = TrainingRegistryHandler.finalize.selector;
        selectors[5] = TrainingRegistryHandler.expire.selector;
        selectors[6] = TrainingRegistryHandler.claimAttesterRewards.selector;
        selectors[7] = TrainingRegistryHandler.requestUnbond.selector;
        selectors[8] = TrainingRegistryHandler.withdraw.selector;
        selectors[9] = TrainingRegistryHandler.warp.selector;
        selectors[10] = SystemHandler.stakeMore.selector;
        selectors[11] = SystemHandler.pay.selector;
        selectors[12] = SystemHandler.deposit.selector;
        selectors[13] = SystemHandler.sign.selector;
        selectors[14] = SystemHandler.redeem.selector;
        selectors[15] = SystemHandler.requestEscrowWithdraw.selector;
        selectors[16] = SystemHandler.escrowWithdraw.selector;
        selectors[17] = SystemHandler.transferModelToken.selector;
        selectors[18] = SystemHandler.claimRevenue.selector;
        selectors[19] = TrainingRegistryHandler.advance.selector; // twice: the life cycle needs steps
        _targetHandler(address(handler), selectors);
    }

    function _checkSystem() internal view {
        _checkStakeToken();
        _checkPaymentAsset();
        _checkModelTokens();
        _checkRegistry();
        _checkChannels();
        vm.assertEq(handler.ghostViolations(), 0, handler.ghostLastViolation());
    }

    // ------------------------------------------------------------------ stake token

    function _checkStakeToken() internal view {
        vm.assertEq(
            stakeToken.totalSupply(),
            stakeSupplyAtStart + handler.ghostStakeTopUps() + _disputeBondsMinted(),
            "stake token minted only by stakes and bonds"
        );
        uint256 owed;
        uint256 held = stakeToken.balanceOf(address(sm)) + stakeToken.balanceOf(address(registry))
            + stakeToken.balanceOf(smTreasury) + stakeToken.balanceOf(treasury);
        for (uint256 i; i < handler.stakerCount(); ++i) {
            address staker = handler.stakerAt(i);
            (,, uint256 staked,, uint256 unbonding,) = sm.stakeOf(staker);
            owed += staked + unbonding;
            held += stakeToken.balanceOf(staker);
        }
        for (uint256 i; i < 3; ++i) {
            held += stakeToken.balanceOf(handler.disputers(i));
        }
        vm.assertEq(held, stakeToken.totalSupply(), "every stake-token unit is held by a known account");
        vm.assertEq(stakeToken.balanceOf(address(sm)), owed, "stake manager holds exactly what it owes");
        vm.assertEq(stakeToken.balanceOf(address(registry)), handler.ghostRegistryHeld(), "registry: bonds + shares");
    }

    /// The inherited handler mints each dispute's bond (DISPUTE_BOND for both models) right before
    /// the dispute, and counts the disputes.
    function _disputeBondsMinted() internal view returns (uint256) {
        return handler.calls(bytes32("dispute")) * DISPUTE_BOND;
    }

    // ------------------------------------------------------------------ payment asset

    function _checkPaymentAsset() internal view {
        uint256 held = usd.balanceOf(handler.payer()) + usd.balanceOf(address(escrow)) + usd.balanceOf(address(router))
            + usd.balanceOf(verifierPool) + usd.balanceOf(routerTreasury);
        uint256 credited;
        for (uint256 j; j < handler.modelCount(); ++j) {
            ModelToken token = handler.tokenOf(j);
            uint256 inToken = usd.balanceOf(address(token));
            held += inToken;
            credited += token.totalDistributed();
            vm.assertEq(inToken, token.totalDistributed() - handler.ghostClaimed(address(token)), "credited - claimed");
            uint256 claimable;
            for (uint256 h; h < handler.holderCount(); ++h) {
                claimable += token.claimable(handler.holders(h));
            }
            vm.assertGe(inToken, claimable, "a model token covers every claim");
        }
        for (uint256 h; h < handler.holderCount(); ++h) {
            held += usd.balanceOf(handler.holders(h));
        }
        for (uint256 i; i < handler.USERS(); ++i) {
            held += usd.balanceOf(handler.users(i));
        }
        vm.assertEq(usd.totalSupply(), handler.ghostUsdMinted(), "payment asset minted only to payers and users");
        vm.assertEq(held, usd.totalSupply(), "every payment-asset unit is held by a known account");
        vm.assertEq(usd.balanceOf(address(router)), 0, "the router keeps nothing");
        vm.assertEq(
            credited + usd.balanceOf(verifierPool) + usd.balanceOf(routerTreasury),
            handler.ghostPaidToRouter(),
            "every payment is credited, pooled or sent to the treasury"
        );
    }

    // ------------------------------------------------------------------ model tokens

    function _checkModelTokens() internal view {
        uint256[] memory expected = new uint256[](handler.modelCount());
        for (uint256 j; j < expected.length; ++j) {
            expected[j] = INITIAL_SUPPLY;
        }
        for (uint256 i; i < handler.taskCount(); ++i) {
            uint256 taskId = handler.tasks(i);
            ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
            uint256 j = t.modelId == handler.models(0) ? 0 : 1;
            if (t.status == ITrainingRegistry.TaskStatus.Finalized) expected[j] += t.reward;
            if (t.attesterRewardsPaid && t.status != ITrainingRegistry.TaskStatus.Rejected) {
                uint256 n = handler.attesterCount(taskId);
                expected[j] += (t.verifierFee / n) * n;
            }
        }
        for (uint256 j; j < expected.length; ++j) {
            ModelToken token = handler.tokenOf(j);
            vm.assertEq(token.totalSupply(), expected[j], "supply = initial + rewards + fee shares");
            uint256 sum;
            for (uint256 h; h < handler.holderCount(); ++h) {
                sum += token.balanceOf(handler.holders(h));
            }
            vm.assertEq(sum, token.totalSupply(), "known holders hold the whole supply");
        }
    }

    // ------------------------------------------------------------------ registry

    function _checkRegistry() internal view {
        vm.assertFalse(handler.ghostSettlementMismatch(), "settled into an unexpected status");
        uint256 trainerCount = handler.trainerCount();
        uint256[] memory liveBonds = new uint256[](trainerCount);
        for (uint256 i; i < handler.taskCount(); ++i) {
            uint256 taskId = handler.tasks(i);
            ITrainingRegistry.TaskView memory t = registry.getTask(taskId);
            vm.assertLe(handler.ghostSettlements(taskId), 1, "settled more than once");
            vm.assertEq(t.status.isSettled(), handler.ghostSettlements(taskId) == 1, "settled iff finalized once");
            if (!t.status.holdsBond()) continue;
            for (uint256 k; k < trainerCount; ++k) {
                if (handler.trainers(k) == t.trainer) liveBonds[k] += TRAINER_BOND;
            }
        }
        for (uint256 k; k < trainerCount; ++k) {
            vm.assertEq(_locked(handler.trainers(k)), liveBonds[k], "locked = live bonds");
        }
        for (uint256 j; j < handler.modelCount(); ++j) {
            uint256 modelId = handler.models(j);
            vm.assertEq(registry.getModel(modelId).head, handler.ghostHead(modelId), "head moves only by finalize");
        }
    }

    // ------------------------------------------------------------------ escrow channels

    function _checkChannels() internal view {
        uint256 balances;
        for (uint256 i; i < handler.USERS(); ++i) {
            for (uint256 j; j < handler.modelCount(); ++j) {
                (uint256 balance, uint256 redeemed,,) = escrow.channel(handler.users(i), address(handler.tokenOf(j)));
                (uint256 deposited, uint256 withdrawn, uint256 maxSigned) = handler.channelGhost(i, j);
                vm.assertEq(balance + redeemed + withdrawn, deposited, "channel: deposits = balance + redeemed + withdrawn");
                vm.assertLe(redeemed, maxSigned, "redeemed <= highest signed cumulative");
                balances += balance;
            }
        }
        vm.assertEq(usd.balanceOf(address(escrow)), balances, "escrow holds exactly its channels' balances");
    }
}

/// @notice The campaign: 1024 runs x depth 64 from audits/run (FOUNDRY_INVARIANT_RUNS/DEPTH).
///         It takes minutes, so the ordinary `forge test` skips it; audits/run sets
///         PROOFMINT_AUDIT_INVARIANTS=true (SystemWalkAuditTest below keeps a fast guard in every build).
contract SystemInvariantsAuditTest is SystemSuite {
    function setUp() public override {
        if (!vm.envOr("PROOFMINT_AUDIT_INVARIANTS", false)) vm.skip(true);
        super.setUp();
    }

    function invariant_system() public view {
        _checkSystem();
    }
}

/// @notice A deterministic walk through the same handler, in every build.
contract SystemWalkAuditTest is SystemSuite {
    uint256 internal constant WALK_STEPS = 300;
    uint256 internal constant CHECK_EVERY = 4;

    /// Not vacuous: a scripted pseudo-random walk through the same handler reaches every late
    /// state (attest, dispute, resolve, finalize with reward and with slash, attester rewards,
    /// redemptions, claims) and keeps the invariant. The system is checked every CHECK_EVERY steps
    /// and at the end, not after each: the check costs more than the step (the campaign above
    /// checks after every call).
    function test_system_handlerReachesEveryStateAndKeepsTheInvariant() public {
        for (uint256 i; i < WALK_STEPS; ++i) {
            uint256 r = uint256(keccak256(abi.encode("walk", i)));
            uint256 action = r % 14;
            if (action < 4) {
                handler.advance(r >> 8, r >> 16);
                if ((r >> 40) % 3 == 0) handler.dispute(r >> 8, r >> 16); // while a window is open
            } else if (action < 6) handler.dispute(r >> 8, r >> 16);
            else if (action < 8) handler.resolveDispute(r >> 8, (r >> 16) % 2 == 0, r >> 24);
            else if (action == 8) handler.claimAttesterRewards(r >> 8);
            else if (action == 9) handler.pay(r >> 8, r >> 16);
            else if (action == 10) {
                handler.deposit(r >> 8, r >> 16, r >> 24);
                handler.sign(r >> 8, r >> 16, r >> 32);
            } else if (action == 11) handler.redeem(r >> 8);
            else if (action == 12) handler.claimRevenue(r >> 8, r >> 16);
            else handler.transferModelToken(r >> 8, r >> 16, r >> 24, r >> 32);
            if (i % CHECK_EVERY == 0) _checkSystem();
        }
        _checkSystem();
        bytes32[9] memory reached = [
            bytes32("attest"),
            "dispute",
            "resolveDispute",
            "finalize",
            "claimAttesterRewards",
            "pay",
            "redeem",
            "claimRevenue",
            "transferModelToken"
        ];
        for (uint256 k; k < reached.length; ++k) {
            vm.assertGt(handler.calls(reached[k]), 0, string(abi.encodePacked(reached[k])));
        }
        vm.assertGt(stakeToken.balanceOf(smTreasury), 0, "something was slashed");
    }
}
