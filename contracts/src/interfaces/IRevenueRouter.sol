// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IRevenueRouter
/// @notice Takes payments for a model in that model token's payment asset and splits them, in
///         basis points, between the token's holders, the verifier pool and the treasury. Accepts
///         only tokens its registry (the TrainingRegistry, set once by the owner) registered.
/// @dev Registration flow: the TrainingRegistry calls
///      `token = IModelTokenFactory.create(name, symbol, address(this), router, paymentAsset)` and
///      then `IRevenueRouter(router).registerToken(token)`.
interface IRevenueRouter {
    /// @notice `payer` paid `amount` for `token`: `toHolders` was credited to its holders,
    ///         `toVerifiers` sent to the verifier pool, `toTreasury` to the treasury (including the
    ///         holders' part when the token has no supply, and the rounding remainder).
    event RevenuePaid(
        address indexed token,
        address indexed payer,
        uint256 amount,
        uint256 toHolders,
        uint256 toVerifiers,
        uint256 toTreasury
    );
    /// @notice `token` may now be paid for; its payment asset is `paymentAsset`.
    event TokenRegistered(address indexed token, address indexed paymentAsset);
    /// @notice The split changed (basis points; they sum to 10000).
    event SharesSet(uint16 holdersBps, uint16 verifiersBps, uint16 treasuryBps);
    /// @notice The treasury changed.
    event TreasurySet(address indexed treasury);
    /// @notice The verifier pool changed.
    event VerifierPoolSet(address indexed verifierPool);
    /// @notice The registry (the only caller of registerToken) was set, once.
    event RegistrySet(address indexed registry);

    /// @notice `token` was not registered.
    error UnknownToken(address token);
    /// @notice `token` is already registered.
    error TokenAlreadyRegistered(address token);
    /// @notice `token` names another router, so it would refuse this router's distribute.
    error TokenRouterMismatch(address token, address tokenRouter);
    /// @notice `caller` is not the registry.
    error NotRegistry(address caller);
    /// @notice The registry was already set.
    error RegistryAlreadySet();
    /// @notice The zero address was given where an address is required.
    error ZeroAddress();
    /// @notice An amount of zero was given where a positive amount is required.
    error ZeroAmount();
    /// @notice Shares do not sum to 10000, or the holders' share is below MIN_HOLDERS_BPS.
    error InvalidShares(uint16 holdersBps, uint16 verifiersBps, uint16 treasuryBps);

    /// @notice Pulls `amount` of `modelToken`'s payment asset from the caller (approve the router
    ///         first) and splits it. Anyone may pay.
    /// @dev Reverts UnknownToken, ZeroAmount, and whatever the payment asset's transferFrom
    ///      reverts with.
    function pay(address modelToken, uint256 amount) external;

    /// @notice Makes `modelToken` payable through this router. Registry only.
    /// @dev Reverts NotRegistry, ZeroAddress, TokenAlreadyRegistered, TokenRouterMismatch.
    function registerToken(address modelToken) external;

    /// @notice The payment asset of a registered token; the zero address if it is not registered.
    function paymentAssetOf(address modelToken) external view returns (address);

    /// @notice Whether `modelToken` was registered.
    function isModelToken(address modelToken) external view returns (bool);

    /// @notice The TrainingRegistry, the only caller of registerToken (zero until set).
    function registry() external view returns (address);
}
