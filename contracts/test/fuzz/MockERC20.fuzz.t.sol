// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../utils/MockERC20.sol";
import {TestBase} from "../utils/TestBase.sol";

contract MockERC20FuzzTest is TestBase {
    MockERC20 internal token;

    function setUp() public {
        token = new MockERC20("Stake", "pSTAKE", 18);
    }

    /// Transfers move value between holders and never create or destroy any.
    function testFuzz_transfer_conservesSupply(address from, address to, uint256 minted, uint256 sent) public {
        vm.assume(from != address(0) && to != address(0));
        minted = bound(minted, 0, type(uint128).max);
        sent = bound(sent, 0, minted);
        token.mint(from, minted);

        vm.prank(from);
        token.transfer(to, sent);

        vm.assertEq(token.totalSupply(), minted, "supply unchanged");
        if (from == to) {
            vm.assertEq(token.balanceOf(from), minted, "self transfer");
        } else {
            vm.assertEq(token.balanceOf(from), minted - sent, "sender");
            vm.assertEq(token.balanceOf(to), sent, "receiver");
        }
    }

    /// Minting to several accounts adds up to the supply exactly.
    function testFuzz_mint_supplyIsSumOfMints(uint96 a, uint96 b, uint96 c) public {
        token.mint(address(0xA), a);
        token.mint(address(0xB), b);
        token.mint(address(0xA), c);
        vm.assertEq(token.totalSupply(), uint256(a) + b + c, "supply");
        vm.assertEq(token.balanceOf(address(0xA)), uint256(a) + c, "A");
    }
}
