// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IRevenueRouter} from "../../src/interfaces/IRevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowRedeemTestBase} from "../utils/UsageEscrowRedeemTestBase.sol";

/// @notice redeem: what a voucher pays: into the router split, the difference to the last one,
///         up to the deposit, never when expired or unfunded, and from a pending withdrawal.
contract UsageEscrowRedeemPaymentsTest is UsageEscrowRedeemTestBase {
    // ------------------------------------------------------------ payments

    function test_redeem_paysTheVoucherIntoTheRouterSplit() public {
        _fund(alice, address(token), 100e6);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 40e6);
        bytes memory sig = _sign(aliceKey, v);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.VoucherRedeemed(alice, address(token), 40e6, 40e6, 40e6);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IUsageEscrow.RevenueForwarded(address(token), 40e6);
        vm.expectEmit(true, true, false, true, address(router));
        emit IRevenueRouter.RevenuePaid(address(token), address(escrow), 40e6, 32e6, 6e6, 2e6);
        vm.assertEq(_redeemOne(v, sig), 40e6, "total");

        (uint256 balance, uint256 redeemed,,) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 60e6, "balance");
        vm.assertEq(redeemed, 40e6, "redeemed");
        vm.assertEq(asset.balanceOf(address(escrow)), 60e6, "escrow keeps the rest");
        vm.assertEq(token.totalDistributed(), 32e6, "holders credited");
        vm.assertEq(asset.balanceOf(verifierPool), 6e6, "verifier pool");
        vm.assertEq(asset.balanceOf(treasury), 2e6, "treasury");
        vm.assertApproxEqAbs(token.claimable(holder), 32e6, 1, "holder can claim");
        vm.assertEq(asset.allowance(address(escrow), address(router)), 0, "exact approval used up");
        vm.assertEq(asset.balanceOf(keeper), 0, "the keeper gets nothing");
    }

    function test_redeem_successiveVouchersPayTheDifference() public {
        _fund(alice, address(token), 100e6);
        IUsageEscrow.Voucher memory v1 = _voucher(alice, address(token), 10e6);
        IUsageEscrow.Voucher memory v2 = _voucher(alice, address(token), 25e6);
        vm.assertEq(_redeemOne(v1, _sign(aliceKey, v1)), 10e6, "first");
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.VoucherRedeemed(alice, address(token), 25e6, 15e6, 25e6);
        vm.assertEq(_redeemOne(v2, _sign(aliceKey, v2)), 15e6, "second pays the difference");
        vm.assertEq(_redeemed(alice, address(token)), 25e6, "redeemed");
        vm.assertEq(_balance(alice, address(token)), 75e6, "balance");
    }

    function test_redeem_isPermissionless() public {
        _fund(alice, address(token), 10);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 10);
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](1);
        bytes[] memory sigs = new bytes[](1);
        vs[0] = v;
        sigs[0] = _sign(aliceKey, v);
        vm.prank(makeAddr("anyone"));
        vm.assertEq(escrow.redeem(vs, sigs), 10, "anyone may settle; the money only goes to the model");
    }

    function test_redeem_sendsEverythingToTheTreasuryWhileTheTokenHasNoSupply() public {
        ModelToken fresh = _newToken();
        router.registerToken(address(fresh));
        asset.mint(alice, 100);
        vm.startPrank(alice);
        asset.approve(address(escrow), 100);
        escrow.deposit(address(fresh), 100);
        vm.stopPrank();
        IUsageEscrow.Voucher memory v = _voucher(alice, address(fresh), 100);
        vm.assertEq(_redeemOne(v, _sign(aliceKey, v)), 100, "paid");
        vm.assertEq(asset.balanceOf(treasury), 100 - 100 * uint256(VERIFIERS_BPS) / 10_000, "router rule applies");
    }

    // ------------------------------------------------------------ over-limit

    function test_redeem_overLimitVoucherPaysOnlyUpToTheDeposit() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 250);
        bytes memory sig = _sign(aliceKey, v);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.VoucherRedeemed(alice, address(token), 250, 100, 100);
        vm.assertEq(_redeemOne(v, sig), 100, "capped at the deposit");
        (uint256 balance, uint256 redeemed,,) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 0, "empty");
        vm.assertEq(redeemed, 100, "redeemed is what was paid, not the voucher");

        _assertSkipped(v, sig, IUsageEscrow.SkipReason.NoBalance);

        // The debt stays: a later deposit lets the same voucher collect the rest.
        _fund(alice, address(token), 500);
        vm.assertEq(_redeemOne(v, sig), 150, "rest of the voucher");
        vm.assertEq(_balance(alice, address(token)), 350, "the remainder stays");
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.AlreadyRedeemed);
    }

    function test_redeem_overLimitVoucherDoesNotRevertTheBatch() public {
        _fund(alice, address(token), 100);
        _fund(bob, address(token), 100);
        _addSigned(aliceKey, alice, address(token), type(uint256).max);
        _addSigned(bobKey, bob, address(token), 60);
        vm.assertEq(_redeemBatch(), 160, "alice capped, bob in full");
    }

    // ------------------------------------------------------------ expiry and balance

    function test_redeem_expiredVoucherIsSkippedAndTheExpirySecondStillCounts() public {
        _fund(alice, address(token), 100);
        uint64 expiry = uint64(block.timestamp) + 1 days;
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 30, expiry);
        bytes memory sig = _sign(aliceKey, v);
        vm.warp(expiry + 1);
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.Expired);
        vm.warp(expiry);
        vm.assertEq(_redeemOne(v, sig), 30, "valid through its expiry second");
    }

    function test_redeem_unfundedChannelIsSkipped() public {
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        _assertSkipped(v, _sign(aliceKey, v), IUsageEscrow.SkipReason.NoBalance);
    }

    function test_redeem_withdrawnChannelIsSkipped() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory sig = _sign(aliceKey, v);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        escrow.withdraw(address(token));
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.NoBalance);
    }

    function test_redeem_duringAPendingWithdrawalTakesFromTheRequestedFunds() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 80);
        vm.warp(block.timestamp + DELAY - 1); // the last second before the unlock
        vm.assertEq(_redeemOne(v, _sign(aliceKey, v)), 80, "redeemed in full");
        (uint256 balance,, uint256 pending,) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 20, "balance");
        vm.assertEq(pending, 100, "the request is unchanged; withdraw pays min(request, balance)");
        vm.warp(block.timestamp + 1);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 20, "withdrawn");
    }
}
