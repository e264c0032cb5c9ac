// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../utils/MockERC20.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {InvariantBase} from "../utils/InvariantBase.sol";
import {StakeManagerHandler} from "./handlers/StakeManagerHandler.sol";

/// @notice Solvency and slashing bounds of the StakeManager under random sequences of stakes,
///         unbonds, withdrawals, locks, unlocks, slashes and time jumps.
contract StakeManagerInvariants is InvariantBase {
    MockERC20 internal stakeToken;
    StakeManager internal sm;
    StakeManagerHandler internal handler;

    function setUp() public {
        stakeToken = new MockERC20("Proofmint Stake", "PMS", 18);
        sm = new StakeManager(address(this), address(stakeToken), makeAddr("treasury"), 100e18, 50e18, 7 days, 2_500);
        handler = new StakeManagerHandler(sm, stakeToken);
        sm.setRegistry(address(handler));

        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = StakeManagerHandler.stake.selector;
        selectors[1] = StakeManagerHandler.requestUnbond.selector;
        selectors[2] = StakeManagerHandler.withdraw.selector;
        selectors[3] = StakeManagerHandler.withdrawEarly.selector;
        selectors[4] = StakeManagerHandler.warp.selector;
        selectors[5] = StakeManagerHandler.lock.selector;
        selectors[6] = StakeManagerHandler.unlock.selector;
        selectors[7] = StakeManagerHandler.slash.selector;
        _targetHandler(address(handler), selectors);
    }

    /// The manager holds exactly what it owes (staked + unbonding of every account), and every
    /// token that came in is either still held, withdrawn or slashed.
    function invariant_managerHoldsWhatItOwes() public view {
        uint256 owed;
        for (uint256 i; i < handler.actorCount(); ++i) {
            (,, uint256 staked,, uint256 unbonding,) = sm.stakeOf(handler.actor(i));
            owed += staked + unbonding;
        }
        uint256 balance = stakeToken.balanceOf(address(sm));
        vm.assertGe(balance, owed, "balance >= staked + unbonding");
        vm.assertEq(balance, owed, "and nothing else is held");
        vm.assertEq(
            handler.ghostDeposited(), handler.ghostWithdrawn() + handler.ghostSlashed() + balance, "conservation"
        );
    }

    /// No slash takes more than the account held or than was asked, and each slash is paid out
    /// in full to the prover and the treasury. No withdrawal happens before its release time.
    function invariant_slashingNeverExceedsHoldings() public view {
        vm.assertEq(handler.ghostSlashBeyondHoldings(), 0, "slash within holdings");
        vm.assertEq(handler.ghostProverPaid() + handler.ghostTreasuryPaid(), handler.ghostSlashed(), "paid out");
        vm.assertEq(handler.ghostEarlyWithdrawals(), 0, "no early withdrawal");
    }

    /// Per account: locked never exceeds staked; a jailed account is never active; activity
    /// agrees with requireActiveVerifiers.
    function invariant_accountsAreConsistent() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actor(i);
            (uint8 role, bool jailed, uint256 staked, uint256 locked,,) = sm.stakeOf(a);
            vm.assertLe(locked, staked, "locked <= staked");
            vm.assertEq(sm.freeStake(a), staked - locked, "free = staked - locked");
            if (role != 0) vm.assertEq(uint256(role), uint256(handler.roleOf(i)), "role fixed by first stake");
            bool active = sm.isActive(a, handler.roleOf(i));
            if (jailed) vm.assertFalse(active, "jailed is never active");
            vm.assertEq(active, !jailed && role != 0 && staked >= sm.minStake(handler.roleOf(i)), "activity rule");
            if (handler.roleOf(i) == 2) {
                address[] memory one = new address[](1);
                one[0] = a;
                (bool ok,) = address(sm).staticcall(abi.encodeCall(sm.requireActiveVerifiers, (one)));
                vm.assertEq(ok, active, "requireActiveVerifiers agrees with isActive");
            }
        }
    }
}
