// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {MockERC20} from "./MockERC20.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {TestBase} from "./TestBase.sol";

/// @notice A StakeManager (min 100 / 50 tokens, 7-day delay, 25% prover share) over a mock stake
///         token. The test contract is the owner; `registry` is a plain address that pranks.
abstract contract StakeManagerTestBase is TestBase {
    uint256 internal constant MIN_TRAINER = 100e18;
    uint256 internal constant MIN_VERIFIER = 50e18;
    uint64 internal constant DELAY = 7 days;
    uint16 internal constant PROVER_BPS = 2_500;

    MockERC20 internal stakeToken;
    StakeManager internal sm;
    address internal registry;
    address internal treasury;
    address internal trainer;
    address internal verifier;
    address internal prover;

    function setUp() public virtual {
        registry = makeAddr("registry");
        treasury = makeAddr("treasury");
        trainer = makeAddr("trainer");
        verifier = makeAddr("verifier");
        prover = makeAddr("prover");
        stakeToken = new MockERC20("Proofmint Stake", "PMS", 18);
        sm = new StakeManager(
            address(this), address(stakeToken), treasury, MIN_TRAINER, MIN_VERIFIER, DELAY, PROVER_BPS
        );
        sm.setRegistry(registry);
    }

    /// @dev Mints `amount` stake tokens to `account`, approves and stakes them as `role`.
    function _stake(address account, uint8 role, uint256 amount) internal {
        stakeToken.mint(account, amount);
        vm.startPrank(account);
        stakeToken.approve(address(sm), amount);
        sm.stake(role, amount);
        vm.stopPrank();
    }

    function _stakeTrainer(uint256 amount) internal {
        _stake(trainer, ROLE_TRAINER, amount);
    }

    function _stakeVerifier(uint256 amount) internal {
        _stake(verifier, ROLE_VERIFIER, amount);
    }

    function _staked(address account) internal view returns (uint256 staked) {
        (,, staked,,,) = sm.stakeOf(account);
    }

    function _locked(address account) internal view returns (uint256 locked) {
        (,,, locked,,) = sm.stakeOf(account);
    }

    function _unbonding(address account) internal view returns (uint256 unbonding) {
        (,,,, unbonding,) = sm.stakeOf(account);
    }

    function _jailed(address account) internal view returns (bool jailed) {
        (, jailed,,,,) = sm.stakeOf(account);
    }
}
