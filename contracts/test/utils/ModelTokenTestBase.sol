// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {TestBase} from "./TestBase.sol";

/// @notice A ModelToken whose minter AND router are the test itself, so tests mint and credit
///         revenue directly, without a registry or a RevenueRouter.
abstract contract ModelTokenTestBase is TestBase {
    MockERC20 internal asset;
    ModelToken internal token;
    address internal alice;
    address internal bob;
    address internal carol;

    function setUp() public virtual {
        asset = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        token = new ModelToken("Model One", "M1", address(this), address(this), address(asset));
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
    }

    /// @dev What the RevenueRouter does: send the payment asset to the token, then credit it.
    function _distribute(uint256 amount) internal {
        asset.mint(address(token), amount);
        token.distribute(amount);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        vm.prank(from);
        vm.assertTrue(token.transfer(to, amount), "transfer");
    }

    function _claim(address account) internal returns (uint256 paid) {
        vm.prank(account);
        paid = token.claim();
    }

    /// @dev The accumulator rounds down: an exact share `expected` may come out up to `slack`
    ///      base units short (one per distribution it spans), never over.
    function _assertShare(uint256 actual, uint256 expected, uint256 slack, string memory what) internal pure {
        vm.assertLe(actual, expected, what);
        vm.assertGe(actual + slack, expected, what);
    }
}
