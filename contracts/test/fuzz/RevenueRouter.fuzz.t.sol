// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {RevenueRouterTestBase} from "../utils/RevenueRouterTestBase.sol";

/// @notice The router's split over fuzzed shares and amounts.
contract RevenueRouterFuzzTest is RevenueRouterTestBase {
    /// The three parts add up to the payment; holders and verifiers are rounded down, so the
    /// treasury gets at most two base units above its exact share.
    function testFuzz_split_addsUpAndRoundsInTheProtocolsFavour(uint128 amount, uint16 holders, uint16 verifiers)
        public
    {
        uint16 h = uint16(bound(holders, 5_000, 10_000));
        uint16 v = uint16(bound(verifiers, 0, 10_000 - h));
        uint16 t = 10_000 - h - v;
        router.setShares(h, v, t);
        (uint256 toHolders, uint256 toVerifiers, uint256 toTreasury) = router.split(amount);
        vm.assertEq(toHolders + toVerifiers + toTreasury, amount, "adds up");
        vm.assertEq(toHolders, uint256(amount) * h / 10_000, "holders floor");
        vm.assertEq(toVerifiers, uint256(amount) * v / 10_000, "verifiers floor");
        uint256 exactTreasury = uint256(amount) * t / 10_000;
        vm.assertGe(toTreasury, exactTreasury, "treasury at least its share");
        vm.assertLe(toTreasury, exactTreasury + 2, "plus at most the two remainders");
        vm.assertGe(toHolders * 10_000 + 10_000, uint256(amount) * 5_000, "holders at least half, less rounding");
    }

    /// A payment moves exactly the split amounts and leaves nothing in the router.
    function testFuzz_pay_movesExactlyTheSplit(uint128 amount, uint96 supply) public {
        uint256 s = bound(supply, 0, 2 ** 96 - 1);
        // Inside the token's accumulator headroom: at most 2**62 per supply unit.
        uint256 x = bound(amount, 1, s == 0 ? 2 ** 120 : (s * 2 ** 62 < 2 ** 120 ? s * 2 ** 62 : 2 ** 120));
        if (s != 0) token.mint(makeAddr("holder"), s);
        (uint256 toHolders, uint256 toVerifiers, uint256 toTreasury) = router.split(x);
        if (s == 0) (toHolders, toTreasury) = (0, toTreasury + toHolders);
        _pay(payer, address(token), x);
        vm.assertEq(asset.balanceOf(address(token)), toHolders, "token");
        vm.assertEq(token.totalDistributed(), toHolders, "credited");
        vm.assertEq(asset.balanceOf(verifierPool), toVerifiers, "verifier pool");
        vm.assertEq(asset.balanceOf(treasury), toTreasury, "treasury");
        vm.assertEq(asset.balanceOf(address(router)), 0, "router empty");
    }
}
