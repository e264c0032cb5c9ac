// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Views: channels, the EIP-712 voucher digest (with the known vector) and the domain.
contract UsageEscrowViewsTest is UsageEscrowTestBase {
    // ------------------------------------------------------------ views

    function test_channel_isZeroForAnUnknownChannel() public view {
        (uint256 balance, uint256 redeemed, uint256 pending, uint64 unlockAt) = escrow.channel(bob, address(0xdead));
        vm.assertEq(balance + redeemed + pending + unlockAt, 0, "all zero");
    }

    function test_voucherDigest_matchesTheEip712Definition() public view {
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 123_456, 1_700_000_000);
        vm.assertEq(escrow.voucherDigest(v), _digest(v, block.chainid, address(escrow)), "digest");
    }

    /// The vector in docs/usage-payments.md, for other implementations of the digest: anvil's
    /// first key and first deployment address, chain id 31337.
    function test_voucherDigest_knownVector() public {
        uint256 key = 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;
        address at = 0x5FbDB2315678afecb367f032d93F642f64180aa3;
        vm.chainId(31337);
        vm.etch(at, address(escrow).code);
        UsageEscrow deployed = UsageEscrow(at);
        IUsageEscrow.Voucher memory v =
            IUsageEscrow.Voucher(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, address(0xA1), 1_500_000, 1_767_225_600);
        vm.assertEq(vm.addr(key), v.user, "user is the key's address");
        vm.assertEq(VOUCHER_TYPEHASH, 0x9fcfc36e8a0354a89115cbe482ae531179ada36592a44f567b25a0f2740ba6a0, "typehash");
        vm.assertEq(
            deployed.domainSeparator(), 0xd5d3fee6e145ce14080bd1c52710a78d03770697aa58dd5e9b83b15ce49b45d6, "domain"
        );
        bytes32 digest = 0xe5902ff36f3fbe0afac543702b4647f89a99ef750b7ddbc1ae4b6fe8baa48d28;
        vm.assertEq(deployed.voucherDigest(v), digest, "digest");
        vm.assertEq(_digest(v, 31337, at), digest, "digest from the definition");
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.assertEq(r, 0x7a7c6696c9edffb51db6cba32b7f310ec5f05917bddaa244e48f4fb25765bedd, "r (RFC 6979)");
        vm.assertEq(s, 0x38cc20aa4cb11f21ff410300cc7d0ff45aaa470cc24404ba403bc4af129ea46d, "s");
        vm.assertEq(uint256(sv), 28, "v");
    }

    function test_voucherDigest_dependsOnEveryField() public view {
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 5, 9);
        bytes32 d = escrow.voucherDigest(v);
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(bob, address(token), 5, 9)), "user");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token2), 5, 9)), "model");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token), 6, 9)), "amount");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token), 5, 10)), "expiry");
    }

    function test_domainSeparator_matchesTheEip712DefinitionAndFollowsTheChainId() public {
        bytes32 expected = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Proofmint UsageEscrow"), keccak256("1"), block.chainid, address(escrow)
            )
        );
        vm.assertEq(escrow.domainSeparator(), expected, "separator");
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            escrow.eip712Domain();
        vm.assertEq(name, "Proofmint UsageEscrow", "name");
        vm.assertEq(version, "1", "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(escrow), "verifying contract");

        vm.chainId(block.chainid + 1);
        vm.assertTrue(escrow.domainSeparator() != expected, "a fork gets another domain");
        vm.assertEq(
            escrow.domainSeparator(),
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH, keccak256("Proofmint UsageEscrow"), keccak256("1"), block.chainid, address(escrow)
                )
            ),
            "recomputed for the new chain id"
        );
    }
}
