// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_TRAINER, ROLE_VERIFIER} from "../../../src/interfaces/IStakeManager.sol";
import {MockERC20} from "../../utils/MockERC20.sol";
import {StakeManager} from "../../../src/staking/StakeManager.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives a StakeManager with three trainers and three verifiers, and plays the registry
///         (lock, unlock, slash). Ghost variables track every token that went in and out, and
///         record any slash that took more than the account held.
contract StakeManagerHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant ACTORS = 6; // 0..2 trainers, 3..5 verifiers

    StakeManager public immutable sm;
    MockERC20 public immutable stakeToken;
    address public immutable treasury;
    address public immutable prover = address(0xB0B);

    address[ACTORS] internal _actors;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 public ghostSlashed;
    uint256 public ghostProverPaid;
    uint256 public ghostTreasuryPaid;
    uint256 public ghostSlashBeyondHoldings; // count of slashes that took more than was held
    uint256 public ghostEarlyWithdrawals; // count of withdrawals before the release time

    constructor(StakeManager sm_, MockERC20 stakeToken_) {
        sm = sm_;
        stakeToken = stakeToken_;
        treasury = sm_.treasury();
        for (uint256 i; i < ACTORS; ++i) {
            _actors[i] = vm.addr(0x5A0000 + i);
        }
    }

    function actor(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    function roleOf(uint256 i) public pure returns (uint8) {
        return i < 3 ? ROLE_TRAINER : ROLE_VERIFIER;
    }

    // ------------------------------------------------------------ stakers

    function stake(uint256 actorSeed, uint256 amount) external {
        uint256 i = actorSeed % ACTORS;
        address a = _actors[i];
        (, bool jailed,,,,) = sm.stakeOf(a);
        if (jailed) return;
        amount = _bound(amount, 1, 1_000e18);
        stakeToken.mint(a, amount);
        vm.startPrank(a);
        stakeToken.approve(address(sm), amount);
        sm.stake(roleOf(i), amount);
        vm.stopPrank();
        ghostDeposited += amount;
    }

    function requestUnbond(uint256 actorSeed, uint256 amount) external {
        address a = _actors[actorSeed % ACTORS];
        uint256 free = sm.freeStake(a);
        if (free == 0) return;
        amount = _bound(amount, 1, free);
        vm.prank(a);
        sm.requestUnbond(amount);
    }

    function withdraw(uint256 actorSeed) external {
        address a = _actors[actorSeed % ACTORS];
        (,,,, uint256 unbonding, uint64 releaseAt) = sm.stakeOf(a);
        // forge-lint: disable-next-line(block-timestamp)
        if (unbonding == 0 || block.timestamp < releaseAt) return;
        vm.prank(a);
        uint256 paid = sm.withdraw();
        if (paid != unbonding) ++ghostEarlyWithdrawals;
        ghostWithdrawn += paid;
    }

    /// @dev Tries to withdraw whether or not the unbonding matured; a success before the
    ///      release time is recorded as a violation.
    function withdrawEarly(uint256 actorSeed) external {
        address a = _actors[actorSeed % ACTORS];
        (,,,, uint256 unbonding, uint64 releaseAt) = sm.stakeOf(a);
        // forge-lint: disable-next-line(block-timestamp)
        if (unbonding == 0 || block.timestamp >= releaseAt) return;
        vm.prank(a);
        try sm.withdraw() returns (uint256 paid) {
            ++ghostEarlyWithdrawals;
            ghostWithdrawn += paid;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 0, 10 days));
    }

    // ------------------------------------------------------------ registry (this handler)

    function lock(uint256 actorSeed, uint256 amount) external {
        address a = _actors[actorSeed % ACTORS];
        amount = _bound(amount, 0, sm.freeStake(a));
        sm.lock(a, amount);
    }

    function unlock(uint256 actorSeed, uint256 amount) external {
        address a = _actors[actorSeed % ACTORS];
        sm.unlock(a, _bound(amount, 0, 2_000e18));
    }

    function slash(uint256 actorSeed, uint256 amount, bool withProver) external {
        address a = _actors[actorSeed % ACTORS];
        (,, uint256 staked,, uint256 unbonding,) = sm.stakeOf(a);
        uint256 held = staked + unbonding;
        amount = _bound(amount, 0, 2_000e18);
        uint256 proverBefore = stakeToken.balanceOf(prover);
        uint256 treasuryBefore = stakeToken.balanceOf(treasury);
        uint256 slashed = sm.slash(a, amount, withProver ? prover : address(0));
        (,, uint256 stakedAfter,, uint256 unbondingAfter,) = sm.stakeOf(a);
        if (slashed > held || slashed > amount || held - slashed != stakedAfter + unbondingAfter) {
            ++ghostSlashBeyondHoldings;
        }
        ghostSlashed += slashed;
        ghostProverPaid += stakeToken.balanceOf(prover) - proverBefore;
        ghostTreasuryPaid += stakeToken.balanceOf(treasury) - treasuryBefore;
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + x % (max - min + 1);
    }
}
