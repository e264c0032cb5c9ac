// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice requestWithdraw, cancelWithdraw and withdraw: leaving a channel after the delay.
contract UsageEscrowWithdrawTest is UsageEscrowTestBase {
    // ------------------------------------------------------------ requestWithdraw

    function test_requestWithdraw_recordsTheRequestAndEmits() public {
        _fund(alice, address(token), 100e6);
        uint64 unlockAt = uint64(block.timestamp) + DELAY;
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.WithdrawRequested(alice, address(token), 40e6, unlockAt);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        (uint256 balance,, uint256 pending, uint64 at) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 100e6, "balance stays until withdraw");
        vm.assertEq(pending, 40e6, "pending");
        vm.assertEq(uint256(at), unlockAt, "unlock");
    }

    function test_requestWithdraw_replacesTheRequestAndRestartsTheDelay() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        vm.warp(block.timestamp + DELAY - 1);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100e6);
        (,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 100e6, "replaced, not added");
        vm.assertEq(uint256(unlockAt), block.timestamp + DELAY, "delay restarted");
    }

    function test_requestWithdraw_revertsOnZeroAmount() public {
        _fund(alice, address(token), 1);
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.requestWithdraw(address(token), 0);
    }

    function test_requestWithdraw_revertsAboveTheBalance() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.InsufficientBalance.selector, 100, 101));
        escrow.requestWithdraw(address(token), 101);
    }

    // ------------------------------------------------------------ cancelWithdraw

    function test_cancelWithdraw_clearsTheRequestAndEmits() public {
        _fund(alice, address(token), 100);
        vm.startPrank(alice);
        escrow.requestWithdraw(address(token), 60);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.WithdrawCancelled(alice, address(token), 60);
        escrow.cancelWithdraw(address(token));
        (,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 0, "pending");
        vm.assertEq(uint256(unlockAt), 0, "unlock");
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
        vm.stopPrank();
    }

    function test_cancelWithdraw_revertsWithoutRequest() public {
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.cancelWithdraw(address(token));
    }

    // ------------------------------------------------------------ withdraw

    function test_withdraw_paysTheRequestAfterTheDelay() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.Withdrawn(alice, address(token), 40e6, 40e6);
        vm.prank(alice);
        uint256 paid = escrow.withdraw(address(token));
        vm.assertEq(paid, 40e6, "paid");
        vm.assertEq(asset.balanceOf(alice), 40e6, "received");
        (uint256 balance,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 60e6, "rest stays");
        vm.assertEq(pending, 0, "request cleared");
        vm.assertEq(uint256(unlockAt), 0, "unlock cleared");
        vm.assertEq(asset.balanceOf(address(escrow)), 60e6, "escrow holds the rest");
    }

    function test_withdraw_revertsBeforeTheDelay() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        uint64 unlockAt = uint64(block.timestamp) + DELAY;
        vm.warp(unlockAt - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawalLocked.selector, unlockAt));
        escrow.withdraw(address(token));
    }

    function test_withdraw_revertsWithoutRequest() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
    }

    function test_withdraw_isPerCaller() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        vm.warp(block.timestamp + DELAY);
        vm.prank(bob);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
    }

    function test_withdraw_paysOnlyWhatRedemptionsDuringTheDelayLeft() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100e6);
        // The keeper sees WithdrawRequested and redeems the latest voucher first.
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 30e6);
        vm.assertEq(_redeemOne(v, _sign(aliceKey, v)), 30e6, "redeemed during the delay");
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.Withdrawn(alice, address(token), 70e6, 100e6);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 70e6, "withdrawn");
        vm.assertEq(_balance(alice, address(token)), 0, "empty");
        vm.assertEq(asset.balanceOf(address(escrow)), 0, "escrow empty");
    }

    function test_withdraw_paysZeroWhenEverythingWasRedeemed() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 500);
        _redeemOne(v, _sign(aliceKey, v));
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 0, "nothing left");
        (,, uint256 pending,) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 0, "request cleared anyway");
        vm.assertEq(asset.balanceOf(alice), 0, "nothing paid");
    }

    function test_withdraw_keepsTheUnlockTimeOfTheRequestWhenTheDelayChanges() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        escrow.setWithdrawDelay(30 days);
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 100, "old delay applies");
    }

    function test_withdraw_isGuardedAgainstReentrancy() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken model = ModelToken(factory.create("Evil", "EV", address(this), address(router), address(evil)));
        router.registerToken(address(model));
        evil.mint(alice, 10);
        vm.startPrank(alice);
        evil.approve(address(escrow), 10);
        escrow.deposit(address(model), 10);
        escrow.requestWithdraw(address(model), 5);
        vm.stopPrank();
        vm.warp(block.timestamp + DELAY);
        evil.arm(address(escrow), abi.encodeCall(UsageEscrow.withdraw, (address(model))));
        vm.prank(alice);
        escrow.withdraw(address(model));
        vm.assertFalse(evil.reentered(), "reentry refused");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the guard"
        );
        vm.assertEq(evil.balanceOf(alice), 5, "paid once");
        vm.assertEq(_balance(alice, address(model)), 5, "rest stays");
    }
}
