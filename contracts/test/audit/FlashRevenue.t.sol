// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Audit: flash buying around revenue payments, through the real RevenueRouter and
///         UsageEscrow (80 / 15 / 5 split). Everything happens in one block (no warp, no roll):
///         the attacker buys model tokens (a transfer from the seller stands in for a DEX trade or
///         a flash loan), revenue is paid, the attacker claims and sells back. It must earn nothing
///         of revenue paid before its buy; at most its pro-rata share of payments made while it
///         held (the accepted residual: a sandwich of a payment earns that payment's share).
contract FlashRevenueAuditTest is UsageEscrowTestBase {
    address internal attacker;

    function setUp() public override {
        super.setUp();
        attacker = makeAddr("attacker");
    }

    function _buy(address from, address to, uint256 amount) internal {
        vm.prank(from);
        vm.assertTrue(token.transfer(to, amount), "transfer");
    }

    function _claimAs(address who) internal returns (uint256 paid) {
        vm.prank(who);
        paid = token.claim();
    }

    /// The brief's scenario: revenue R1 is paid, then in the same block the attacker buys all of
    /// the supply, a payment R2 arrives, the attacker claims and sells. It gets its share of R2
    /// only (rounded down), none of R1; the seller keeps all of R1.
    function test_flash_buyPayClaimSellInOneBlockEarnsNothingOfRevenuePaidBeforeTheBuy() public {
        uint256 blockBefore = block.number;
        uint256 timeBefore = block.timestamp;
        _pay(payer, address(token), 1_000_000); // R1: 800,000 to holders (holder owns all 1e18)

        _buy(holder, attacker, 1e18); // flash: the whole supply
        vm.assertEq(token.claimable(attacker), 0, "bought tokens carry none of R1");
        vm.assertEq(_claimAs(attacker), 0, "claim right after the buy pays nothing");

        _pay(payer, address(token), 10_000); // R2 while the attacker holds everything: 8,000
        uint256 got = _claimAs(attacker);
        _buy(attacker, holder, 1e18); // sell back

        vm.assertLe(got, 8_000, "at most its share of R2");
        vm.assertGe(got + 1, 8_000, "R2's share, less rounding");
        vm.assertEq(_claimAs(attacker), 0, "nothing left after selling");
        vm.assertEq(_claimAs(holder), 800_000 - 1, "the seller keeps R1 (less one unit of rounding)");
        vm.assertEq(block.number, blockBefore, "one block");
        vm.assertEq(block.timestamp, timeBefore, "one timestamp");
    }

    /// Same with the revenue arriving through a keeper's voucher batch (the usual path): an
    /// attacker front-running the batch with a buy gets nothing of what was redeemed earlier.
    function test_flash_aroundAVoucherRedemptionEarnsNothingOfEarlierRedemptions() public {
        _fund(alice, address(token), 2_000_000);
        IUsageEscrow.Voucher memory v1 = _voucher(alice, address(token), 1_000_000);
        _redeemOne(v1, _sign(aliceKey, v1)); // 800,000 credited to the holder

        _buy(holder, attacker, 5e17); // half the supply
        IUsageEscrow.Voucher memory v2 = _voucher(alice, address(token), 1_500_000);
        _redeemOne(v2, _sign(aliceKey, v2)); // +500,000 paid: 400,000 credited, half to each
        uint256 got = _claimAs(attacker);
        _buy(attacker, holder, 5e17);

        vm.assertLe(got, 200_000, "at most half of the second redemption's holder part");
        vm.assertGe(got + 1, 200_000, "less rounding");
        uint256 kept = _claimAs(holder);
        vm.assertLe(kept, 800_000 + 200_000, "the holder's own share");
        vm.assertGe(kept + 2, 800_000 + 200_000, "keeps all of the first redemption (two units of rounding)");
    }

    /// Buying, claiming, passing the tokens to a fresh address and claiming again never pays the
    /// same revenue twice: the claimable amount stays with the account that held at payment time.
    function test_flash_cyclingTokensThroughFreshAddressesClaimsNothingTwice() public {
        _pay(payer, address(token), 1_000_000);
        uint256 first = _claimAs(holder);
        address next = holder;
        for (uint256 i; i < 5; ++i) {
            address fresh = makeAddr(string.concat("sybil", vm.toString(i)));
            _buy(next, fresh, 1e18);
            vm.assertEq(_claimAs(fresh), 0, "a fresh holder claims nothing of past revenue");
            vm.assertEq(_claimAs(next), 0, "the previous holder already claimed");
            next = fresh;
        }
        vm.assertEq(first, 800_000 - 1, "paid once");
        vm.assertLe(asset.balanceOf(address(token)), 1, "only rounding dust remains");
    }

    /// Fuzz: any split of the supply, any earlier and later payments, any part bought: the flash
    /// buyer's claim never exceeds its pro-rata share of the later payment, and the seller's
    /// earlier revenue is intact.
    function testFuzz_flash_buyerEarnsAtMostItsShareOfPaymentsWhileHolding(
        uint96 before,
        uint96 during,
        uint256 boughtSeed
    ) public {
        uint256 r1 = bound(before, 1, 1e30);
        uint256 r2 = bound(during, 1, 1e30);
        uint256 bought = bound(boughtSeed, 1, 1e18);
        _pay(payer, address(token), r1);
        uint256 sellerBefore = token.claimable(holder);

        _buy(holder, attacker, bought);
        _pay(payer, address(token), r2);
        uint256 got = _claimAs(attacker);
        _buy(attacker, holder, bought);

        (uint256 toHolders2,,) = router.split(r2);
        vm.assertLe(got, toHolders2 * bought / 1e18, "<= pro-rata share of the payment while holding");
        vm.assertGe(token.claimable(holder), sellerBefore, "the seller lost nothing of R1");
    }
}
