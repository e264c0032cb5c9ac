// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowTestBase} from "./UsageEscrowTestBase.sol";

/// @notice The UsageEscrow fixture with a voucher batch to build (`_add`, `_addSigned`) and redeem
///         as the keeper (`_redeemBatch`), and checks that a voucher is skipped for a reason.
abstract contract UsageEscrowRedeemTestBase is UsageEscrowTestBase {
    IUsageEscrow.Voucher[] internal _batch;
    bytes[] internal _sigs;

    function _add(IUsageEscrow.Voucher memory v, bytes memory signature) internal {
        _batch.push(v);
        _sigs.push(signature);
    }

    function _addSigned(uint256 key, address user, address model, uint256 cumulative) internal {
        IUsageEscrow.Voucher memory v = _voucher(user, model, cumulative);
        _add(v, _sign(key, v));
    }

    function _redeemBatch() internal returns (uint256 total) {
        vm.prank(keeper);
        total = escrow.redeem(_batch, _sigs);
        delete _batch;
        delete _sigs;
    }

    function _expectSkip(address user, address model, uint256 cumulative, IUsageEscrow.SkipReason reason) internal {
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.VoucherSkipped(user, model, cumulative, reason);
    }

    /// @dev Redeems `v` with `signature` alone and checks that it is skipped for `reason` and
    ///      changes nothing.
    function _assertSkipped(IUsageEscrow.Voucher memory v, bytes memory signature, IUsageEscrow.SkipReason reason)
        internal
    {
        (uint256 balanceBefore, uint256 redeemedBefore,,) = escrow.channel(v.user, v.modelToken);
        uint256 held = asset.balanceOf(address(escrow)) + asset2.balanceOf(address(escrow));
        _expectSkip(v.user, v.modelToken, v.cumulativeAmount, reason);
        vm.assertEq(_redeemOne(v, signature), 0, "pays nothing");
        (uint256 balanceAfter, uint256 redeemedAfter,,) = escrow.channel(v.user, v.modelToken);
        vm.assertEq(balanceAfter, balanceBefore, "balance unchanged");
        vm.assertEq(redeemedAfter, redeemedBefore, "redeemed unchanged");
        vm.assertEq(asset.balanceOf(address(escrow)) + asset2.balanceOf(address(escrow)), held, "escrow unchanged");
    }
}
