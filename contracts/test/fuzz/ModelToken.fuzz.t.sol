// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ModelTokenTestBase} from "../utils/ModelTokenTestBase.sol";

/// @notice Properties of the revenue accumulator over fuzzed balances, payments and transfers.
contract ModelTokenFuzzTest is ModelTokenTestBase {
    uint256 internal constant HOLDERS = 4;
    uint256 internal constant ROUNDS = 3;

    function _holder(uint256 i) internal view returns (address) {
        if (i == 0) return alice;
        if (i == 1) return bob;
        if (i == 2) return carol;
        return address(0xD00D);
    }

    /// Holders never get more than was credited, and lose less than one base unit per
    /// distribution plus one per holder to rounding.
    function testFuzz_accumulator_claimableSumsToCreditedWithinRoundingBound(
        uint96[HOLDERS] calldata mints,
        uint128[ROUNDS] calldata amounts,
        uint256[ROUNDS] calldata moves
    ) public {
        for (uint256 i; i < HOLDERS; ++i) {
            token.mint(_holder(i), bound(mints[i], 1, 2 ** 94)); // 4 * 2**94 stays under the cap
        }
        uint256 credited;
        for (uint256 r; r < ROUNDS; ++r) {
            // Stay inside the accumulator headroom: revenue per supply unit <= 2**62 in total.
            uint256 amount = bound(amounts[r], 0, _min(2 ** 100, token.totalSupply() * 2 ** 60));
            _distribute(amount);
            credited += amount;
            // Move part of one holder's balance to another.
            address from = _holder(moves[r] % HOLDERS);
            address to = _holder((moves[r] >> 8) % HOLDERS);
            _transfer(from, to, bound(moves[r] >> 16, 0, token.balanceOf(from)));
        }
        uint256 sum;
        for (uint256 i; i < HOLDERS; ++i) {
            sum += token.claimable(_holder(i));
        }
        vm.assertLe(sum, credited, "never more than credited");
        vm.assertLt(credited - sum, ROUNDS + HOLDERS, "rounding loss bounded by distributions + holders");

        uint256 paid;
        for (uint256 i; i < HOLDERS; ++i) {
            paid += _claim(_holder(i));
        }
        vm.assertEq(paid, sum, "claims pay exactly what was claimable");
        vm.assertEq(asset.balanceOf(address(token)), credited - paid, "the token keeps only the dust");
        for (uint256 i; i < HOLDERS; ++i) {
            vm.assertEq(token.claimable(_holder(i)), 0, "nothing left after claiming");
        }
    }

    /// Two holders split a payment pro rata, each at most one base unit short.
    function testFuzz_distribute_isProRata(uint96 a, uint96 b, uint128 amount) public {
        uint256 balA = bound(a, 1, 2 ** 95);
        uint256 balB = bound(b, 1, 2 ** 95);
        uint256 x = bound(amount, 0, _min(2 ** 128, (balA + balB) * 2 ** 62 - 1));
        token.mint(alice, balA);
        token.mint(bob, balB);
        _distribute(x);
        _assertShare(token.claimable(alice), x * balA / (balA + balB), 1, "alice");
        _assertShare(token.claimable(bob), x * balB / (balA + balB), 1, "bob");
    }

    /// A transfer changes neither side's claimable revenue.
    function testFuzz_transfer_preservesClaimable(uint96 a, uint96 b, uint128 revenue, uint96 moved, bool claimFirst)
        public
    {
        uint256 balA = bound(a, 1, 2 ** 95);
        token.mint(alice, balA);
        token.mint(bob, bound(b, 0, 2 ** 95));
        _distribute(bound(revenue, 0, _min(2 ** 128, token.totalSupply() * 2 ** 62 - 1)));
        if (claimFirst) _claim(alice);
        uint256 beforeA = token.claimable(alice);
        uint256 beforeB = token.claimable(bob);
        _transfer(alice, bob, bound(moved, 0, balA));
        vm.assertEq(token.claimable(alice), beforeA, "sender unchanged");
        vm.assertEq(token.claimable(bob), beforeB, "receiver unchanged");
    }

    /// Buying after a payment, then selling, in one block earns nothing of that payment.
    function testFuzz_flash_buyAndSellEarnsNothingOfEarlierRevenue(uint96 held, uint96 bought, uint128 revenue)
        public
    {
        uint256 balA = bound(held, 1, 2 ** 94);
        uint256 amount = bound(bought, 1, 2 ** 94);
        token.mint(alice, balA);
        token.mint(carol, amount);
        _distribute(bound(revenue, 1, _min(2 ** 128, (balA + amount) * 2 ** 62 - 1)));
        uint256 aliceBefore = token.claimable(alice);
        _transfer(carol, bob, amount);
        vm.assertEq(_claim(bob), 0, "the buyer has nothing to claim");
        _transfer(bob, carol, amount);
        vm.assertEq(token.claimable(bob), 0, "nor after selling");
        vm.assertEq(token.claimable(alice), aliceBefore, "the holder keeps it");
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
