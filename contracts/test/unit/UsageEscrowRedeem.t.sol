// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRevenueRouter} from "../../src/interfaces/IRevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/usage/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";
import {Vm} from "../utils/Vm.sol";

/// @notice A smart account that accepts ECDSA signatures of its owner key through ERC-1271,
///         until it is told to refuse them (contract signatures are revocable).
contract Erc1271Wallet is IERC1271 {
    address public immutable signer;
    bool public refuse;

    constructor(address signer_) {
        signer = signer_;
    }

    function setRefuse(bool refuse_) external {
        refuse = refuse_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        if (refuse || err != ECDSA.RecoverError.NoError || recovered != signer) return 0xffffffff;
        return IERC1271.isValidSignature.selector;
    }
}

/// @notice redeem: payments, every skip reason, replay and ordering, batching and the router.
contract UsageEscrowRedeemTest is UsageEscrowTestBase {
    bytes32 internal constant SKIPPED_SIG = keccak256("VoucherSkipped(address,address,uint256,uint8)");
    bytes32 internal constant REDEEMED_SIG = keccak256("VoucherRedeemed(address,address,uint256,uint256,uint256)");
    bytes32 internal constant FORWARDED_SIG = keccak256("RevenueForwarded(address,uint256)");
    bytes32 internal constant PAID_SIG = keccak256("RevenuePaid(address,address,uint256,uint256,uint256,uint256)");

    IUsageEscrow.Voucher[] internal _batch;
    bytes[] internal _sigs;

    // ------------------------------------------------------------ helpers

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

    function _countLogs(Vm.Log[] memory logs, bytes32 topic0) internal pure returns (uint256 count) {
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length != 0 && logs[i].topics[0] == topic0) ++count;
        }
    }

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

    // ------------------------------------------------------------ domain separation and keys

    function test_redeem_voucherForAnotherChainIdPaysNothing() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory sig = _signDigest(aliceKey, _digest(v, block.chainid + 1, address(escrow)));
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_voucherSignedBeforeAChainForkPaysNothingAfterIt() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory sig = _sign(aliceKey, v);
        vm.chainId(block.chainid + 7);
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_voucherForAnotherEscrowPaysNothing() public {
        UsageEscrow other = new UsageEscrow(address(this), address(router), DELAY);
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory sig = _signDigest(aliceKey, _digest(v, block.chainid, address(other)));
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_voucherForAnotherModelPaysNothing() public {
        _fund(alice, address(token), 100);
        _fund(alice, address(token2), 100);
        // Signed for token2, presented as a voucher for token.
        IUsageEscrow.Voucher memory signed = _voucher(alice, address(token2), 50);
        bytes memory sig = _sign(aliceKey, signed);
        _assertSkipped(_voucher(alice, address(token), 50), sig, IUsageEscrow.SkipReason.InvalidSignature);
        // Presented as signed, it draws on the token2 channel only.
        vm.assertEq(_redeemOne(signed, sig), 50, "token2 paid");
        vm.assertEq(_balance(alice, address(token)), 100, "token channel untouched");
        vm.assertEq(_balance(alice, address(token2)), 50, "token2 channel paid");
        vm.assertEq(token2.totalDistributed(), 40, "token2 holders credited");
        vm.assertEq(token.totalDistributed(), 0, "token holders not");
    }

    function test_redeem_voucherForAnUnfundedModelIsSkipped() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token2), 50);
        _assertSkipped(v, _sign(aliceKey, v), IUsageEscrow.SkipReason.NoBalance);
    }

    function test_redeem_voucherSignedByAnotherKeyPaysNothing() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        _assertSkipped(v, _sign(bobKey, v), IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_voucherForAnotherUserPaysNothing() public {
        _fund(alice, address(token), 100);
        // Bob signs a voucher naming alice's channel.
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory bobSig = _sign(bobKey, v);
        _assertSkipped(v, bobSig, IUsageEscrow.SkipReason.InvalidSignature);
        // Alice's signature presented for bob's channel.
        IUsageEscrow.Voucher memory forBob = _voucher(bob, address(token), 50);
        _fund(bob, address(token), 100);
        _assertSkipped(forBob, _sign(aliceKey, v), IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_tamperedAmountOrExpiryPaysNothing() public {
        _fund(alice, address(token), 100);
        uint64 expiry = uint64(block.timestamp) + 1 days;
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 10, expiry);
        bytes memory sig = _sign(aliceKey, v);
        _assertSkipped(
            IUsageEscrow.Voucher(alice, address(token), 90, expiry), sig, IUsageEscrow.SkipReason.InvalidSignature
        );
        _assertSkipped(
            IUsageEscrow.Voucher(alice, address(token), 10, NO_EXPIRY), sig, IUsageEscrow.SkipReason.InvalidSignature
        );
    }

    function test_redeem_malformedSignaturesPayNothing() public {
        _fund(alice, address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 50);
        bytes memory sig = _sign(aliceKey, v);
        (bytes32 r, bytes32 s) = abi.decode(sig, (bytes32, bytes32));
        uint8 recoveryId = uint8(sig[64]);

        _assertSkipped(v, "", IUsageEscrow.SkipReason.InvalidSignature);
        _assertSkipped(v, abi.encodePacked(r, s), IUsageEscrow.SkipReason.InvalidSignature); // 64 bytes: only (r, s, v) is accepted
        _assertSkipped(v, abi.encodePacked(sig, uint8(0)), IUsageEscrow.SkipReason.InvalidSignature); // 66 bytes
        _assertSkipped(v, abi.encodePacked(r, s, uint8(recoveryId - 27)), IUsageEscrow.SkipReason.InvalidSignature);
        _assertSkipped(v, new bytes(65), IUsageEscrow.SkipReason.InvalidSignature);
        // The malleable twin (n - s, other v) recovers the same key but is refused: low s only.
        bytes memory highS =
            abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), recoveryId == 27 ? uint8(28) : uint8(27));
        _assertSkipped(v, highS, IUsageEscrow.SkipReason.InvalidSignature);
        // The original still works.
        vm.assertEq(_redeemOne(v, sig), 50, "valid signature");
    }

    function test_redeem_zeroUserIsSkipped() public {
        IUsageEscrow.Voucher memory v = _voucher(address(0), address(token), 50);
        _assertSkipped(v, new bytes(65), IUsageEscrow.SkipReason.InvalidSignature);
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

    // ------------------------------------------------------------ ERC-1271 accounts

    function test_redeem_acceptsAnErc1271Account() public {
        Erc1271Wallet wallet = new Erc1271Wallet(bob);
        _fund(address(wallet), address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(address(wallet), address(token), 60);
        vm.assertEq(_redeemOne(v, _sign(bobKey, v)), 60, "the wallet's owner key signs for it");
    }

    function test_redeem_skipsAnErc1271AccountThatRefuses() public {
        Erc1271Wallet wallet = new Erc1271Wallet(bob);
        _fund(address(wallet), address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(address(wallet), address(token), 60);
        bytes memory sig = _sign(bobKey, v);
        wallet.setRefuse(true); // contract signatures are revocable: servers must price this in
        _assertSkipped(v, sig, IUsageEscrow.SkipReason.InvalidSignature);
        _assertSkipped(v, _sign(aliceKey, v), IUsageEscrow.SkipReason.InvalidSignature);
    }

    function test_redeem_skipsAContractWithoutErc1271() public {
        address user = address(router); // has code, no isValidSignature
        IUsageEscrow.Voucher memory v = _voucher(user, address(token), 60);
        _assertSkipped(v, _sign(aliceKey, v), IUsageEscrow.SkipReason.InvalidSignature);
    }
}
