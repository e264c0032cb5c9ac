// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";
import {UsageEscrowRedeemTestBase} from "../utils/UsageEscrowRedeemTestBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice redeem: batches: mixed good and skipped vouchers, one router payment per model, malformed
///         batches and reentrancy through the asset.
contract UsageEscrowRedeemBatchesTest is UsageEscrowRedeemTestBase {
    bytes32 internal constant SKIPPED_SIG = keccak256("VoucherSkipped(address,address,uint256,uint8)");
    bytes32 internal constant REDEEMED_SIG = keccak256("VoucherRedeemed(address,address,uint256,uint256,uint256)");
    bytes32 internal constant FORWARDED_SIG = keccak256("RevenueForwarded(address,uint256)");
    bytes32 internal constant PAID_SIG = keccak256("RevenuePaid(address,address,uint256,uint256,uint256,uint256)");

    // ------------------------------------------------------------ helpers

    function _countLogs(Vm.Log[] memory logs, bytes32 topic0) internal pure returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length != 0 && logs[i].topics[0] == topic0) ++count;
        }
    }

    // ------------------------------------------------------------ batches

    function test_redeem_mixedBatchPaysExactlyTheGoodVouchers() public {
        _fund(alice, address(token), 100);
        _fund(bob, address(token), 100);
        _fund(bob, address(token2), 1_000);
        IUsageEscrow.Voucher memory old = _voucher(alice, address(token), 10);
        bytes memory oldSig = _sign(aliceKey, old);
        _redeemOne(old, oldSig);
        uint64 expiry = uint64(block.timestamp) - 1;

        _addSigned(aliceKey, alice, address(token), 40); //               good: 30
        _add(old, oldSig); //                                             replay: 0
        _addSigned(bobKey, alice, address(token), 90); //                 wrong key: 0
        _addSigned(bobKey, bob, address(token2), 700); //                 good: 700
        _addSigned(bobKey, bob, address(token), 150); //                  over-limit: 100
        IUsageEscrow.Voucher memory expired = IUsageEscrow.Voucher(bob, address(token2), 900, expiry);
        _add(expired, _sign(bobKey, expired)); //                         expired: 0
        _addSigned(aliceKey, alice, address(token2), 5); //               no balance: 0
        _addSigned(aliceKey, alice, address(token), 35); //               older than the first: 0

        vm.recordLogs();
        uint256 total = _redeemBatch();
        Vm.Log[] memory logs = vm.getRecordedLogs();

        vm.assertEq(total, 830, "30 + 700 + 100");
        vm.assertEq(_redeemed(alice, address(token)), 40, "alice token");
        vm.assertEq(_redeemed(bob, address(token)), 100, "bob token");
        vm.assertEq(_redeemed(bob, address(token2)), 700, "bob token2");
        vm.assertEq(_redeemed(alice, address(token2)), 0, "alice token2");
        vm.assertEq(asset.balanceOf(address(escrow)), 60, "asset left: alice 100 - 10 - 30, bob 100 - 100");
        vm.assertEq(asset2.balanceOf(address(escrow)), 300, "asset2 left");
        vm.assertEq(_countLogs(logs, REDEEMED_SIG), 3, "three redeemed");
        vm.assertEq(_countLogs(logs, SKIPPED_SIG), 5, "five skipped");
        vm.assertEq(_countLogs(logs, FORWARDED_SIG), 2, "one forward per model");
        vm.assertEq(_countLogs(logs, PAID_SIG), 2, "one router payment per model");
    }

    function test_redeem_paysEachModelOnceWhateverTheOrder() public {
        _fund(alice, address(token), 100);
        _fund(bob, address(token), 100);
        _fund(alice, address(token2), 100);
        _fund(bob, address(token2), 100);
        _addSigned(aliceKey, alice, address(token), 10);
        _addSigned(aliceKey, alice, address(token2), 20);
        _addSigned(bobKey, bob, address(token), 30);
        _addSigned(bobKey, bob, address(token2), 40);

        vm.expectEmit(true, false, false, true, address(escrow));
        emit IUsageEscrow.RevenueForwarded(address(token), 40);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IUsageEscrow.RevenueForwarded(address(token2), 60);
        vm.recordLogs();
        vm.assertEq(_redeemBatch(), 100, "total");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(_countLogs(logs, PAID_SIG), 2, "two router payments");
        vm.assertEq(token.totalDistributed(), 32, "token: 80% of 40");
        vm.assertEq(token2.totalDistributed(), 48, "token2: 80% of 60");
        vm.assertEq(asset2.allowance(address(escrow), address(router)), 0, "no allowance left");
    }

    function test_redeem_batchThatPaysNothingCallsNoRouter() public {
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        _add(v, _sign(aliceKey, v));
        _add(v, _sign(bobKey, v));
        vm.recordLogs();
        vm.assertEq(_redeemBatch(), 0, "nothing");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(_countLogs(logs, SKIPPED_SIG), 2, "both skipped");
        vm.assertEq(_countLogs(logs, FORWARDED_SIG) + _countLogs(logs, PAID_SIG), 0, "no payment");
    }

    function test_redeem_revertsOnEmptyBatch() public {
        vm.expectRevert(IUsageEscrow.EmptyBatch.selector);
        escrow.redeem(new IUsageEscrow.Voucher[](0), new bytes[](0));
    }

    function test_redeem_revertsOnLengthMismatch() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.LengthMismatch.selector, 2, 1));
        escrow.redeem(new IUsageEscrow.Voucher[](2), new bytes[](1));
    }

    function test_redeem_revertsOnDirtyCalldata() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](1);
        vs[0] = _voucher(alice, address(token), 50);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(aliceKey, vs[0]);
        bytes memory data = abi.encodeCall(UsageEscrow.redeem, (vs, sigs));
        // The user field is the first word of the first tuple: 4 + 2 offsets + length.
        data[4 + 32 * 3] = 0x01;
        (bool ok,) = address(escrow).call(data);
        vm.assertFalse(ok, "dirty address bits are rejected");
        vm.assertEq(_redeemed(alice, address(token)), 0, "nothing redeemed");
    }

    function test_redeem_isGuardedAgainstReentrancyThroughTheAsset() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken model = ModelToken(factory.create("Evil", "EV", address(this), address(router), address(evil)));
        router.registerToken(address(model));
        model.mint(holder, 1);
        evil.mint(alice, 100);
        vm.startPrank(alice);
        evil.approve(address(escrow), 100);
        escrow.deposit(address(model), 100);
        vm.stopPrank();
        IUsageEscrow.Voucher memory v = _voucher(alice, address(model), 100);
        bytes memory sig = _sign(aliceKey, v);
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](1);
        bytes[] memory sigs = new bytes[](1);
        vs[0] = v;
        sigs[0] = sig;
        // The router's transferFrom out of the escrow calls back into withdraw.
        evil.arm(address(escrow), abi.encodeCall(UsageEscrow.withdraw, (address(model))));
        vm.assertEq(escrow.redeem(vs, sigs), 100, "paid once");
        vm.assertFalse(evil.reentered(), "reentry refused");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the guard"
        );
        vm.assertEq(evil.balanceOf(address(escrow)), 0, "all forwarded");
    }
}
