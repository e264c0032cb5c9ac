// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Audit: griefing with dust and gas. Many tiny payments, vouchers, deposits and token
///         transfers must never make a claim, a redemption batch or a withdrawal revert, nor make a
///         claim cost more (claims are O(1)); rounding dust stays in the contracts, never more is
///         paid out than came in.
contract DustGriefingAuditTest is UsageEscrowTestBase {
    address internal griefer;

    function setUp() public override {
        super.setUp();
        griefer = makeAddr("griefer");
    }

    function _claimAs(ModelToken t, address who) internal returns (uint256 paid, uint256 gasUsed) {
        vm.prank(who);
        uint256 before = gasleft();
        paid = t.claim();
        gasUsed = before - gasleft();
    }

    /// 600 payments of 1 to 3 base units (most credit nothing to holders after the 80 % split and
    /// the rounding of the accumulator) and a claim still pays, never more than was credited, and
    /// costs what a claim after one payment costs.
    function test_dust_hundredsOfTinyPaymentsNeverMakeAClaimRevertOrCostMore() public {
        address second = makeAddr("second");
        vm.prank(holder);
        vm.assertTrue(token.transfer(second, 3e17), "second holder");
        _pay(payer, address(token), 1_000);
        (, uint256 gasAfterOne) = _claimAs(token, second);

        asset.mint(griefer, 10_000);
        vm.startPrank(griefer);
        asset.approve(address(router), type(uint256).max);
        for (uint256 i; i < 600; ++i) {
            router.pay(address(token), 1 + i % 3);
        }
        vm.stopPrank();

        (uint256 paidHolder,) = _claimAs(token, holder);
        (uint256 paidSecond, uint256 gasAfterMany) = _claimAs(token, second);
        vm.assertLe(paidHolder + paidSecond, token.totalDistributed(), "never more than credited");
        vm.assertGe(asset.balanceOf(address(token)), token.claimable(holder) + token.claimable(second), "solvent");
        vm.assertLe(gasAfterMany, gasAfterOne + 5_000, "claim cost does not grow with the number of payments");
    }

    /// A one-unit payment splits to 0 / 0 / 1: only the treasury is paid, nothing reverts, also
    /// for a token without supply.
    function test_dust_oneUnitPaymentsGoToTheTreasuryWithoutReverting() public {
        ModelToken empty = ModelToken(factory.create("Empty", "E", address(this), address(router), address(asset)));
        router.registerToken(address(empty));
        uint256 before = asset.balanceOf(treasury);
        _pay(griefer, address(token), 1);
        _pay(griefer, address(empty), 1);
        _pay(griefer, address(empty), 1_000);
        vm.assertEq(asset.balanceOf(treasury) - before, 1 + 1 + 50 + 800, "dust and the holders' part of no supply");
        vm.assertEq(token.totalDistributed(), 0, "nothing credited from one unit");
    }

    /// 120 users each fund 1 unit and sign a 1-unit voucher: one batch redeems them all into one
    /// router payment; replaying the batch skips every voucher and pays 0 without reverting; the
    /// holder's claim afterwards works.
    function test_dust_aBatchOfOneUnitVouchersRedeemsAndItsReplayIsSkipped() public {
        uint256 n = 120;
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            uint256 key = uint256(keccak256(abi.encode("dust user", i)));
            address user = vm.addr(key);
            _fund(user, address(token), 1);
            vs[i] = _voucher(user, address(token), 1);
            sigs[i] = _sign(key, vs[i]);
        }
        vm.prank(keeper);
        vm.assertEq(escrow.redeem(vs, sigs), n, "every unit redeemed");
        vm.prank(keeper);
        vm.assertEq(escrow.redeem(vs, sigs), 0, "replay skipped, no revert");
        (uint256 paid,) = _claimAs(token, holder);
        vm.assertLe(paid, token.totalDistributed(), "claim works");
        vm.assertEq(asset.balanceOf(address(escrow)), 0, "everything forwarded");
    }

    /// A griefer cannot stop a user's withdrawal by sprinkling dust deposits into its channel
    /// (depositFor is open to anyone): the request pays what it asked, the dust stays the user's.
    function test_dust_sponsoredDustCannotBlockOrShrinkAWithdrawal() public {
        _fund(alice, address(token), 1_000);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 1_000);
        asset.mint(griefer, 50);
        vm.startPrank(griefer);
        asset.approve(address(escrow), 50);
        for (uint256 i; i < 50; ++i) {
            escrow.depositFor(alice, address(token), 1);
        }
        vm.stopPrank();
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 1_000, "paid in full");
        vm.assertEq(_balance(alice, address(token)), 50, "the dust is alice's, to withdraw or spend");
    }

    /// Payment-asset dust sent to a model token directly is credited to nobody and breaks nothing;
    /// 1-wei model-token transfers to many fresh addresses keep every claim within its share.
    function test_dust_directDustAndDustHoldersKeepClaimsExact() public {
        asset.mint(address(token), 7); // not through the router: not credited
        address[] memory dusty = new address[](40);
        for (uint256 i; i < dusty.length; ++i) {
            dusty[i] = makeAddr(string.concat("dusty", vm.toString(i)));
            vm.prank(holder);
            vm.assertTrue(token.transfer(dusty[i], 1), "1 wei");
        }
        _pay(payer, address(token), 1_000_000);
        uint256 total;
        for (uint256 i; i < dusty.length; ++i) {
            (uint256 paid,) = _claimAs(token, dusty[i]);
            total += paid; // 1 wei of 1e18 earns < 1 unit: 0
        }
        (uint256 paidHolder,) = _claimAs(token, holder);
        total += paidHolder;
        vm.assertLe(total, token.totalDistributed(), "never more than credited");
        vm.assertGe(total + 2, 800_000, "the holder still gets its share");
        vm.assertGe(asset.balanceOf(address(token)), 7, "the direct dust stays in the token");
    }

    /// INFORMATIONAL: a model whose supply is tiny and whose payment asset has 18 decimals can have
    /// its accumulator saturated cheaply (sum of amount / supply over its life <= 2^62); every
    /// later payment for it reverts RevenueOverflow, and so does a whole voucher batch that
    /// contains one of its vouchers. Keepers must simulate batches and drop such vouchers
    /// (docs/usage-payments.md); other models' vouchers then redeem normally.
    function test_dust_aSaturatedModelRevertsAMixedBatchUntilTheKeeperDropsIt() public {
        ModelToken tiny = ModelToken(factory.create("Tiny", "T", address(this), address(router), address(asset2)));
        router.registerToken(address(tiny));
        tiny.mint(griefer, 1); // supply of one base unit
        uint256 saturate = (uint256(2 ** 62) - 1) * 10_000 / 8_000; // holders' part just below 2^62
        asset2.mint(griefer, saturate);
        vm.startPrank(griefer);
        asset2.approve(address(router), saturate);
        router.pay(address(tiny), saturate);
        vm.stopPrank();

        _fund(alice, address(token), 100);
        asset2.mint(bob, 1e18); // _fund knows only token and token2
        vm.startPrank(bob);
        asset2.approve(address(escrow), 1e18);
        escrow.deposit(address(tiny), 1e18);
        vm.stopPrank();
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](2);
        bytes[] memory sigs = new bytes[](2);
        vs[0] = _voucher(alice, address(token), 100);
        vs[1] = _voucher(bob, address(tiny), 1e18);
        sigs[0] = _sign(aliceKey, vs[0]);
        sigs[1] = _sign(bobKey, vs[1]);
        vm.prank(keeper);
        vm.expectRevert(IModelToken.RevenueOverflow.selector);
        escrow.redeem(vs, sigs);

        IUsageEscrow.Voucher[] memory kept = new IUsageEscrow.Voucher[](1);
        bytes[] memory keptSigs = new bytes[](1);
        kept[0] = vs[0];
        keptSigs[0] = sigs[0];
        vm.prank(keeper);
        vm.assertEq(escrow.redeem(kept, keptSigs), 100, "the rest of the batch redeems once the voucher is dropped");
    }
}
