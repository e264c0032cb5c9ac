// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrowRedeemTestBase} from "../utils/UsageEscrowRedeemTestBase.sol";

/// @notice redeem: replay and ordering; cumulative amounts make a replayed or older voucher worthless.
contract UsageEscrowRedeemReplayTest is UsageEscrowRedeemTestBase {
    // ------------------------------------------------------------ replay and ordering

    function test_redeem_replayedVoucherGainsNothing() public {
        _fund(alice, address(token), 100e6);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 30e6);
        bytes memory sig = _sign(aliceKey, v);
        vm.assertEq(_redeemOne(v, sig), 30e6, "first time");
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.AlreadyRedeemed);
        vm.assertEq(_redeemed(alice, address(token)), 30e6, "redeemed once");
    }

    function test_redeem_replayInsideOneBatchGainsNothing() public {
        _fund(alice, address(token), 100e6);
        _addSigned(aliceKey, alice, address(token), 30e6);
        _addSigned(aliceKey, alice, address(token), 30e6);
        _expectSkip(alice, address(token), 30e6, IUsageEscrow.SkipReason.AlreadyRedeemed);
        vm.assertEq(_redeemBatch(), 30e6, "paid once");
    }

    function test_redeem_olderVoucherAfterNewerGainsNothing() public {
        _fund(alice, address(token), 100e6);
        IUsageEscrow.Voucher memory older = _voucher(alice, address(token), 20e6);
        bytes memory olderSig = _sign(aliceKey, older);
        IUsageEscrow.Voucher memory newer = _voucher(alice, address(token), 50e6);
        vm.assertEq(_redeemOne(newer, _sign(aliceKey, newer)), 50e6, "newer");
        _assertSkipped(older, olderSig, IUsageEscrow.SkipReason.AlreadyRedeemed);
    }

    function test_redeem_voucherAtTheRedeemedAmountIsSkipped() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 40);
        _redeemOne(v, _sign(aliceKey, v));
        IUsageEscrow.Voucher memory same = IUsageEscrow.Voucher(alice, address(token), 40, NO_EXPIRY - 1);
        _assertSkipped(same, _sign(aliceKey, same), IUsageEscrow.SkipReason.AlreadyRedeemed);
    }

    function test_redeem_zeroVoucherIsSkipped() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 0);
        _assertSkipped(v, _sign(aliceKey, v), IUsageEscrow.SkipReason.AlreadyRedeemed);
    }

    function test_redeem_vouchersOfOneChannelApplyInOrder() public {
        _fund(alice, address(token), 100);
        _addSigned(aliceKey, alice, address(token), 30);
        _addSigned(aliceKey, alice, address(token), 70);
        _addSigned(aliceKey, alice, address(token), 50); // older than the one before
        vm.assertEq(_redeemBatch(), 70, "the highest cumulative counts");
        vm.assertEq(_redeemed(alice, address(token)), 70, "redeemed");
    }
}
