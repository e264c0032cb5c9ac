// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {IRevenueRouter} from "../../src/interfaces/IRevenueRouter.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {RevenueRouterTestBase} from "../utils/RevenueRouterTestBase.sol";

contract RevenueRouterTest is RevenueRouterTestBase {
    address internal holder;
    address internal stranger;

    function setUp() public override {
        super.setUp();
        holder = makeAddr("holder");
        stranger = makeAddr("stranger");
    }

    // ------------------------------------------------------------ construction

    function test_constructor_setsParameters() public view {
        vm.assertEq(router.owner(), address(this), "owner");
        vm.assertEq(router.treasury(), treasury, "treasury");
        vm.assertEq(router.verifierPool(), verifierPool, "verifier pool");
        vm.assertEq(uint256(router.holdersBps()), HOLDERS_BPS, "holders");
        vm.assertEq(uint256(router.verifiersBps()), VERIFIERS_BPS, "verifiers");
        vm.assertEq(uint256(router.treasuryBps()), TREASURY_BPS, "treasury bps");
        vm.assertEq(router.registry(), address(this), "registry");
    }

    function test_constructor_emitsEveryParameter() public {
        vm.expectEmit(true, false, false, false);
        emit IRevenueRouter.TreasurySet(treasury);
        vm.expectEmit(true, false, false, false);
        emit IRevenueRouter.VerifierPoolSet(verifierPool);
        vm.expectEmit(false, false, false, true);
        emit IRevenueRouter.SharesSet(6_000, 4_000, 0);
        new RevenueRouter(address(this), treasury, verifierPool, 6_000, 4_000, 0);
    }

    function test_constructor_revertsOnZeroTreasury() public {
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        new RevenueRouter(address(this), address(0), verifierPool, 8_000, 1_000, 1_000);
    }

    function test_constructor_revertsOnZeroVerifierPool() public {
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        new RevenueRouter(address(this), treasury, address(0), 8_000, 1_000, 1_000);
    }

    function test_constructor_revertsOnBadShares() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.InvalidShares.selector, 8_000, 1_000, 999));
        new RevenueRouter(address(this), treasury, verifierPool, 8_000, 1_000, 999);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new RevenueRouter(address(0), treasury, verifierPool, 8_000, 1_000, 1_000);
    }

    // ------------------------------------------------------------ pay

    function test_pay_splitsBetweenHoldersVerifiersAndTreasury() public {
        token.mint(holder, 1e18);
        _pay(payer, address(token), 1_000e6);
        vm.assertEq(asset.balanceOf(address(token)), 800e6, "holders' part held by the token");
        vm.assertEq(token.totalDistributed(), 800e6, "and credited");
        vm.assertEq(asset.balanceOf(verifierPool), 150e6, "verifier pool");
        vm.assertEq(asset.balanceOf(treasury), 50e6, "treasury");
        vm.assertEq(asset.balanceOf(payer), 0, "payer paid all");
        vm.assertEq(asset.balanceOf(address(router)), 0, "router keeps nothing");
        vm.assertApproxEqAbs(token.claimable(holder), 800e6, 1, "holder can claim it");
    }

    function test_pay_emitsRevenuePaid() public {
        token.mint(holder, 1e18);
        asset.mint(payer, 1_000e6);
        vm.startPrank(payer);
        asset.approve(address(router), 1_000e6);
        vm.expectEmit(true, true, false, true, address(router));
        emit IRevenueRouter.RevenuePaid(address(token), payer, 1_000e6, 800e6, 150e6, 50e6);
        router.pay(address(token), 1_000e6);
        vm.stopPrank();
    }

    function test_pay_givesTheRoundingRemainderToTheTreasury() public {
        token.mint(holder, 1e18);
        _pay(payer, address(token), 7); // 7 * 0.8 = 5.6, 7 * 0.15 = 1.05
        vm.assertEq(token.totalDistributed(), 5, "holders rounded down");
        vm.assertEq(asset.balanceOf(verifierPool), 1, "verifiers rounded down");
        vm.assertEq(asset.balanceOf(treasury), 1, "treasury gets the rest");
    }

    function test_pay_withoutSupplySendsTheHoldersPartToTheTreasury() public {
        asset.mint(payer, 100e6);
        vm.startPrank(payer);
        asset.approve(address(router), 100e6);
        vm.expectEmit(true, true, false, true, address(router));
        emit IRevenueRouter.RevenuePaid(address(token), payer, 100e6, 0, 15e6, 85e6);
        router.pay(address(token), 100e6);
        vm.stopPrank();
        vm.assertEq(asset.balanceOf(treasury), 85e6, "treasury took the holders' part");
        vm.assertEq(asset.balanceOf(address(token)), 0, "token got nothing");
        vm.assertEq(token.totalDistributed(), 0, "nothing credited");
    }

    function test_pay_laterHoldersGetNoneOfEarlierPayments() public {
        token.mint(holder, 1e18);
        _pay(payer, address(token), 100e6);
        token.mint(stranger, 1e18);
        vm.assertEq(token.claimable(stranger), 0, "minted after the payment");
    }

    function test_pay_revertsForAnUnknownToken() public {
        ModelToken other = _newToken(); // made by the factory but never registered
        other.mint(holder, 1);
        asset.mint(payer, 10);
        vm.prank(payer);
        asset.approve(address(router), 10);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.UnknownToken.selector, address(other)));
        router.pay(address(other), 10);
    }

    function test_pay_revertsOnZeroAmount() public {
        vm.prank(payer);
        vm.expectRevert(IRevenueRouter.ZeroAmount.selector);
        router.pay(address(token), 0);
    }

    function test_pay_revertsWithoutAllowance() public {
        token.mint(holder, 1);
        asset.mint(payer, 10);
        vm.prank(payer);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(router), 0, 8)
        );
        router.pay(address(token), 10);
    }

    function test_pay_usesTheCurrentShares() public {
        token.mint(holder, 1e18);
        router.setShares(5_000, 0, 5_000);
        _pay(payer, address(token), 100);
        vm.assertEq(token.totalDistributed(), 50, "holders 50%");
        vm.assertEq(asset.balanceOf(verifierPool), 0, "verifiers nothing, no transfer");
        vm.assertEq(asset.balanceOf(treasury), 50, "treasury 50%");
    }

    function test_split_roundsHoldersAndVerifiersDown() public view {
        (uint256 h, uint256 v, uint256 t) = router.split(99);
        vm.assertEq(h, 79, "holders");
        vm.assertEq(v, 14, "verifiers");
        vm.assertEq(t, 6, "treasury");
    }

    // ------------------------------------------------------------ token registry

    function test_registerToken_makesATokenPayable() public {
        ModelToken other = _newToken();
        vm.assertFalse(router.isModelToken(address(other)), "not yet");
        vm.expectEmit(true, true, false, false, address(router));
        emit IRevenueRouter.TokenRegistered(address(other), address(asset));
        router.registerToken(address(other));
        vm.assertTrue(router.isModelToken(address(other)), "registered");
        vm.assertEq(router.paymentAssetOf(address(other)), address(asset), "asset recorded");
        other.mint(holder, 1);
        _pay(payer, address(other), 10);
        vm.assertEq(other.totalDistributed(), 8, "paid");
    }

    function test_registerToken_revertsForOtherCallers() public {
        ModelToken other = _newToken();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.NotRegistry.selector, stranger));
        router.registerToken(address(other));
    }

    function test_registerToken_revertsOnZeroAddress() public {
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        router.registerToken(address(0));
    }

    function test_registerToken_revertsTwice() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.TokenAlreadyRegistered.selector, address(token)));
        router.registerToken(address(token));
    }

    function test_registerToken_revertsForATokenOfAnotherRouter() public {
        address otherRouter = makeAddr("otherRouter");
        address other = factory.create("X", "X", address(this), otherRouter, address(asset));
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.TokenRouterMismatch.selector, other, otherRouter));
        router.registerToken(other);
    }

    function test_registerToken_revertsBeforeTheRegistryIsSet() public {
        RevenueRouter fresh = new RevenueRouter(address(this), treasury, verifierPool, 8_000, 1_000, 1_000);
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.NotRegistry.selector, address(this)));
        fresh.registerToken(address(token));
    }

    // ------------------------------------------------------------ administration

    function test_setRegistry_onceOnly() public {
        RevenueRouter fresh = new RevenueRouter(address(this), treasury, verifierPool, 8_000, 1_000, 1_000);
        vm.expectEmit(true, false, false, false, address(fresh));
        emit IRevenueRouter.RegistrySet(stranger);
        fresh.setRegistry(stranger);
        vm.assertEq(fresh.registry(), stranger, "set");
        vm.expectRevert(IRevenueRouter.RegistryAlreadySet.selector);
        fresh.setRegistry(holder);
    }

    function test_setRegistry_revertsOnZeroAddress() public {
        RevenueRouter fresh = new RevenueRouter(address(this), treasury, verifierPool, 8_000, 1_000, 1_000);
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        fresh.setRegistry(address(0));
    }

    function test_setRegistry_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        router.setRegistry(stranger);
    }

    function test_setShares_changesAndEmits() public {
        vm.expectEmit(false, false, false, true, address(router));
        emit IRevenueRouter.SharesSet(9_000, 500, 500);
        router.setShares(9_000, 500, 500);
        vm.assertEq(uint256(router.holdersBps()), 9_000, "holders");
        vm.assertEq(uint256(router.verifiersBps()), 500, "verifiers");
        vm.assertEq(uint256(router.treasuryBps()), 500, "treasury");
    }

    function test_setShares_acceptsTheBounds() public {
        router.setShares(5_000, 5_000, 0);
        router.setShares(10_000, 0, 0);
        vm.assertEq(uint256(router.holdersBps()), 10_000, "all to holders");
    }

    function test_setShares_revertsWhenTheSumIsNotWhole() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.InvalidShares.selector, 8_000, 1_000, 1_001));
        router.setShares(8_000, 1_000, 1_001);
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.InvalidShares.selector, 8_000, 1_000, 999));
        router.setShares(8_000, 1_000, 999);
    }

    function test_setShares_revertsBelowTheHoldersMinimum() public {
        vm.expectRevert(abi.encodeWithSelector(IRevenueRouter.InvalidShares.selector, 4_999, 5_001, 0));
        router.setShares(4_999, 5_001, 0);
    }

    function test_setShares_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        router.setShares(9_000, 500, 500);
    }

    function test_setTreasury_changesAndEmits() public {
        vm.expectEmit(true, false, false, false, address(router));
        emit IRevenueRouter.TreasurySet(stranger);
        router.setTreasury(stranger);
        vm.assertEq(router.treasury(), stranger, "treasury");
    }

    function test_setTreasury_revertsOnZeroOrNonOwner() public {
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        router.setTreasury(address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        router.setTreasury(stranger);
    }

    function test_setVerifierPool_changesAndEmits() public {
        vm.expectEmit(true, false, false, false, address(router));
        emit IRevenueRouter.VerifierPoolSet(stranger);
        router.setVerifierPool(stranger);
        vm.assertEq(router.verifierPool(), stranger, "pool");
    }

    function test_setVerifierPool_revertsOnZeroOrNonOwner() public {
        vm.expectRevert(IRevenueRouter.ZeroAddress.selector);
        router.setVerifierPool(address(0));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        router.setVerifierPool(stranger);
    }

    function test_ownership_transfersInTwoSteps() public {
        router.transferOwnership(stranger);
        vm.assertEq(router.owner(), address(this), "still the old owner");
        vm.prank(stranger);
        router.acceptOwnership();
        vm.assertEq(router.owner(), stranger, "new owner");
    }

    function test_distribute_refusesCallsThatDoNotComeFromTheRouter() public {
        token.mint(holder, 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IModelToken.NotRouter.selector, stranger));
        token.distribute(1);
    }
}
