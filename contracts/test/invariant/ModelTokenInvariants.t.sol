// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../utils/MockERC20.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {ModelTokenHandler} from "./handlers/ModelTokenHandler.sol";

/// @notice Revenue accounting of a ModelToken paid through a RevenueRouter, under random
///         sequences of mints, transfers, payments and claims.
contract ModelTokenInvariants is InvariantBase {
    MockERC20 internal asset;
    RevenueRouter internal router;
    ModelToken internal token;
    ModelTokenHandler internal handler;
    address internal treasury;
    address internal verifierPool;

    function setUp() public {
        treasury = makeAddr("treasury");
        verifierPool = makeAddr("verifierPool");
        asset = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        router = new RevenueRouter(address(this), treasury, verifierPool, 7_000, 2_000, 1_000);
        router.setRegistry(address(this));
        handler = new ModelTokenHandler(router, asset); // deploys the token, as its minter
        token = handler.token();
        router.registerToken(address(token));

        bytes4[] memory selectors = new bytes4[](5);
        selectors[0] = ModelTokenHandler.mint.selector;
        selectors[1] = ModelTokenHandler.transfer.selector;
        selectors[2] = ModelTokenHandler.transferFrom.selector;
        selectors[3] = ModelTokenHandler.pay.selector;
        selectors[4] = ModelTokenHandler.claim.selector;
        _targetHandler(address(handler), selectors);
    }

    /// The actors hold the whole supply.
    function invariant_balancesSumToTotalSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += token.balanceOf(handler.actor(i));
        }
        vm.assertEq(sum, token.totalSupply(), "sum of balances");
    }

    /// Claimed plus claimable never exceeds what was credited, and falls short of it by less
    /// than one base unit per distribution plus one per holder. The token's asset balance
    /// covers everything still claimable.
    function invariant_claimsNeverExceedCreditedRevenue() public view {
        uint256 claimable;
        for (uint256 i; i < handler.actorCount(); ++i) {
            claimable += token.claimable(handler.actor(i));
        }
        uint256 credited = token.totalDistributed();
        uint256 claimed = handler.ghostClaimed();
        vm.assertLe(claimed + claimable, credited, "claimed + claimable <= credited");
        vm.assertLt(
            credited - claimed - claimable,
            handler.ghostDistributions() + handler.actorCount() + 1,
            "rounding loss bounded"
        );
        uint256 held = asset.balanceOf(address(token));
        vm.assertEq(held, credited - claimed, "the token holds exactly what was credited and not claimed");
        vm.assertGe(held, claimable, "and that covers every claim");
    }

    /// Every payment is fully split: token (credited), verifier pool and treasury; the router
    /// keeps nothing.
    function invariant_routerPassesEverythingOn() public view {
        vm.assertEq(asset.balanceOf(address(router)), 0, "router holds nothing");
        vm.assertEq(
            token.totalDistributed() + asset.balanceOf(verifierPool) + asset.balanceOf(treasury),
            handler.ghostPaid(),
            "paid = credited + verifiers + treasury"
        );
    }
}
