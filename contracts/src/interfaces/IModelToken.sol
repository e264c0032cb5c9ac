// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IModelToken
/// @notice The ERC-20 (with ERC-2612 permit) of one model. The registry (its minter, fixed at
///         deployment) mints it to trainers for accepted work; the RevenueRouter (fixed at
///         deployment) credits revenue in the payment asset to current holders, pro rata to what
///         they hold at that moment; holders pull their share with `claim`.
interface IModelToken is IERC20 {
    /// @notice `amount` of the payment asset was credited to holders; the accumulator (revenue
    ///         per token, times 2**96) is now `magnifiedRevenuePerShare`.
    event RevenueDistributed(uint256 amount, uint256 magnifiedRevenuePerShare);
    /// @notice `account` claimed `amount` of the payment asset.
    event RevenueClaimed(address indexed account, uint256 amount);

    /// @notice `caller` is not the minter.
    error NotMinter(address caller);
    /// @notice `caller` is not the router.
    error NotRouter(address caller);
    /// @notice The zero address was given where an address is required.
    error ZeroAddress();
    /// @notice Revenue cannot be credited while the supply is zero.
    error NoSupply();
    /// @notice Minting would take the supply to `supply`, above `cap` (2**96 - 1).
    error SupplyCapExceeded(uint256 supply, uint256 cap);
    /// @notice Crediting would take the accumulator or the total distributed past their bounds.
    error RevenueOverflow();

    /// @notice Mints `amount` to `to`. Minter (the TrainingRegistry) only.
    /// @dev Reverts NotMinter, SupplyCapExceeded, and ERC20InvalidReceiver for the zero address.
    function mint(address to, uint256 amount) external;

    /// @notice Credits `amount` of the payment asset, already transferred to this token, to the
    ///         current holders pro rata. Router only. Zero is a no-op.
    /// @dev Reverts NotRouter, NoSupply, RevenueOverflow.
    function distribute(uint256 amount) external;

    /// @notice Pays the caller everything it can claim, in the payment asset. Returns 0 (and
    ///         transfers nothing) if there is nothing to claim; never reverts for dust.
    /// @return paid amount transferred to the caller
    function claim() external returns (uint256 paid);

    /// @notice What `account` would receive from `claim` now.
    function claimable(address account) external view returns (uint256);

    /// @notice The ERC-20 revenue is paid in (fixed at deployment).
    function paymentAsset() external view returns (address);

    /// @notice Sum of all amounts ever credited to holders by `distribute`.
    function totalDistributed() external view returns (uint256);

    /// @notice The only account that may mint (the TrainingRegistry).
    function minter() external view returns (address);

    /// @notice The only account that may distribute (the RevenueRouter).
    function router() external view returns (address);
}
