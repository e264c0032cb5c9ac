// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {MockERC20} from "../utils/MockERC20.sol";
import {TestBase} from "../utils/TestBase.sol";

contract MockERC20Test is TestBase {
    MockERC20 internal token;
    address internal alice;
    address internal bob;

    function setUp() public {
        token = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        alice = makeAddr("alice");
        bob = makeAddr("bob");
    }

    function test_metadata_isWhatTheConstructorWasGiven() public view {
        vm.assertEq(token.name(), "Proofmint Mock USD", "name");
        vm.assertEq(token.symbol(), "mUSD", "symbol");
        vm.assertEq(uint256(token.decimals()), 6, "decimals");
        vm.assertEq(token.totalSupply(), 0, "initial supply");
    }

    function test_mint_anyCallerCreatesTokensForAnyone() public {
        vm.prank(bob);
        token.mint(alice, 1_000e6);
        vm.assertEq(token.balanceOf(alice), 1_000e6, "alice balance");
        vm.assertEq(token.totalSupply(), 1_000e6, "supply");
    }

    function test_transfer_movesBalance() public {
        token.mint(alice, 100);
        vm.prank(alice);
        token.transfer(bob, 40);
        vm.assertEq(token.balanceOf(alice), 60, "alice");
        vm.assertEq(token.balanceOf(bob), 40, "bob");
    }

    function test_transfer_revertsBeyondBalance() public {
        token.mint(alice, 10);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 10, 11));
        token.transfer(bob, 11);
    }

    function test_permit_signedApprovalLetsSpenderTransfer() public {
        uint256 ownerKey = 0xA11CE;
        address owner = vm.addr(ownerKey);
        token.mint(owner, 500);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                bob,
                300,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);

        token.permit(owner, bob, 300, deadline, v, r, s);
        vm.prank(bob);
        token.transferFrom(owner, alice, 300);

        vm.assertEq(token.balanceOf(alice), 300, "alice received");
        vm.assertEq(token.allowance(owner, bob), 0, "allowance used up");
        vm.assertEq(token.nonces(owner), 1, "nonce advanced");
    }

    function test_permit_revertsAfterDeadline() public {
        uint256 ownerKey = 0xB0B;
        address owner = vm.addr(ownerKey);
        uint256 deadline = block.timestamp;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(ERC20Permit.ERC2612ExpiredSignature.selector, deadline));
        token.permit(owner, bob, 1, deadline, 27, bytes32(0), bytes32(0));
    }
}
