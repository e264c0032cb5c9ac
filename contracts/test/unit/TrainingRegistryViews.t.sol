// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ITrainingRegistry} from "../../src/interfaces/ITrainingRegistry.sol";
import {TrainingRegistryLens} from "../../src/periphery/TrainingRegistryLens.sol";
import {SegmentTree} from "../../src/registry/SegmentTree.sol";
import {TrainingRegistry} from "../../src/registry/TrainingRegistry.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {StakeManager} from "../../src/staking/StakeManager.sol";
import {RegistryFixture} from "../registry/RegistryFixture.sol";
import {SegmentTreeBuilder} from "../registry/SegmentTreeBuilder.sol";

/// @notice The views off-chain tools cross-check against, and the example vectors of
///         docs/protocol-vectors.json (docs/protocol.md section 11), which the Java protocol
///         module pins too: the same inputs must give the same leaves, root, proof, seed, samples
///         and digests on both sides.
contract TrainingRegistryViewsTest is RegistryFixture {
    uint256 internal constant CHAIN_ID = 31337;
    address internal constant VECTOR_REGISTRY = 0x5FbDB2315678afecb367f032d93F642f64180aa3;
    address internal constant VECTOR_TRAINER = 0x70997970C51812dc3A010C7d01b50e0d17dc79C8;
    bytes32 internal constant VECTOR_ROOT = 0xc78bab699d1ded9026159a625d716b93e2fdc862124f6b7d59651b394c68a08f;
    bytes32 internal constant VECTOR_SEED = 0xceb107f74df4e27ccb1a89b46cac15bf4a725b68b6197fcd29a1324620f65c8e;

    TrainingRegistryLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new TrainingRegistryLens();
    }

    // ------------------------------------------------------------------------------ vectors

    function test_vectors_constants() public view {
        vm.assertEq(
            SegmentTree.LEAF_DOMAIN, 0x00fe8e7d1a47875a769dfce7070bc1c7c8658950c2defefba327b4241645b163, "leafDomain"
        );
        vm.assertEq(
            registry.ATTESTATION_TYPEHASH(),
            0x2d967fb1812e1da0c809b55ad71780c63bd77ae2c252a67effb93f3605bd856f,
            "attestationTypehash"
        );
    }

    /// Section 4 for segment 0 (k = 2): batchesHash and lossesHash from the per-step records.
    function test_vectors_segmentRecords() public pure {
        bytes32 batches = keccak256(
            abi.encodePacked(
                keccak256("proofmint.vectors.batch.0"), keccak256("proofmint.vectors.batch.1")
            )
        );
        vm.assertEq(batches, 0x94962e0206b8bd2193d4da839bd7a1a05ab088d8268b86665e4b306eae878e6e, "batchesHash 0");
        bytes32 losses = keccak256(abi.encodePacked(uint32(0x40200000), uint32(0x40180000))); // 2.5, 2.375
        vm.assertEq(losses, 0x5f5af23b862954881a676b309fc6a7a603c40cbd6d2c9b000703715ae6eaa0b0, "lossesHash 0");
    }

    function test_vectors_leavesRootAndProof() public view {
        bytes32[] memory leaves = _vectorLeaves();
        vm.assertEq(leaves[0], 0x7aec2621529f71504a487432d3161470fb319e58010ebf9cd3492be5d0192bb7, "leaf 0");
        vm.assertEq(leaves[1], 0x0d4dfd3765f7785a2ac70a234b35fb77f25640fc5ef02b29ad8a0339c5d73beb, "leaf 1");
        vm.assertEq(leaves[2], 0x3fd3b47caf7199a235378202035a0c44c20bd00f47a4a149c0a8323ab0e03440, "leaf 2");
        vm.assertEq(leaves[3], 0xcc6676a8d0c6fa38d5934a3a0420ca15bb74164966744e87456cda22b7c07cef, "leaf 3");
        vm.assertEq(leaves[4], 0xd266a7c9f56817493cb193c74816c5085533c503c485b2afe30190aab4d6a2f8, "leaf 4");
        vm.assertEq(SegmentTreeBuilder.root(leaves), VECTOR_ROOT, "root");

        bytes32[] memory proof = _vectorProof();
        vm.assertTrue(lens.verifySegmentProof(VECTOR_ROOT, 5, 3, leaves[3], proof), "proof of segment 3");
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 5, 2, leaves[3], proof), "at index 2");
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 5, 3, leaves[2], proof), "for leaf 2");
    }

    function test_vectors_seedAndSamples() public view {
        bytes32 blockHash = keccak256("proofmint.vectors.block");
        vm.assertEq(blockHash, 0x875e5cf294e46cbf218f8f79045cabc8896add74636737c7d1b36d3ba48eb59c, "blockHash");
        vm.assertEq(keccak256(abi.encode(blockHash, uint256(1), VECTOR_ROOT)), VECTOR_SEED, "seed");
        uint256[] memory samples = lens.sampleSegments(VECTOR_SEED, VECTOR_ROOT, 4, 5);
        vm.assertEq(samples.length, 4, "q");
        vm.assertEq(samples[0], 3, "sample 0");
        vm.assertEq(samples[1], 1, "sample 1");
        vm.assertEq(samples[2], 1, "sample 2");
        vm.assertEq(samples[3], 0, "sample 3");
    }

    function test_vectors_domainAndDigests() public {
        vm.chainId(CHAIN_ID);
        vm.etch(VECTOR_REGISTRY, address(registry).code); // the same code at the vectors' address
        ITrainingRegistry atVector = ITrainingRegistry(VECTOR_REGISTRY);
        vm.assertEq(
            atVector.domainSeparator(),
            0xfe73b024e7e71643f3e4e00011d6307f1baed817a0bc9b90c8321af0b86b23f6,
            "domainSeparator"
        );
        vm.assertEq(
            atVector.attestationDigest(1, VECTOR_ROOT, VECTOR_SEED, VALID, 0),
            0x3d956a83ba213784153cdf27ceeb4dfafa3b62d048ba6b8fb4cc326fb5d13a35,
            "valid digest"
        );
        vm.assertEq(
            atVector.attestationDigest(1, VECTOR_ROOT, VECTOR_SEED, FRAUD, 3),
            0x0de4723b44e6fef81cf1980337f2e2f378c0b8a035f206fa3e3c30d627565f4b,
            "fraud digest"
        );
        vm.assertEq(
            atVector.attestationDigest(1, VECTOR_ROOT, VECTOR_SEED, UNAVAILABLE, 0),
            0x18f3aea6377b749e8f765f09bb47e7cb1748af52883ee663d6519bbf9d00ee40,
            "unavailable digest"
        );
    }

    /// A registry at the vectors' address, on chain 31337, whose task 1 has the vectors' trainer and
    /// root, draws the vectors' seed from the vectors' block hash and accepts a FRAUD batch for
    /// segment 3 with the vectors' leaf fields and proof: the on-chain checks agree with the Java
    /// side end to end.
    function test_vectors_fraudBatchAcceptedOnChain() public {
        vm.chainId(CHAIN_ID);
        // A suite wired to a registry at VECTOR_REGISTRY: deploy one normally, copy its code there.
        StakeManager vsm = new StakeManager(
            address(this), address(stakeToken), smTreasury, MIN_TRAINER_STAKE, MIN_VERIFIER_STAKE, UNBONDING_DELAY, 0
        );
        RevenueRouter vrouter = new RevenueRouter(address(this), routerTreasury, verifierPool, 7_000, 2_000, 1_000);
        TrainingRegistry template = new TrainingRegistry(
            address(this), vsm, factory, address(vrouter), address(usd), treasury, VERIFIER_SLASH
        );
        vm.etch(VECTOR_REGISTRY, address(template).code);
        vsm.setRegistry(VECTOR_REGISTRY);
        vrouter.setRegistry(VECTOR_REGISTRY);
        TrainingRegistry atVector = TrainingRegistry(VECTOR_REGISTRY);

        ITrainingRegistry.Rules memory rules = _rulesWithQuorum(1, 2);
        rules.segmentLength = 2;
        rules.samples = 4;
        vm.prank(modelOwner);
        uint256 modelId = atVector.registerModel(0, 0, keccak256("proofmint.vectors.ckpt.0"), rules, "V", "V", 0);
        vm.prank(modelOwner);
        uint256 taskId = atVector.createTask(modelId, 10, 0, 0, DURATION);
        vm.assertEq(taskId, 1, "task 1");

        stakeToken.mint(VECTOR_TRAINER, TRAINER_STAKE);
        vm.startPrank(VECTOR_TRAINER);
        stakeToken.approve(address(vsm), TRAINER_STAKE);
        vsm.stake(1, TRAINER_STAKE);
        atVector.claimTask(1);
        atVector.commit(1, VECTOR_ROOT, keccak256("proofmint.vectors.ckpt.5"), "");
        vm.stopPrank();
        uint256 seedBlock = block.number + 1;
        vm.roll(seedBlock + 1);
        vm.setBlockhash(seedBlock, keccak256("proofmint.vectors.block"));
        atVector.drawSeed(1);
        vm.assertEq(atVector.getTask(1).seed, VECTOR_SEED, "seed");

        address verifier = verifiers[0];
        stakeToken.mint(verifier, VERIFIER_STAKE);
        vm.startPrank(verifier);
        stakeToken.approve(address(vsm), VERIFIER_STAKE);
        vsm.stake(2, VERIFIER_STAKE);
        vm.stopPrank();
        bytes memory sig = _sign(verifierKeys[0], atVector.attestationDigest(1, VECTOR_ROOT, VECTOR_SEED, FRAUD, 3));
        ITrainingRegistry.SegmentLeaf memory leaf = ITrainingRegistry.SegmentLeaf(
            keccak256("proofmint.vectors.ckpt.3"),
            keccak256("proofmint.vectors.ckpt.4"),
            0x7067462f5a8384e48c8dbbe5116c9925b155662a4241dd11a5f26e4e4c778d6d,
            0x35d33031685d5151124b5614f7a51900b7e9055c789cfa9204957dd2762d32a4
        );
        vm.assertEq(
            atVector.segmentLeaf(1, 3, leaf.ckptStart, leaf.ckptEnd, leaf.batchesHash, leaf.lossesHash),
            0xcc6676a8d0c6fa38d5934a3a0420ca15bb74164966744e87456cda22b7c07cef,
            "segmentLeaf view"
        );
        atVector.submitAttestations(1, FRAUD, 3, sig, leaf, _vectorProof());
        vm.assertEq(uint256(atVector.getTask(1).failingSegment), 3, "FRAUD at segment 3 accepted");
    }

    function _vectorLeaves() private pure returns (bytes32[] memory leaves) {
        bytes32[6] memory c;
        for (uint256 i; i < 6; ++i) {
            c[i] = keccak256(bytes(string.concat("proofmint.vectors.ckpt.", vm.toString(i))));
        }
        bytes32[5] memory batches = [
            bytes32(0x94962e0206b8bd2193d4da839bd7a1a05ab088d8268b86665e4b306eae878e6e),
            0x711adbe1e1d8f84002c61eaa326831fb6330a6fdc89ab75c5d44c696bc8dfcf2,
            0xf52c75f92af09070c5a888d1f17e22a690839a324cbec80cab79555fd5a4f1b7,
            0x7067462f5a8384e48c8dbbe5116c9925b155662a4241dd11a5f26e4e4c778d6d,
            0x2ffbdd8df3995aef709d629217979d2b4b76c3fd211f18d604e20decd9fe9c8a
        ];
        bytes32[5] memory losses = [
            bytes32(0x5f5af23b862954881a676b309fc6a7a603c40cbd6d2c9b000703715ae6eaa0b0),
            0xc2edb078b4ea73e6cbb48c1da20e2710ffefb313da091f6d6aeeb7a32781c635,
            0x5d396e4455616c521da49fcf286e36f8257fa6aa800ad71c9cb92b160e0646a1,
            0x35d33031685d5151124b5614f7a51900b7e9055c789cfa9204957dd2762d32a4,
            0xa00dbbc6e3388826614de5a0d88923bd491860989037f8634c36f53f18e514d0
        ];
        leaves = new bytes32[](5);
        for (uint256 i; i < 5; ++i) {
            leaves[i] = SegmentTree.leafHash(
                CHAIN_ID, VECTOR_REGISTRY, 1, VECTOR_TRAINER, i, c[i], c[i + 1], batches[i], losses[i]
            );
        }
    }

    function _vectorProof() private pure returns (bytes32[] memory proof) {
        proof = new bytes32[](3);
        proof[0] = 0x3fd3b47caf7199a235378202035a0c44c20bd00f47a4a149c0a8323ab0e03440;
        proof[1] = 0xb5f8df6f05e8ce58747aafbcd684baf290c57c6e9b1b9fa0b8a0801826fd1b5e;
        proof[2] = 0xb317aa17e3a42de4823d5bacb0b5c8cab7133bef98b413aa7d1bb4846d3f4bfa;
    }

    // ------------------------------------------------------------------------------ segmentLeaf

    function test_segmentLeaf_bindsChainRegistryTaskAndTrainer() public {
        uint256 modelId = _registerModel(_rules());
        uint256 taskId = _createTask(modelId, 8);
        _claim(taskId, trainer);
        bytes32 expected = keccak256(
            abi.encodePacked(
                bytes1(0x00),
                abi.encode(
                    keccak256("proofmint.leaf.v1"),
                    block.chainid,
                    address(registry),
                    taskId,
                    trainer,
                    uint256(1),
                    bytes32("s"),
                    bytes32("e"),
                    bytes32("b"),
                    bytes32("l")
                )
            )
        );
        vm.assertEq(registry.segmentLeaf(taskId, 1, "s", "e", "b", "l"), expected, "leaf");
    }

    function test_segmentLeaf_revertsWithoutTrainer() public {
        uint256 modelId = _registerModel(_rules());
        uint256 taskId = _createTask(modelId, 8);
        vm.expectRevert(abi.encodeWithSelector(ITrainingRegistry.NoTrainer.selector, taskId));
        registry.segmentLeaf(taskId, 0, "s", "e", "b", "l");
    }

    // ------------------------------------------------------------------------------ verifySegmentProof

    function test_verifySegmentProof_singleSegmentRootIsTheLeaf() public view {
        bytes32 leaf = keccak256("only");
        vm.assertTrue(lens.verifySegmentProof(leaf, 1, 0, leaf, new bytes32[](0)), "depth 0");
        vm.assertFalse(lens.verifySegmentProof(leaf, 1, 1, leaf, new bytes32[](0)), "index >= S");
        vm.assertFalse(lens.verifySegmentProof(leaf, 1, 0, leaf, new bytes32[](1)), "extra element");
    }

    function test_verifySegmentProof_rejectsPaddingIndexAndZeroSegments() public view {
        bytes32[] memory leaves = _vectorLeaves();
        bytes32[] memory proof = _vectorProof();
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 5, 7, leaves[3], proof), "padding position");
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 3, 3, leaves[3], proof), "index >= S");
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 16, 3, leaves[3], proof), "S of another depth");
        vm.assertFalse(lens.verifySegmentProof(VECTOR_ROOT, 0, 0, leaves[3], proof), "no segments");
    }

    // ------------------------------------------------------------------------------ attestationDigest

    function test_attestationDigest_isEip712OverTheAttestationType() public view {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Proofmint TrainingRegistry"),
                keccak256("1"),
                block.chainid,
                address(registry)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(registry.ATTESTATION_TYPEHASH(), uint256(7), bytes32("root"), bytes32("seed"), uint8(1), 0)
        );
        vm.assertEq(
            registry.attestationDigest(7, "root", "seed", 1, 0),
            keccak256(abi.encodePacked(hex"1901", domain, structHash)),
            "digest"
        );
        vm.assertEq(registry.domainSeparator(), domain, "domain separator");
    }
}
