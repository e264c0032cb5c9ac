// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Construction and the owner's settings: the withdrawal delay and ownership.
contract UsageEscrowAdminTest is UsageEscrowTestBase {
    // ------------------------------------------------------------ construction

    function test_constructor_setsParameters() public view {
        vm.assertEq(escrow.owner(), address(this), "owner");
        vm.assertEq(escrow.router(), address(router), "router");
        vm.assertEq(uint256(escrow.withdrawDelay()), DELAY, "delay");
        vm.assertEq(escrow.VOUCHER_TYPEHASH(), VOUCHER_TYPEHASH, "typehash");
        vm.assertEq(uint256(escrow.MIN_WITHDRAW_DELAY()), 1 hours, "min delay");
        vm.assertEq(uint256(escrow.MAX_WITHDRAW_DELAY()), 30 days, "max delay");
        vm.assertEq(escrow.MAX_CHANNEL_TOTAL(), type(uint128).max, "channel limit");
    }

    function test_constructor_emitsWithdrawDelaySet() public {
        vm.expectEmit(false, false, false, true);
        emit IUsageEscrow.WithdrawDelaySet(2 hours);
        new UsageEscrow(address(this), address(router), 2 hours);
    }

    function test_constructor_revertsOnZeroRouter() public {
        vm.expectRevert(IUsageEscrow.ZeroAddress.selector);
        new UsageEscrow(address(this), address(0), DELAY);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new UsageEscrow(address(0), address(router), DELAY);
    }

    function test_constructor_revertsOnDelayOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 1 hours - 1));
        new UsageEscrow(address(this), address(router), 1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 30 days + 1));
        new UsageEscrow(address(this), address(router), 30 days + 1);
    }

    // ------------------------------------------------------------ setWithdrawDelay

    function test_setWithdrawDelay_setsAndEmitsWithinInclusiveBounds() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IUsageEscrow.WithdrawDelaySet(30 days);
        escrow.setWithdrawDelay(30 days);
        vm.assertEq(uint256(escrow.withdrawDelay()), 30 days, "max");
        escrow.setWithdrawDelay(1 hours);
        vm.assertEq(uint256(escrow.withdrawDelay()), 1 hours, "min");
    }

    function test_setWithdrawDelay_appliesToNewRequests() public {
        escrow.setWithdrawDelay(2 days);
        _fund(alice, address(token), 1);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 1);
        (,,, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(uint256(unlockAt), block.timestamp + 2 days, "new delay");
    }

    function test_setWithdrawDelay_revertsOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 1 hours - 1));
        escrow.setWithdrawDelay(1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 30 days + 1));
        escrow.setWithdrawDelay(30 days + 1);
    }

    function test_setWithdrawDelay_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        escrow.setWithdrawDelay(2 hours);
    }

    function test_ownership_transfersInTwoSteps() public {
        escrow.transferOwnership(stranger);
        vm.assertEq(escrow.owner(), address(this), "not yet");
        vm.prank(stranger);
        escrow.acceptOwnership();
        vm.assertEq(escrow.owner(), stranger, "accepted");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        escrow.setWithdrawDelay(2 hours);
    }
}
