// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../../utils/MockERC20.sol";
import {RevenueRouter} from "../../../src/revenue/RevenueRouter.sol";
import {ModelToken} from "../../../src/token/ModelToken.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives a ModelToken through its RevenueRouter with a fixed set of actors: mints (as
///         the minter), transfers, approved transfers, payments and claims. Ghost variables record
///         what the contracts cannot be asked: what each actor claimed and what payers paid.
contract ModelTokenHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant ACTORS = 5;

    ModelToken public immutable token;
    RevenueRouter public immutable router;
    MockERC20 public immutable asset;

    address[ACTORS] internal _actors;

    uint256 public ghostPaid; // everything payers handed to the router
    uint256 public ghostClaimed; // everything holders received from claim
    uint256 public ghostDistributions; // non-zero credits to holders
    mapping(address actor => uint256) public ghostClaimedBy;
    mapping(bytes4 selector => uint256) public calls;

    /// @dev Deploys the token with this handler as its minter.
    constructor(RevenueRouter router_, MockERC20 asset_) {
        token = new ModelToken("Model", "M", address(this), address(router_), address(asset_));
        router = router_;
        asset = asset_;
        for (uint256 i; i < ACTORS; ++i) {
            _actors[i] = vm.addr(0xA0000 + i);
        }
    }

    function actor(uint256 i) external view returns (address) {
        return _actors[i];
    }

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    // ------------------------------------------------------------ actions

    /// @dev The test made this handler the token's minter.
    function mint(uint256 actorSeed, uint256 amount) external {
        uint256 room = token.MAX_SUPPLY() - token.totalSupply();
        amount = _bound(amount, 0, room < 1e24 ? room : 1e24);
        token.mint(_pick(actorSeed), amount);
        ++calls[this.mint.selector];
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _pick(fromSeed);
        amount = _bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        require(token.transfer(_pick(toSeed), amount), "transfer");
        ++calls[this.transfer.selector];
    }

    function transferFrom(uint256 ownerSeed, uint256 spenderSeed, uint256 toSeed, uint256 amount) external {
        address owner = _pick(ownerSeed);
        address spender = _pick(spenderSeed);
        amount = _bound(amount, 0, token.balanceOf(owner));
        vm.prank(owner);
        token.approve(spender, amount);
        vm.prank(spender);
        require(token.transferFrom(owner, _pick(toSeed), amount), "transferFrom");
        ++calls[this.transferFrom.selector];
    }

    /// @dev An outside payer pays; amounts stay far inside the accumulator headroom
    ///      (64 payments of 1e15 against a supply of at least one base unit).
    function pay(uint256 amount) external {
        amount = _bound(amount, 1, 1e15);
        address payer = address(0xBEEF);
        uint256 creditedBefore = token.totalDistributed();
        asset.mint(payer, amount);
        vm.startPrank(payer);
        asset.approve(address(router), amount);
        router.pay(address(token), amount);
        vm.stopPrank();
        ghostPaid += amount;
        if (token.totalDistributed() != creditedBefore) ++ghostDistributions;
        ++calls[this.pay.selector];
    }

    function claim(uint256 actorSeed) external {
        address a = _pick(actorSeed);
        uint256 expected = token.claimable(a);
        uint256 before = asset.balanceOf(a);
        vm.prank(a);
        uint256 paid = token.claim();
        require(paid == expected && asset.balanceOf(a) - before == paid, "claim paid other than claimable");
        ghostClaimed += paid;
        ghostClaimedBy[a] += paid;
        ++calls[this.claim.selector];
    }

    // ------------------------------------------------------------ helpers

    function _pick(uint256 seed) internal view returns (address) {
        return _actors[seed % ACTORS];
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + x % (max - min + 1);
    }
}
