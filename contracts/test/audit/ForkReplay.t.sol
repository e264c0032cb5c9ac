// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IStakeManager} from "../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Audit: signature replay across a chain fork. A fork keeps every contract address and
///         every storage slot but takes a new chain id (EIP-155); whatever was signed before the
///         fork must be refused after it: verifier attestations, dispute-committee resolutions,
///         FRAUD leaf proofs (the leaf binds the chain id) and ERC-2612 permits. The positive
///         control re-signs on the new chain and is accepted, so the refusals are not an accident
///         of a broken fixture.
contract ForkReplayRegistryAuditTest is RegistryFixture {
    uint256 internal modelId;
    uint256 internal taskId;
    uint256 internal forkedChainId;

    function setUp() public override {
        super.setUp();
        (modelId, taskId) = _readyTask(_rules(), 32); // S = 8, m = 3, q = 3, dispute quorum 5
        forkedChainId = block.chainid + 1000;
    }

    /// @dev The revert selector of a low-level call that must fail.
    function _revertSelector(bytes memory callData) internal returns (bytes4 selector) {
        (bool ok, bytes memory ret) = address(registry).call(callData);
        vm.assertFalse(ok, "call must revert");
        vm.assertGe(ret.length, 4, "with an error");
        assembly ("memory-safe") {
            selector := mload(add(ret, 0x20))
        }
    }

    /// Old signatures recover other (unstaked, unordered) addresses under the new domain, so the
    /// batch fails at the signer checks; the digest and the domain separator both moved.
    function test_fork_attestationSignedBeforeTheForkIsRefusedAfterIt() public {
        bytes memory oldSigs = _signBatch(taskId, VALID, 0, 0, 3);
        bytes32 oldDigest = _digest(taskId, VALID, 0);
        bytes32 oldDomain = registry.domainSeparator();

        vm.chainId(forkedChainId);
        vm.assertNotEq(registry.domainSeparator(), oldDomain, "domain follows the chain id");
        vm.assertNotEq(_digest(taskId, VALID, 0), oldDigest, "digest follows the chain id");

        bytes4 err = _revertSelector(
            abi.encodeCall(
                registry.submitAttestations, (taskId, VALID, 0, oldSigs, _noLeaf(), new bytes32[](0))
            )
        );
        vm.assertTrue(
            err == ITrainingRegistry.SignersNotAscending.selector || err == IStakeManager.NotActiveVerifier.selector,
            "refused at the signer checks"
        );
        vm.assertEq(
            uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Committed), "unchanged"
        );

        // Control: the same verifiers re-sign on the forked chain and the batch lands.
        _attestValid(taskId, 0, 3);
        vm.assertEq(
            uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Attested), "fresh batch"
        );
    }

    /// A FRAUD batch carries the failing leaf's fields and proof; the leaf binds the chain id, so a
    /// proof built before the fork does not verify after it even with freshly signed signatures.
    function test_fork_fraudLeafProofBuiltBeforeTheForkIsRefusedAfterIt() public {
        uint256 segment = _firstSampled(taskId);
        ITrainingRegistry.SegmentLeaf memory leaf = fieldsOf[taskId][segment];
        bytes32[] memory proof = _proof(taskId, segment);

        vm.chainId(forkedChainId);
        bytes memory sigs = _signBatch(taskId, FRAUD, segment, 0, 3); // signed on the new chain
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.InvalidSegmentProof.selector, segment));
        registry.submitAttestations(taskId, FRAUD, segment, sigs, leaf, proof);
    }

    /// The dispute committee signs the same Attestation type: its pre-fork signatures are refused.
    function test_fork_committeeResolutionSignedBeforeTheForkIsRefusedAfterIt() public {
        _attestValid(taskId, 0, 3);
        _dispute(taskId, outsider);
        uint256 segment = _firstSampled(taskId);
        bytes memory oldSigs = _signBatch(taskId, FRAUD, segment, 10, 5);
        bytes memory oldValid = _signBatch(taskId, VALID, 0, 10, 5);
        ITrainingRegistry.SegmentLeaf memory leaf = fieldsOf[taskId][segment];
        bytes32[] memory proof = _proof(taskId, segment);

        vm.chainId(forkedChainId);
        bytes4 err = _revertSelector(
            abi.encodeCall(registry.resolveDispute, (taskId, FRAUD, segment, oldSigs, leaf, proof, _slice(0, 3)))
        );
        // The leaf is checked before the signatures: it already fails on the new chain id.
        vm.assertEq(err, ITrainingRegistry.InvalidSegmentProof.selector, "refused");

        // A VALID (no leaf) committee batch signed before the fork fails at the signer checks.
        err = _revertSelector(
            abi.encodeCall(
                registry.resolveDispute, (taskId, VALID, 0, oldValid, _noLeaf(), new bytes32[](0), _slice(0, 3))
            )
        );
        vm.assertTrue(
            err == ITrainingRegistry.SignersNotAscending.selector || err == IStakeManager.NotActiveVerifier.selector,
            "refused at the signer checks"
        );
        vm.assertEq(
            uint256(registry.getTask(taskId).status), uint256(ITrainingRegistry.TaskStatus.Disputed), "unchanged"
        );
    }

    /// ERC-2612 permits of a model token are bound to the chain id too.
    function test_fork_modelTokenPermitSignedBeforeTheForkIsRefusedAfterIt() public {
        ERC20Permit token = ERC20Permit(registry.getModel(modelId).token);
        uint256 ownerKey = 0xB0B;
        address holder = vm.addr(ownerKey);
        vm.prank(modelOwner);
        vm.assertTrue(token.transfer(holder, 1e18), "funded");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                outsider,
                1e18,
                token.nonces(holder),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);

        vm.chainId(forkedChainId);
        vm.expectRevert(); // ERC2612InvalidSigner(recovered, owner): the recovered address is arbitrary
        token.permit(holder, outsider, 1e18, deadline, v, r, s);
        vm.assertEq(token.allowance(holder, outsider), 0, "no allowance on the fork");
        vm.assertEq(token.nonces(holder), 0, "nonce unused");
    }
}

