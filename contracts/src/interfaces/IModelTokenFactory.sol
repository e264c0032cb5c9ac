// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IModelTokenFactory
/// @notice Deploys ModelTokens so that the registry's bytecode does not carry the token's.
///         Permissionless: a token it creates is trusted by nobody until the RevenueRouter's
///         registry calls `IRevenueRouter.registerToken` for it.
interface IModelTokenFactory {
    /// @notice A token was deployed by `creator` (the caller of `create`).
    event ModelTokenCreated(
        address indexed token, address indexed creator, address indexed minter, address router, address paymentAsset
    );

    /// @notice Deploys a ModelToken with these immutable parameters and returns its address.
    /// @dev Reverts ZeroAddress (IModelToken) if minter, router or paymentAsset is zero.
    function create(string calldata name, string calldata symbol, address minter, address router, address paymentAsset)
        external
        returns (address token);
}
