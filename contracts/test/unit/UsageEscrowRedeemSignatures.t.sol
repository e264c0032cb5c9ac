// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {Erc1271Wallet} from "../utils/Erc1271Wallet.sol";
import {UsageEscrowRedeemTestBase} from "../utils/UsageEscrowRedeemTestBase.sol";

/// @notice redeem: who signed what: domain separation (chain, fork, escrow, model, user), keys,
///         tampered fields, malformed and high-s signatures, and ERC-1271 accounts.
contract UsageEscrowRedeemSignaturesTest is UsageEscrowRedeemTestBase {
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
