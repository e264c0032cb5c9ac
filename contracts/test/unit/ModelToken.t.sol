// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {ModelTokenTestBase} from "../utils/ModelTokenTestBase.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";

contract ModelTokenTest is ModelTokenTestBase {
    // ------------------------------------------------------------ construction

    function test_constructor_setsImmutablesAndMetadata() public view {
        vm.assertEq(token.name(), "Model One", "name");
        vm.assertEq(token.symbol(), "M1", "symbol");
        vm.assertEq(uint256(token.decimals()), 18, "decimals");
        vm.assertEq(token.minter(), address(this), "minter");
        vm.assertEq(token.router(), address(this), "router");
        vm.assertEq(token.paymentAsset(), address(asset), "payment asset");
        vm.assertEq(token.totalDistributed(), 0, "nothing distributed");
        vm.assertEq(token.magnifiedRevenuePerShare(), 1, "accumulator starts at its offset");
    }

    function test_constructor_revertsOnZeroMinter() public {
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        new ModelToken("M", "M", address(0), address(this), address(asset));
    }

    function test_constructor_revertsOnZeroRouter() public {
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        new ModelToken("M", "M", address(this), address(0), address(asset));
    }

    function test_constructor_revertsOnZeroPaymentAsset() public {
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        new ModelToken("M", "M", address(this), address(this), address(0));
    }

    // ------------------------------------------------------------ mint

    function test_mint_minterCreatesTokens() public {
        token.mint(alice, 5e18);
        vm.assertEq(token.balanceOf(alice), 5e18, "balance");
        vm.assertEq(token.totalSupply(), 5e18, "supply");
        vm.assertEq(token.claimable(alice), 0, "a fresh holder has nothing to claim");
    }

    function test_mint_revertsForOtherCallers() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IModelToken.NotMinter.selector, alice));
        token.mint(alice, 1);
    }

    function test_mint_revertsToZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.mint(address(0), 1);
    }

    function test_mint_upToTheSupplyCap() public {
        token.mint(alice, token.MAX_SUPPLY());
        vm.assertEq(token.totalSupply(), type(uint96).max, "supply at cap");
    }

    function test_mint_revertsAboveTheSupplyCap() public {
        token.mint(alice, token.MAX_SUPPLY());
        vm.expectRevert(
            abi.encodeWithSelector(IModelToken.SupplyCapExceeded.selector, uint256(type(uint96).max) + 1, token.MAX_SUPPLY())
        );
        token.mint(bob, 1);
    }

    function test_mint_afterRevenueEarnsNoneOfIt() public {
        token.mint(alice, 1e18);
        _distribute(1_000e6);
        token.mint(bob, 1e18);
        _assertShare(token.claimable(alice), 1_000e6, 1, "alice keeps all of it");
        vm.assertEq(token.claimable(bob), 0, "bob was minted later");
    }

    // ------------------------------------------------------------ distribute

    function test_distribute_creditsHoldersProRata() public {
        token.mint(alice, 3e18);
        token.mint(bob, 1e18);
        _distribute(400e6);
        _assertShare(token.claimable(alice), 300e6, 1, "alice 3/4");
        _assertShare(token.claimable(bob), 100e6, 1, "bob 1/4");
        vm.assertEq(token.totalDistributed(), 400e6, "total");
    }

    function test_distribute_emitsRevenueDistributed() public {
        token.mint(alice, 2e18);
        asset.mint(address(token), 10e6);
        uint256 expected = 1 + uint256(10e6) * token.MAGNITUDE() / 2e18;
        vm.expectEmit(false, false, false, true, address(token));
        emit IModelToken.RevenueDistributed(10e6, expected);
        token.distribute(10e6);
        vm.assertEq(token.magnifiedRevenuePerShare(), expected, "accumulator");
    }

    function test_distribute_revertsForOtherCallers() public {
        token.mint(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IModelToken.NotRouter.selector, alice));
        token.distribute(1);
    }

    function test_distribute_revertsWithoutSupply() public {
        vm.expectRevert(IModelToken.NoSupply.selector);
        token.distribute(1);
    }

    function test_distribute_zeroIsANoOp() public {
        token.distribute(0); // even without supply
        vm.assertEq(token.totalDistributed(), 0, "nothing credited");
        vm.assertEq(token.magnifiedRevenuePerShare(), 1, "accumulator unchanged");
    }

    function test_distribute_revertsPastTheTotalCap() public {
        token.mint(alice, token.MAX_SUPPLY());
        token.distribute(token.MAX_TOTAL_DISTRIBUTED());
        vm.expectRevert(IModelToken.RevenueOverflow.selector);
        token.distribute(1);
    }

    function test_distribute_revertsPastTheAccumulatorCap() public {
        token.mint(alice, 1);
        // 2**62 per base unit of supply would take the accumulator to 1 + 2**158.
        vm.expectRevert(IModelToken.RevenueOverflow.selector);
        token.distribute(2 ** 62);
        token.distribute(2 ** 62 - 1);
        vm.assertEq(token.magnifiedRevenuePerShare(), 1 + (2 ** 62 - 1) * 2 ** 96, "just below the cap");
    }

    function test_distribute_accumulatorCapStillLetsEveryoneTransferAndClaim() public {
        token.mint(alice, 1);
        _distribute(2 ** 62 - 1);
        token.mint(bob, token.MAX_SUPPLY() - 1);
        _transfer(bob, alice, token.MAX_SUPPLY() - 1);
        vm.assertEq(_claim(alice), 2 ** 62 - 1, "alice claims everything, no overflow");
        vm.assertEq(token.claimable(bob), 0, "bob nothing");
    }

    // ------------------------------------------------------------ claim

    function test_claim_paysTheHolderAndEmits() public {
        token.mint(alice, 2 ** 60); // a power of two: the shares come out exact
        _distribute(70e6);
        vm.expectEmit(true, false, false, true, address(token));
        emit IModelToken.RevenueClaimed(alice, 70e6);
        uint256 paid = _claim(alice);
        vm.assertEq(paid, 70e6, "paid");
        vm.assertEq(asset.balanceOf(alice), 70e6, "alice received");
        vm.assertEq(asset.balanceOf(address(token)), 0, "token emptied");
        vm.assertEq(token.claimable(alice), 0, "nothing left");
    }

    function test_claim_ofNothingReturnsZeroAndTransfersNothing() public {
        vm.assertEq(_claim(alice), 0, "non-holder");
        token.mint(alice, 1e18);
        vm.assertEq(_claim(alice), 0, "holder before revenue");
        _distribute(5e6);
        _claim(alice);
        vm.assertEq(_claim(alice), 0, "second claim");
        _assertShare(asset.balanceOf(alice), 5e6, 1, "paid once");
    }

    function test_claim_accumulatesOverSeveralDistributions() public {
        token.mint(alice, 1e18);
        token.mint(bob, 1e18);
        _distribute(10e6);
        _assertShare(_claim(alice), 5e6, 1, "first");
        _distribute(20e6);
        _assertShare(_claim(alice), 10e6, 1, "second");
        _assertShare(_claim(bob), 15e6, 2, "bob both at once");
    }

    function test_claim_dustIsKeptNotReverted() public {
        token.mint(alice, 1);
        token.mint(bob, 1);
        token.mint(carol, 1);
        _distribute(100); // 33.33... each
        vm.assertEq(_claim(alice), 33, "floor");
        vm.assertEq(_claim(bob), 33, "floor");
        vm.assertEq(_claim(carol), 33, "floor");
        vm.assertEq(asset.balanceOf(address(token)), 1, "dust stays in the token");
        _distribute(3);
        // 1/3 - e left over plus 1 - e new: floors to 1.
        vm.assertEq(_claim(alice), 1, "leftover dust never makes a claim revert");
        vm.assertEq(asset.balanceOf(address(token)), 3, "the rest stays");
    }

    function test_claim_isGuardedAgainstReentrancy() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken t = new ModelToken("M", "M", address(this), address(this), address(evil));
        t.mint(alice, 2 ** 60);
        evil.mint(address(t), 10);
        t.distribute(10);
        evil.arm(address(t), abi.encodeCall(IModelToken.claim, ()));
        vm.prank(alice);
        vm.assertEq(t.claim(), 10, "outer claim pays");
        vm.assertFalse(evil.reentered(), "inner claim failed");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "with the guard's error"
        );
        vm.assertEq(evil.balanceOf(alice), 10, "paid once");
    }

    // ------------------------------------------------------------ transfers

    function test_transfer_keepsPastRevenueWithTheSeller() public {
        token.mint(alice, 2e18);
        _distribute(50e6);
        _transfer(alice, bob, 1e18);
        _assertShare(token.claimable(alice), 50e6, 1, "seller keeps what accrued");
        vm.assertEq(token.claimable(bob), 0, "buyer gets none of it");
        _distribute(10e6);
        _assertShare(token.claimable(alice), 55e6, 2, "then half of the next");
        _assertShare(token.claimable(bob), 5e6, 1, "and bob the other half");
    }

    function test_transfer_flashBuyPayClaimSellEarnsNothingOfEarlierRevenue() public {
        token.mint(alice, 1e18);
        _distribute(1_000e6); // paid before the flash buyer shows up
        // One block: bob buys most of the supply, a payment arrives, bob claims and sells back.
        token.mint(carol, 99e18);
        _transfer(carol, bob, 99e18);
        _distribute(100e6);
        uint256 paid = _claim(bob);
        _transfer(bob, carol, 99e18);
        _assertShare(paid, 99e6, 1, "bob earns only his share of the payment made while he held");
        vm.assertEq(token.claimable(bob), 0, "and nothing more after selling");
        _assertShare(token.claimable(alice), 1_001e6, 2, "alice keeps the earlier revenue");
        vm.assertEq(token.claimable(carol), 0, "carol held nothing while revenue arrived");
    }

    function test_transferFrom_movesCorrectionsLikeTransfer() public {
        token.mint(alice, 4e18);
        _distribute(8e6);
        vm.prank(alice);
        token.approve(bob, 1e18);
        vm.prank(bob);
        vm.assertTrue(token.transferFrom(alice, carol, 1e18), "transferFrom");
        _distribute(4e6);
        _assertShare(token.claimable(alice), 11e6, 2, "8 + 3/4 of 4");
        _assertShare(token.claimable(carol), 1e6, 1, "1/4 of 4");
    }

    function test_transfer_toSelfChangesNothing() public {
        token.mint(alice, 1e18);
        _distribute(3e6);
        int256 before = token.revenueCorrection(alice);
        uint256 claimableBefore = token.claimable(alice);
        _transfer(alice, alice, 1e18);
        vm.assertEq(token.revenueCorrection(alice), before, "correction unchanged");
        vm.assertEq(token.claimable(alice), claimableBefore, "claimable unchanged");
    }

    function test_transfer_ofZeroChangesNoCorrection() public {
        token.mint(alice, 1e18);
        _distribute(3e6);
        int256 before = token.revenueCorrection(alice);
        _transfer(alice, bob, 0);
        vm.assertEq(token.revenueCorrection(bob), 0, "no correction written for bob");
        vm.assertEq(token.revenueCorrection(alice), before, "nor for alice");
    }

    function test_transfer_afterClaimKeepsEverythingConsistent() public {
        token.mint(alice, 1e18);
        _distribute(6e6);
        _claim(alice);
        _transfer(alice, bob, 5e17);
        vm.assertEq(token.claimable(alice), 0, "alice already claimed");
        vm.assertEq(token.claimable(bob), 0, "bob bought after the revenue");
        _distribute(2e6);
        _assertShare(_claim(alice), 1e6, 1, "alice half of the new");
        _assertShare(_claim(bob), 1e6, 1, "bob half of the new");
    }

    function test_transfer_revertsBeyondBalance() public {
        token.mint(alice, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 1, 2));
        // The expected revert is caught by forge, so the call "returns" its zero value.
        vm.assertFalse(token.transfer(bob, 2), "reverted");
    }

    // ------------------------------------------------------------ permit

    function test_permit_signedApprovalLetsSpenderMove() public {
        uint256 ownerKey = 0xA11CE;
        address owner = vm.addr(ownerKey);
        token.mint(owner, 5e18);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                bob,
                2e18,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);
        token.permit(owner, bob, 2e18, deadline, v, r, s);
        vm.prank(bob);
        vm.assertTrue(token.transferFrom(owner, carol, 2e18), "transferFrom");
        vm.assertEq(token.balanceOf(carol), 2e18, "moved");
        vm.assertEq(token.nonces(owner), 1, "nonce used");
    }
}
