// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Properties of cumulative vouchers under random amounts, orders and batchings.
contract UsageEscrowFuzzTest is UsageEscrowTestBase {
    uint256 internal constant MAX_VOUCHERS = 24;
    uint256 internal constant MAX_AMOUNT = 1e30;

    IUsageEscrow.Voucher[] internal _batch;
    bytes[] internal _sigs;

    /// Any sequence of cumulative vouchers, in any order and split into any batches, pays
    /// exactly min(max cumulative, deposit) in total; after each batch the redeemed amount is
    /// min(highest cumulative so far, deposit).
    function testFuzz_redeem_totalPaidIsMinOfMaxCumulativeAndDeposit(
        uint256 deposit,
        uint256[] memory cumulatives,
        uint256 batchSeed
    ) public {
        deposit = bound(deposit, 1, MAX_AMOUNT);
        _fund(alice, address(token), deposit);
        uint256 n = cumulatives.length < MAX_VOUCHERS ? cumulatives.length : MAX_VOUCHERS;
        uint256 highest;
        uint256 total;
        for (uint256 i; i < n; ++i) {
            uint256 c = bound(cumulatives[i], 0, 2 * MAX_AMOUNT);
            if (c > highest) highest = c;
            IUsageEscrow.Voucher memory v = _voucher(alice, address(token), c);
            _batch.push(v);
            _sigs.push(_sign(aliceKey, v));
            // Close the batch on a set bit of the seed, and always at the end.
            if ((batchSeed >> i) & 1 == 1 || i == n - 1) {
                total += _flush();
                uint256 expected = highest < deposit ? highest : deposit;
                vm.assertEq(_redeemed(alice, address(token)), expected, "redeemed = min(max so far, deposit)");
                vm.assertEq(total, expected, "paid so far = redeemed");
            }
        }
        uint256 paid = highest < deposit ? highest : deposit;
        vm.assertEq(total, paid, "total = min(max cumulative, deposit)");
        vm.assertEq(_balance(alice, address(token)), deposit - paid, "balance = deposit - paid");
        vm.assertEq(asset.balanceOf(address(escrow)), deposit - paid, "escrow holds the rest");
        vm.assertEq(
            token.totalDistributed() + asset.balanceOf(verifierPool) + asset.balanceOf(treasury),
            paid,
            "the router passed on exactly what was paid"
        );
    }

    /// Deposits between redemptions: an under-funded voucher keeps its debt, so redeeming the
    /// highest voucher once more at the end makes the total min(max cumulative, all deposits).
    function testFuzz_redeem_debtSurvivesUntilFunded(uint256[8] memory deposits, uint256[8] memory cumulatives) public {
        uint256 deposited;
        uint256 highest;
        uint256 total;
        IUsageEscrow.Voucher memory best;
        bytes memory bestSig;
        for (uint256 i; i < 8; ++i) {
            uint256 d = bound(deposits[i], 0, MAX_AMOUNT);
            if (d != 0) _fund(alice, address(token), d);
            deposited += d;
            uint256 c = bound(cumulatives[i], 0, 8 * MAX_AMOUNT);
            IUsageEscrow.Voucher memory v = _voucher(alice, address(token), c);
            bytes memory sig = _sign(aliceKey, v);
            if (c >= highest) (highest, best, bestSig) = (c, v, sig);
            total += _redeemOne(v, sig);
            vm.assertLe(_redeemed(alice, address(token)), deposited, "never above the deposits");
        }
        total += _redeemOne(best, bestSig);
        uint256 expected = highest < deposited ? highest : deposited;
        vm.assertEq(total, expected, "total = min(max cumulative, deposits)");
        vm.assertEq(_balance(alice, address(token)), deposited - expected, "balance");
    }

    /// A withdrawal requested before redemptions pays min(request, what they left), and
    /// deposits = balance + redeemed + withdrawn.
    function testFuzz_withdraw_paysWhatRedemptionsLeft(uint256 deposit, uint256 request, uint256 cumulative) public {
        deposit = bound(deposit, 1, MAX_AMOUNT);
        request = bound(request, 1, deposit);
        cumulative = bound(cumulative, 0, 2 * MAX_AMOUNT);
        _fund(alice, address(token), deposit);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), request);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), cumulative);
        uint256 redeemed = _redeemOne(v, _sign(aliceKey, v));
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        uint256 withdrawn = escrow.withdraw(address(token));
        uint256 left = deposit - redeemed;
        vm.assertEq(withdrawn, request < left ? request : left, "min(request, left)");
        vm.assertEq(_balance(alice, address(token)) + redeemed + withdrawn, deposit, "conservation");
        vm.assertEq(asset.balanceOf(alice), withdrawn, "alice received it");
    }

    /// A voucher signed by any key other than the user's pays nothing.
    function testFuzz_redeem_foreignKeyPaysNothing(uint256 key, uint256 cumulative) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != aliceKey);
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), bound(cumulative, 1, 1e30));
        vm.assertEq(_redeemOne(v, _sign(key, v)), 0, "nothing paid");
        vm.assertEq(_balance(alice, address(token)), 100, "balance kept");
    }

    /// Changing any signed field makes the signature worthless.
    function testFuzz_redeem_tamperedFieldPaysNothing(uint256 cumulative, uint64 expiry, uint256 field, uint256 delta)
        public
    {
        _fund(alice, address(token), 100);
        _fund(alice, address(token2), 100);
        _fund(bob, address(token), 100);
        expiry = uint64(bound(expiry, block.timestamp, type(uint64).max - 1));
        cumulative = bound(cumulative, 1, 1e30);
        delta = bound(delta, 1, 1e30);
        IUsageEscrow.Voucher memory signed = IUsageEscrow.Voucher(alice, address(token), cumulative, expiry);
        bytes memory sig = _sign(aliceKey, signed);
        IUsageEscrow.Voucher memory presented = signed;
        field = field % 4;
        if (field == 0) presented = IUsageEscrow.Voucher(bob, address(token), cumulative, expiry);
        if (field == 1) presented = IUsageEscrow.Voucher(alice, address(token2), cumulative, expiry);
        if (field == 2) presented = IUsageEscrow.Voucher(alice, address(token), cumulative + delta, expiry);
        if (field == 3) presented = IUsageEscrow.Voucher(alice, address(token), cumulative, expiry + 1);
        vm.assertEq(_redeemOne(presented, sig), 0, "tampered voucher pays nothing");
        vm.assertEq(_redeemOne(signed, sig), cumulative < 100 ? cumulative : 100, "the signed one still pays");
    }

    /// The escrow's digest is the EIP-712 digest for every voucher.
    function testFuzz_voucherDigest_matchesTheDefinition(IUsageEscrow.Voucher memory v) public view {
        vm.assertEq(escrow.voucherDigest(v), _digest(v, block.chainid, address(escrow)), "digest");
    }

    function _flush() internal returns (uint256 paid) {
        vm.prank(keeper);
        paid = escrow.redeem(_batch, _sigs);
        delete _batch;
        delete _sigs;
    }
}
