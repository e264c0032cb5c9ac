// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice deposit and depositFor: funding a channel.
contract UsageEscrowDepositTest is UsageEscrowTestBase {
    // ------------------------------------------------------------ deposit

    function test_deposit_creditsTheCallersChannelAndPullsTheAsset() public {
        _fund(alice, address(token), 100e6);
        (uint256 balance, uint256 redeemed, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 100e6, "balance");
        vm.assertEq(redeemed, 0, "redeemed");
        vm.assertEq(pending, 0, "pending");
        vm.assertEq(uint256(unlockAt), 0, "unlock");
        vm.assertEq(asset.balanceOf(address(escrow)), 100e6, "escrow holds it");
        vm.assertEq(asset.balanceOf(alice), 0, "alice paid it");
        vm.assertEq(_balance(alice, address(token2)), 0, "other model's channel untouched");
    }

    function test_deposit_accumulatesAndEmits() public {
        _fund(alice, address(token), 100e6);
        asset.mint(alice, 50e6);
        vm.startPrank(alice);
        asset.approve(address(escrow), 50e6);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IUsageEscrow.Deposited(alice, address(token), alice, 50e6, 150e6);
        escrow.deposit(address(token), 50e6);
        vm.stopPrank();
        vm.assertEq(_balance(alice, address(token)), 150e6, "balance");
    }

    function test_deposit_usesEachModelsPaymentAsset() public {
        _fund(alice, address(token2), 7e18);
        vm.assertEq(asset2.balanceOf(address(escrow)), 7e18, "asset2 held");
        vm.assertEq(asset.balanceOf(address(escrow)), 0, "asset untouched");
        vm.assertEq(_balance(alice, address(token2)), 7e18, "balance");
    }

    function test_deposit_revertsOnUnregisteredToken() public {
        ModelToken unregistered = _newToken();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(unregistered)));
        escrow.deposit(address(unregistered), 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(asset)));
        escrow.deposit(address(asset), 1);
    }

    function test_deposit_revertsOnZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.deposit(address(token), 0);
    }

    function test_deposit_revertsWithoutAllowance() public {
        asset.mint(alice, 10);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, 10)
        );
        escrow.deposit(address(token), 10);
    }

    function test_deposit_revertsAboveTheChannelLimit() public {
        uint256 limit = type(uint128).max;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), limit + 1);

        _fund(alice, address(token), limit - 10);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), 11);
        _fund(alice, address(token), 10); // exactly the limit is fine
        vm.assertEq(_balance(alice, address(token)), limit, "at the limit");
    }

    function test_deposit_limitCountsRedeemedToo() public {
        uint256 limit = type(uint128).max;
        _fund(alice, address(token), 100);
        _redeemOne(_voucher(alice, address(token), 60), _sign(aliceKey, _voucher(alice, address(token), 60)));
        // redeemed 60 + balance 40 + amount
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), limit - 99);
    }

    function test_deposit_isGuardedAgainstReentrancy() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken model = ModelToken(factory.create("Evil", "EV", address(this), address(router), address(evil)));
        router.registerToken(address(model));
        evil.mint(alice, 10);
        vm.prank(alice);
        evil.approve(address(escrow), 10);
        evil.arm(address(escrow), abi.encodeCall(UsageEscrow.deposit, (address(model), 1)));
        vm.prank(alice);
        escrow.deposit(address(model), 5);
        vm.assertFalse(evil.reentered(), "reentry refused");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the guard"
        );
        vm.assertEq(_balance(alice, address(model)), 5, "only the outer deposit");
    }

    // ------------------------------------------------------------ depositFor

    function test_depositFor_creditsTheUserNotThePayer() public {
        asset.mint(stranger, 30e6);
        vm.startPrank(stranger);
        asset.approve(address(escrow), 30e6);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IUsageEscrow.Deposited(alice, address(token), stranger, 30e6, 30e6);
        escrow.depositFor(alice, address(token), 30e6);
        vm.stopPrank();
        vm.assertEq(_balance(alice, address(token)), 30e6, "alice credited");
        vm.assertEq(_balance(stranger, address(token)), 0, "payer not credited");
        vm.assertEq(asset.balanceOf(stranger), 0, "payer paid");

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.InsufficientBalance.selector, 0, 30e6));
        escrow.requestWithdraw(address(token), 30e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 30e6);
    }

    function test_depositFor_revertsOnZeroUser() public {
        vm.expectRevert(IUsageEscrow.ZeroAddress.selector);
        escrow.depositFor(address(0), address(token), 1);
    }

    function test_depositFor_revertsLikeDeposit() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(0)));
        escrow.depositFor(alice, address(0), 1);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.depositFor(alice, address(token), 0);
    }
}
