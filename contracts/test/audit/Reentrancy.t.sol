// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_VERIFIER, IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {IRevenueRouter} from "../../src/interfaces/IRevenueRouter.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {ModelTokenFactory} from "../../src/token/ModelTokenFactory.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {TestBase} from "../utils/TestBase.sol";
import {HookERC20, Reenterer} from "./handlers/HostileActors.sol";

/// @dev ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector
bytes4 constant GUARD = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

/// @notice Audit: reentrancy on every payout, with a payment asset / stake token that calls back
///         (ERC-777-style hook) into a hostile account, which then re-enters AS ITSELF (the holder,
///         staker, depositor, prover or disputer), not merely from the token's address. Each test
///         asserts the refusal (the guard's error, or the state written before the transfer) AND
///         that the money moved exactly once.
contract ReentrancyPayoutsAuditTest is TestBase {
    HookERC20 internal hook;
    Reenterer internal attacker;
    address internal other;
    address internal treasury;

    function setUp() public {
        hook = new HookERC20();
        attacker = new Reenterer();
        other = makeAddr("other");
        treasury = makeAddr("treasury");
        hook.setHook(address(attacker));
    }

    // ------------------------------------------------------------------ ModelToken.claim

    function test_reentrancy_claimReenteredFromThePayoutPaysOnce() public {
        ModelToken t = new ModelToken("M", "M", address(this), address(this), address(hook));
        t.mint(address(attacker), 1e18);
        hook.mint(address(t), 1_000_000);
        t.distribute(1_000_000);

        attacker.arm(address(t), abi.encodeCall(IModelToken.claim, ())); // claim again
        attacker.arm(address(t), abi.encodeCall(t.transfer, (other, 1e18))); // move the tokens mid-claim
        bytes memory ret = attacker.exec(address(t), abi.encodeCall(IModelToken.claim, ()));
        uint256 paid = abi.decode(ret, (uint256));

        vm.assertEq(attacker.attempts(), 2, "both attempts made");
        vm.assertFalse(attacker.attemptOk(0), "nested claim refused");
        vm.assertEq(attacker.attemptError(0), GUARD, "by the guard");
        vm.assertTrue(attacker.attemptOk(1), "a transfer mid-claim is allowed (not guarded) ...");
        vm.prank(other);
        vm.assertEq(t.claim(), 0, "... and carries none of the claimed revenue");
        vm.assertEq(paid, 999_999, "paid once (one unit of rounding)");
        vm.assertEq(hook.balanceOf(address(attacker)), paid, "received once");
        vm.assertEq(hook.balanceOf(address(t)), 1_000_000 - paid, "the token keeps only the dust");
        vm.assertEq(t.claimable(address(attacker)), 0, "nothing left to claim");
    }

    // ------------------------------------------------------------------ StakeManager.withdraw / slash

    function _stakeManager() internal returns (StakeManager sm) {
        sm = new StakeManager(address(this), address(hook), treasury, 100e18, 50e18, 7 days, 2_500);
        sm.setRegistry(address(this)); // this test plays the registry
    }

    function _stakeAs(StakeManager sm, uint256 amount) internal {
        hook.mint(address(attacker), amount);
        attacker.exec(address(hook), abi.encodeCall(hook.approve, (address(sm), amount)));
        attacker.exec(address(sm), abi.encodeCall(sm.stake, (ROLE_VERIFIER, amount)));
    }

    /// StakeManager has no reentrancy guard; checks-effects-interactions must hold on its own.
    function test_reentrancy_stakeWithdrawReenteredFromThePayoutPaysOnce() public {
        StakeManager sm = _stakeManager();
        _stakeAs(sm, 100e18);
        attacker.exec(address(sm), abi.encodeCall(sm.requestUnbond, (100e18)));
        vm.warp(block.timestamp + 7 days);

        attacker.arm(address(sm), abi.encodeCall(sm.withdraw, ()));
        attacker.arm(address(sm), abi.encodeCall(sm.requestUnbond, (1)));
        attacker.arm(address(sm), abi.encodeCall(sm.slash, (other, 1, address(attacker))));
        attacker.exec(address(sm), abi.encodeCall(sm.withdraw, ()));

        vm.assertEq(attacker.attemptError(0), IStakeManager.NothingToWithdraw.selector, "unbonding already zeroed");
        vm.assertEq(attacker.attemptError(1), IStakeManager.InsufficientFreeStake.selector, "nothing staked");
        vm.assertEq(attacker.attemptError(2), IStakeManager.NotRegistry.selector, "slash is registry-only");
        vm.assertEq(hook.balanceOf(address(attacker)), 100e18, "paid once");
        vm.assertEq(hook.balanceOf(address(sm)), 0, "manager empty");
    }

    /// The prover of a slash re-enters while being paid: state is final before any transfer.
    function test_reentrancy_slashPayoutReenteredByTheProverKeepsTheManagerSolvent() public {
        StakeManager sm = _stakeManager();
        address victim = makeAddr("victim");
        hook.mint(victim, 300e18);
        vm.startPrank(victim);
        hook.approve(address(sm), 300e18);
        sm.stake(ROLE_VERIFIER, 300e18);
        sm.requestUnbond(100e18);
        vm.stopPrank();
        _stakeAs(sm, 80e18); // the prover is a staker too, with matured unbonding stake
        attacker.exec(address(sm), abi.encodeCall(sm.requestUnbond, (80e18)));
        vm.warp(block.timestamp + 7 days);

        attacker.arm(address(sm), abi.encodeCall(sm.withdraw, ())); // legitimate: its own matured stake
        attacker.arm(address(sm), abi.encodeCall(sm.slash, (victim, 300e18, address(attacker))));
        uint256 slashed = sm.slash(victim, 250e18, address(attacker));

        vm.assertEq(slashed, 250e18, "locked/free first, then unbonding");
        vm.assertTrue(attacker.attemptOk(0), "own withdrawal works");
        vm.assertEq(attacker.attemptError(1), IStakeManager.NotRegistry.selector, "second slash refused");
        vm.assertEq(hook.balanceOf(address(attacker)), 80e18 + 250e18 / 4, "own stake + prover share, once");
        vm.assertEq(hook.balanceOf(treasury), 250e18 - 250e18 / 4, "treasury share");
        (,, uint256 staked,, uint256 unbonding,) = sm.stakeOf(victim);
        vm.assertEq(staked + unbonding, 50e18, "victim keeps the rest");
        vm.assertEq(hook.balanceOf(address(sm)), 50e18, "manager holds exactly what it owes");
    }

    // ------------------------------------------------------------------ UsageEscrow.withdraw / redeem

    RevenueRouter internal router;
    ModelToken internal model;
    UsageEscrow internal escrow;

    function _escrowSuite() internal {
        router = new RevenueRouter(address(this), treasury, makeAddr("pool"), 8_000, 1_500, 500);
        router.setRegistry(address(this));
        model = ModelToken(
            new ModelTokenFactory().create("Model", "M", address(this), address(router), address(hook))
        );
        router.registerToken(address(model));
        model.mint(makeAddr("holder"), 1e18);
        escrow = new UsageEscrow(address(this), address(router), 1 hours);
    }

    function _signVoucher(uint256 key, IUsageEscrow.Voucher memory voucher) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, escrow.voucherDigest(voucher));
        return abi.encodePacked(r, s, v);
    }

    function test_reentrancy_escrowWithdrawReenteredFromThePayoutPaysOnce() public {
        _escrowSuite();
        hook.mint(address(attacker), 1_000);
        attacker.exec(address(hook), abi.encodeCall(hook.approve, (address(escrow), 1_000)));
        attacker.exec(address(escrow), abi.encodeCall(escrow.deposit, (address(model), 1_000)));
        attacker.exec(address(escrow), abi.encodeCall(escrow.requestWithdraw, (address(model), 1_000)));
        vm.warp(block.timestamp + 1 hours);

        IUsageEscrow.Voucher[] memory none = new IUsageEscrow.Voucher[](1);
        attacker.arm(address(escrow), abi.encodeCall(escrow.withdraw, (address(model))));
        attacker.arm(address(escrow), abi.encodeCall(escrow.redeem, (none, new bytes[](1))));
        attacker.arm(address(escrow), abi.encodeCall(escrow.deposit, (address(model), 1)));
        attacker.arm(address(escrow), abi.encodeCall(escrow.requestWithdraw, (address(model), 1)));
        attacker.exec(address(escrow), abi.encodeCall(escrow.withdraw, (address(model))));

        vm.assertEq(attacker.attemptError(0), GUARD, "withdraw guarded");
        vm.assertEq(attacker.attemptError(1), GUARD, "redeem guarded");
        vm.assertEq(attacker.attemptError(2), GUARD, "deposit guarded");
        vm.assertEq(
            attacker.attemptError(3), IUsageEscrow.InsufficientBalance.selector, "balance already zero (unguarded)"
        );
        vm.assertEq(hook.balanceOf(address(attacker)), 1_000, "paid once");
        (uint256 balance,, uint256 pending,) = escrow.channel(address(attacker), address(model));
        vm.assertEq(balance + pending, 0, "channel cleared");
        vm.assertEq(hook.balanceOf(address(escrow)), 0, "escrow empty");
    }

    /// Every transfer the router makes out of the escrow during a redemption calls back; the
    /// hostile account re-enters redeem with the same batch, pay, and withdraw.
    function test_reentrancy_redeemReenteredFromTheRoutersTransfersPaysOnce() public {
        _escrowSuite();
        uint256 userKey = 0xA11CE;
        address user = vm.addr(userKey);
        hook.mint(user, 10_000);
        vm.startPrank(user);
        hook.approve(address(escrow), 10_000);
        escrow.deposit(address(model), 10_000);
        vm.stopPrank();
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](1);
        bytes[] memory sigs = new bytes[](1);
        vs[0] = IUsageEscrow.Voucher(user, address(model), 6_000, type(uint64).max);
        sigs[0] = _signVoucher(userKey, vs[0]);

        attacker.setOnlyOwnTransfers(false);
        attacker.arm(address(escrow), abi.encodeCall(escrow.redeem, (vs, sigs)));
        attacker.arm(address(router), abi.encodeCall(IRevenueRouter.pay, (address(model), 1)));
        attacker.arm(address(model), abi.encodeCall(IModelToken.claim, ()));
        vm.assertEq(escrow.redeem(vs, sigs), 6_000, "outer redemption");

        vm.assertEq(attacker.attemptError(0), GUARD, "redeem guarded");
        vm.assertEq(attacker.attemptError(1), GUARD, "pay guarded");
        (uint256 balance, uint256 redeemed,,) = escrow.channel(user, address(model));
        vm.assertEq(redeemed, 6_000, "redeemed once");
        vm.assertEq(balance, 4_000, "the rest stays");
        vm.assertEq(hook.balanceOf(address(escrow)), 4_000, "escrow holds the rest");
        vm.assertEq(model.totalDistributed(), 4_800, "holders credited once");
        vm.assertEq(hook.allowance(address(escrow), address(router)), 0, "no allowance left");
    }
}