/// @notice Audit: usage vouchers signed before a fork pay nothing after it, in any batch, and
///         leave the channel untouched; re-signed on the new chain they pay.
contract ForkReplayEscrowAuditTest is UsageEscrowTestBase {
    function test_fork_vouchersSignedBeforeTheForkPayNothingAfterIt() public {
        _fund(alice, address(token), 1_000);
        _fund(bob, address(token2), 1_000);
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](3);
        bytes[] memory sigs = new bytes[](3);
        vs[0] = _voucher(alice, address(token), 300);
        vs[1] = _voucher(bob, address(token2), 400);
        vs[2] = _voucher(alice, address(token), 500);
        sigs[0] = _sign(aliceKey, vs[0]);
        sigs[1] = _sign(bobKey, vs[1]);
        sigs[2] = _sign(aliceKey, vs[2]);

        vm.chainId(block.chainid + 1000);
        vm.prank(keeper);
        vm.assertEq(escrow.redeem(vs, sigs), 0, "nothing paid");
        vm.assertEq(_balance(alice, address(token)), 1_000, "alice untouched");
        vm.assertEq(_balance(bob, address(token2)), 1_000, "bob untouched");
        vm.assertEq(_redeemed(alice, address(token)), 0, "no debt recorded");
        vm.assertEq(token.totalDistributed() + token2.totalDistributed(), 0, "no revenue");

        // Control: re-signed on the forked chain (the test base signs for block.chainid).
        sigs[0] = _sign(aliceKey, vs[0]);
        sigs[1] = _sign(bobKey, vs[1]);
        sigs[2] = _sign(aliceKey, vs[2]);
        vm.prank(keeper);
        vm.assertEq(escrow.redeem(vs, sigs), 900, "500 + 400");
    }

    /// The other direction: a voucher signed on the fork is worthless on the original chain.
    function test_fork_voucherSignedOnTheForkPaysNothingOnTheOriginalChain() public {
        _fund(alice, address(token), 1_000);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 700);
        uint256 original = block.chainid;
        vm.chainId(original + 1000);
        bytes memory forkSig = _sign(aliceKey, v);
        vm.chainId(original);
        vm.assertEq(_redeemOne(v, forkSig), 0, "skipped");
        vm.assertEq(_balance(alice, address(token)), 1_000, "untouched");
    }
}
