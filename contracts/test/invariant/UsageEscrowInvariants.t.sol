// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../utils/MockERC20.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {ModelTokenFactory} from "../../src/token/ModelTokenFactory.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {UsageEscrowHandler} from "./handlers/UsageEscrowHandler.sol";

/// @notice Accounting of a UsageEscrow on the real RevenueRouter under random sequences of
///         deposits, vouchers, batched redemptions (with replays and forgeries), withdrawals,
///         delay changes and time.
contract UsageEscrowInvariants is InvariantBase {
    RevenueRouter internal router;
    UsageEscrow internal escrow;
    UsageEscrowHandler internal handler;
    address internal treasury;
    address internal verifierPool;

    function setUp() public {
        treasury = makeAddr("treasury");
        verifierPool = makeAddr("verifierPool");
        router = new RevenueRouter(address(this), treasury, verifierPool, 7_000, 2_000, 1_000);
        router.setRegistry(address(this));
        ModelTokenFactory factory = new ModelTokenFactory();
        ModelToken[2] memory models;
        MockERC20[2] memory assets;
        assets[0] = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        assets[1] = new MockERC20("Proofmint Mock EUR", "mEUR", 18);
        for (uint256 j; j < 2; ++j) {
            models[j] = ModelToken(factory.create("Model", "M", address(this), address(router), address(assets[j])));
            router.registerToken(address(models[j]));
            models[j].mint(makeAddr("holder"), 1e18);
        }
        escrow = new UsageEscrow(address(this), address(router), 1 hours);
        handler = new UsageEscrowHandler(escrow, models, assets);
        escrow.transferOwnership(address(handler));
        vm.prank(address(handler));
        escrow.acceptOwnership();

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = UsageEscrowHandler.deposit.selector;
        selectors[1] = UsageEscrowHandler.sign.selector;
        selectors[2] = UsageEscrowHandler.redeem.selector;
        selectors[3] = UsageEscrowHandler.requestWithdraw.selector;
        selectors[4] = UsageEscrowHandler.cancelWithdraw.selector;
        selectors[5] = UsageEscrowHandler.withdraw.selector;
        selectors[6] = UsageEscrowHandler.setWithdrawDelay.selector;
        selectors[7] = UsageEscrowHandler.warp.selector;
        _targetHandler(address(handler), selectors);
    }

    /// Accounting, per asset: the escrow holds exactly the sum over its channels of
    /// deposits - redeemed - withdrawn, which is the sum of their balances; everything redeemed
    /// reached the router's recipients (credited to holders, verifier pool, treasury); the
    /// escrow keeps no allowance; redeem's return values add up to the redeemed totals.
    function invariant_escrowHoldsExactlyWhatChannelsOwn() public view {
        uint256 paid;
        for (uint256 j; j < handler.MODELS(); ++j) {
            uint256 fromGhosts;
            uint256 balances;
            uint256 redeemedSum;
            for (uint256 i; i < handler.USERS(); ++i) {
                (uint256 balance, uint256 redeemed,,) = escrow.channel(handler.user(i), address(handler.model(j)));
                (uint256 deposited, uint256 withdrawn,) = handler.ghost(i, j);
                fromGhosts += deposited - redeemed - withdrawn;
                balances += balance;
                redeemedSum += redeemed;
            }
            MockERC20 a = handler.asset(j);
            uint256 held = a.balanceOf(address(escrow));
            vm.assertEq(held, fromGhosts, "held = sum(deposits - redeemed - withdrawn)");
            vm.assertEq(held, balances, "held = sum(balance)");
            vm.assertEq(
                handler.model(j).totalDistributed() + a.balanceOf(verifierPool) + a.balanceOf(treasury),
                redeemedSum,
                "credited + verifiers + treasury = redeemed"
            );
            vm.assertEq(a.allowance(address(escrow), address(router)), 0, "no allowance left");
            paid += redeemedSum;
        }
        vm.assertEq(paid, handler.ghostForwarded(), "sum of redeem return values");
    }

    /// Channels: redeemed + withdrawn never exceeds deposits (so redeemed never does), and
    /// redeemed never exceeds the highest cumulative the user signed. Checked by the handler
    /// around every call: redeemed never decreases, a withdrawal never pays before its unlock
    /// time or other than min(pending, balance), redeem returns the sum of the channels' changes.
    function invariant_redeemedIsMonotonicAndBounded() public view {
        for (uint256 i; i < handler.USERS(); ++i) {
            for (uint256 j; j < handler.MODELS(); ++j) {
                (, uint256 redeemed,,) = escrow.channel(handler.user(i), address(handler.model(j)));
                (uint256 deposited, uint256 withdrawn, uint256 maxSigned) = handler.ghost(i, j);
                vm.assertLe(redeemed + withdrawn, deposited, "redeemed + withdrawn <= deposits");
                vm.assertLe(redeemed, maxSigned, "redeemed <= highest signed cumulative");
            }
        }
        vm.assertEq(handler.violations(), 0, handler.lastViolation());
    }
}