/// @notice Audit: reentrancy into the TrainingRegistry from its stake-token payouts (FRAUD slash,
///         attester rewards, dispute bond refunds). The fixture's stake token is replaced in place
///         (same storage, new code) by a hook token that calls the hostile account on every
///         transfer, which re-enters as itself.
contract ReentrancyRegistryAuditTest is RegistryFixture {
    Reenterer internal attacker;
    uint256 internal modelId;
    uint256 internal taskId;

    function setUp() public override {
        super.setUp();
        attacker = new Reenterer();
        attacker.setOnlyOwnTransfers(false);
        vm.etch(address(stakeToken), address(new HookERC20()).code);
        HookERC20(address(stakeToken)).setHook(address(attacker));
        (modelId, taskId) = _readyTask(_rules(), 32);
    }

    function test_reentrancy_fraudFinalizeAndAttesterPayoutsReenteredPayOnce() public {
        _attestFraud(taskId, 0, 3);
        vm.warp(block.timestamp + CHALLENGE_WINDOW);
        address[] memory attesters = _slice(0, 3);

        attacker.arm(address(registry), abi.encodeCall(registry.finalize, (taskId)));
        attacker.arm(address(registry), abi.encodeCall(registry.claimAttesterRewards, (taskId, attesters)));
        registry.finalize(taskId); // the slash pays the registry and the treasury: the hook fires
        vm.assertEq(attacker.attemptError(0), GUARD, "finalize guarded");
        vm.assertEq(attacker.attemptError(1), GUARD, "claimAttesterRewards guarded");

        uint256 share = registry.getTask(taskId).proverShare;
        vm.assertEq(share, TRAINER_BOND / 4, "prover share kept once");
        attacker.arm(address(registry), abi.encodeCall(registry.claimAttesterRewards, (taskId, attesters)));
        attacker.arm(address(registry), abi.encodeCall(registry.finalize, (taskId)));
        registry.claimAttesterRewards(taskId, attesters);
        vm.assertEq(attacker.attemptError(2), GUARD, "nested claim guarded");
        vm.assertEq(attacker.attemptError(3), GUARD, "nested finalize guarded");

        for (uint256 i; i < 3; ++i) {
            vm.assertEq(stakeToken.balanceOf(attesters[i]), share / 3, "each attester paid once");
        }
        vm.assertEq(stakeToken.balanceOf(treasury), share - 3 * (share / 3), "dust to the treasury");
        vm.assertEq(stakeToken.balanceOf(address(registry)), 0, "registry empty");
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.RewardsAlreadyPaid.selector, taskId));
        registry.claimAttesterRewards(taskId, attesters);
    }

    /// The disputer is the hostile account: its bond refund (overturn) calls back into
    /// resolveDispute and finalize, which the guard refuses; it is refunded once and receives the
    /// prover share of the slashed attesters once.
    function test_reentrancy_disputeBondRefundReenteredPaysOnce() public {
        _attestValid(taskId, 0, 3);
        stakeToken.mint(address(attacker), DISPUTE_BOND);
        attacker.exec(address(stakeToken), abi.encodeCall(stakeToken.approve, (address(registry), DISPUTE_BOND)));
        attacker.exec(address(registry), abi.encodeCall(registry.dispute, (taskId)));
        vm.assertEq(stakeToken.balanceOf(address(attacker)), 0, "bond posted");

        attacker.setOnlyOwnTransfers(true);
        uint256 segment = _firstSampled(taskId);
        bytes memory sigs = _signBatch(taskId, FRAUD, segment, 10, 5);
        attacker.arm(
            address(registry),
            abi.encodeCall(
                registry.resolveDispute,
                (taskId, FRAUD, segment, sigs, fieldsOf[taskId][segment], _proof(taskId, segment), _slice(0, 3))
            )
        );
        attacker.arm(address(registry), abi.encodeCall(registry.finalize, (taskId)));
        _resolve(taskId, FRAUD, 10, 5, _slice(0, 3));

        vm.assertEq(attacker.attemptError(0), GUARD, "resolveDispute guarded");
        vm.assertEq(attacker.attemptError(1), GUARD, "finalize guarded");
        // 3 attesters slashed VERIFIER_SLASH each, 25% to the disputer; plus its bond back.
        vm.assertEq(
            stakeToken.balanceOf(address(attacker)), DISPUTE_BOND + 3 * (VERIFIER_SLASH / 4), "refund and share, once"
        );
        vm.assertEq(stakeToken.balanceOf(address(registry)), 0, "no bond left behind");
    }
}
