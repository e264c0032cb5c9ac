// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {RevenueRouterTestBase} from "./RevenueRouterTestBase.sol";

/// @notice The real RevenueRouter (80 / 15 / 5) with two registered model tokens, `token` paid in
///         `asset` and `token2` paid in `asset2`, both with holders, and a UsageEscrow on the
///         router with a one-hour withdrawal delay. Users with known keys sign vouchers; the
///         digest is computed here from the EIP-712 definition, independently of the escrow.
abstract contract UsageEscrowTestBase is RevenueRouterTestBase {
    uint64 internal constant DELAY = 1 hours;
    uint64 internal constant NO_EXPIRY = type(uint64).max;
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant VOUCHER_TYPEHASH =
        keccak256("Voucher(address user,address modelToken,uint256 cumulativeAmount,uint64 expiry)");
    /// secp256k1 group order, to build high-s signatures.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    UsageEscrow internal escrow;
    MockERC20 internal asset2;
    ModelToken internal token2;
    address internal holder;
    address internal keeper;
    address internal stranger;
    uint256 internal aliceKey;
    address internal alice;
    uint256 internal bobKey;
    address internal bob;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(1_750_000_000);
        holder = makeAddr("holder");
        keeper = makeAddr("keeper");
        stranger = makeAddr("stranger");
        aliceKey = uint256(keccak256("alice"));
        alice = makeAddr("alice");
        bobKey = uint256(keccak256("bob"));
        bob = makeAddr("bob");
        asset2 = new MockERC20("Proofmint Mock EUR", "mEUR", 18);
        token2 = ModelToken(factory.create("Model Two", "M2", address(this), address(router), address(asset2)));
        router.registerToken(address(token2));
        token.mint(holder, 1e18);
        token2.mint(holder, 1e18);
        escrow = new UsageEscrow(address(this), address(router), DELAY);
        vm.label(address(escrow), "escrow");
    }

    // ------------------------------------------------------------ funding

    function _assetOf(address model) internal view returns (MockERC20) {
        return model == address(token2) ? asset2 : asset;
    }

    /// @dev Mints the payment asset of `model` to `user`, approves the escrow and deposits.
    function _fund(address user, address model, uint256 amount) internal {
        MockERC20 a = _assetOf(model);
        a.mint(user, amount);
        vm.startPrank(user);
        a.approve(address(escrow), amount);
        escrow.deposit(model, amount);
        vm.stopPrank();
    }

    // ------------------------------------------------------------ vouchers

    function _voucher(address user, address model, uint256 cumulative)
        internal
        pure
        returns (IUsageEscrow.Voucher memory)
    {
        return IUsageEscrow.Voucher(user, model, cumulative, NO_EXPIRY);
    }

    /// @dev The EIP-712 digest from first principles, for any chain id and verifying contract.
    function _digest(IUsageEscrow.Voucher memory v, uint256 chainId, address verifyingContract)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Proofmint UsageEscrow"), keccak256("1"), chainId, verifyingContract)
        );
        bytes32 structHash = keccak256(abi.encode(VOUCHER_TYPEHASH, v.user, v.modelToken, v.cumulativeAmount, v.expiry));
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    function _signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev `key` signs `v` for this chain and `escrow`.
    function _sign(uint256 key, IUsageEscrow.Voucher memory v) internal view returns (bytes memory) {
        return _signDigest(key, _digest(v, block.chainid, address(escrow)));
    }

    /// @dev A one-voucher batch, redeemed by the keeper.
    function _redeemOne(IUsageEscrow.Voucher memory v, bytes memory signature) internal returns (uint256) {
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](1);
        bytes[] memory sigs = new bytes[](1);
        vs[0] = v;
        sigs[0] = signature;
        vm.prank(keeper);
        return escrow.redeem(vs, sigs);
    }

    function _balance(address user, address model) internal view returns (uint256 balance) {
        (balance,,,) = escrow.channel(user, model);
    }

    function _redeemed(address user, address model) internal view returns (uint256 redeemed) {
        (, redeemed,,) = escrow.channel(user, model);
    }
}
