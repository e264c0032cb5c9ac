// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../../src/interfaces/IStakeManager.sol";
import {StakeManagerTestBase} from "../utils/StakeManagerTestBase.sol";

/// @notice Who counts as active: isActive, requireActiveVerifiers and the minimum-stake view.
contract StakeManagerActivityTest is StakeManagerTestBase {
    // ------------------------------------------------------------ isActive / requireActiveVerifiers

    function test_isActive_checksRoleMinimumAndJail() public {
        _stakeTrainer(MIN_TRAINER);
        _stakeVerifier(MIN_VERIFIER - 1);
        vm.assertTrue(sm.isActive(trainer, ROLE_TRAINER), "trainer at minimum");
        vm.assertFalse(sm.isActive(trainer, ROLE_VERIFIER), "wrong role");
        vm.assertFalse(sm.isActive(verifier, ROLE_VERIFIER), "below minimum");
        vm.assertFalse(sm.isActive(trainer, 0), "invalid role");
        vm.assertFalse(sm.isActive(makeAddr("nobody"), 0), "role 0 never active");
        vm.assertFalse(sm.isActive(trainer, 3), "invalid role");
    }

    function test_isActive_followsMinStakeChanges() public {
        _stakeTrainer(MIN_TRAINER);
        sm.setMinStake(ROLE_TRAINER, MIN_TRAINER + 1);
        vm.assertFalse(sm.isActive(trainer, ROLE_TRAINER), "minimum raised");
    }

    function test_requireActiveVerifiers_passesForActiveVerifiers() public view {
        // Does not revert for an empty list.
        sm.requireActiveVerifiers(new address[](0));
    }

    function test_requireActiveVerifiers_passesForAllActive() public {
        address[] memory signers = _verifiers(3);
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsOnTheFirstInactive() public {
        address[] memory signers = _verifiers(4);
        vm.prank(signers[2]);
        sm.requestUnbond(1); // below minimum
        vm.prank(registry);
        sm.slash(signers[3], 0, prover); // jailed
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[2]));
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsForJailed() public {
        address[] memory signers = _verifiers(2);
        vm.prank(registry);
        sm.slash(signers[1], 0, prover);
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[1]));
        sm.requireActiveVerifiers(signers);
    }

    function test_requireActiveVerifiers_revertsForTrainersAndStrangers() public {
        _stakeTrainer(MIN_TRAINER);
        address[] memory signers = new address[](1);
        signers[0] = trainer;
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, trainer));
        sm.requireActiveVerifiers(signers);
        signers[0] = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IStakeManager.NotActiveVerifier.selector, signers[0]));
        sm.requireActiveVerifiers(signers);
    }

    // ------------------------------------------------------------ views

    function test_minStake_isZeroForAnInvalidRole() public view {
        vm.assertEq(sm.minStake(0), 0, "role 0");
        vm.assertEq(sm.minStake(7), 0, "role 7");
    }

    // ------------------------------------------------------------ helpers

    /// @dev `n` verifiers, each staked exactly the minimum.
    function _verifiers(uint256 n) private returns (address[] memory signers) {
        signers = new address[](n);
        for (uint256 i; i < n; ++i) {
            signers[i] = makeAddr(string.concat("verifier", vm.toString(i)));
            _stake(signers[i], ROLE_VERIFIER, MIN_VERIFIER);
        }
    }
}
