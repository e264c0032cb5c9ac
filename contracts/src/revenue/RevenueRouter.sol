// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";
import {IRevenueRouter} from "../interfaces/IRevenueRouter.sol";

/// @title RevenueRouter
/// @notice Takes payments for registered model tokens in each token's payment asset and splits
///         them between the token's holders, the verifier pool and the treasury. The holders' part
///         is sent to the token and credited with `distribute`; while the token has no supply it
///         goes to the treasury instead. The treasury also receives the rounding remainder.
/// @dev Payment assets must be plain ERC-20s: no fee on transfer, no rebasing (the token credits
///      exactly the amount the router sent it).
contract RevenueRouter is IRevenueRouter, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Basis points in a whole.
    uint16 public constant BPS = 10_000;
    /// @notice Smallest share of every payment that goes to the holders.
    uint16 public constant MIN_HOLDERS_BPS = 5_000;

    /// @inheritdoc IRevenueRouter
    address public registry;
    /// @notice Share of each payment credited to the token's holders, in basis points.
    uint16 public holdersBps;
    /// @notice Share of each payment sent to the verifier pool, in basis points.
    uint16 public verifiersBps;
    /// @notice Receives the treasury share, the rounding remainder, and the holders' part of
    ///         payments for tokens without supply.
    address public treasury;
    /// @notice Receives the verifier pool share (a contract that pays verifiers, or a multisig).
    address public verifierPool;

    mapping(address modelToken => address paymentAsset) private _paymentAssets;

    /// @param owner_ the administrator (Ownable2Step)
    /// @param treasury_ receiver of the treasury share
    /// @param verifierPool_ receiver of the verifier share
    /// @param holdersBps_ holders' share, >= MIN_HOLDERS_BPS
    /// @param verifiersBps_ verifier pool share
    /// @param treasuryBps_ treasury share; the three sum to BPS
    constructor(
        address owner_,
        address treasury_,
        address verifierPool_,
        uint16 holdersBps_,
        uint16 verifiersBps_,
        uint16 treasuryBps_
    ) Ownable(owner_) {
        _setTreasury(treasury_);
        _setVerifierPool(verifierPool_);
        _setShares(holdersBps_, verifiersBps_, treasuryBps_);
    }

    // ---------------------------------------------------------------- payments

    /// @inheritdoc IRevenueRouter
    function pay(address modelToken, uint256 amount) external nonReentrant {
        address asset = _paymentAssets[modelToken];
        if (asset == address(0)) revert UnknownToken(modelToken);
        if (amount == 0) revert ZeroAmount();
        (uint256 toHolders, uint256 toVerifiers, uint256 toTreasury) = split(amount);
        if (IERC20(modelToken).totalSupply() == 0) {
            toTreasury += toHolders;
            toHolders = 0;
        }
        emit RevenuePaid(modelToken, msg.sender, amount, toHolders, toVerifiers, toTreasury);
        IERC20 token = IERC20(asset);
        if (toHolders != 0) {
            token.safeTransferFrom(msg.sender, modelToken, toHolders);
            IModelToken(modelToken).distribute(toHolders);
        }
        if (toVerifiers != 0) token.safeTransferFrom(msg.sender, verifierPool, toVerifiers);
        if (toTreasury != 0) token.safeTransferFrom(msg.sender, treasury, toTreasury);
    }

    /// @notice How `amount` would be split now, ignoring the no-supply rule: holders and
    ///         verifiers are rounded down, the treasury gets the rest.
    function split(uint256 amount) public view returns (uint256 toHolders, uint256 toVerifiers, uint256 toTreasury) {
        toHolders = amount * holdersBps / BPS;
        toVerifiers = amount * verifiersBps / BPS;
        toTreasury = amount - toHolders - toVerifiers;
    }

    /// @notice Treasury share in basis points (BPS - holders - verifiers).
    function treasuryBps() external view returns (uint16) {
        return BPS - holdersBps - verifiersBps;
    }

    // ---------------------------------------------------------------- token registry

    /// @inheritdoc IRevenueRouter
    function registerToken(address modelToken) external {
        if (msg.sender != registry) revert NotRegistry(msg.sender);
        if (modelToken == address(0)) revert ZeroAddress();
        if (_paymentAssets[modelToken] != address(0)) revert TokenAlreadyRegistered(modelToken);
        address tokenRouter = IModelToken(modelToken).router();
        if (tokenRouter != address(this)) revert TokenRouterMismatch(modelToken, tokenRouter);
        address asset = IModelToken(modelToken).paymentAsset();
        _paymentAssets[modelToken] = asset;
        emit TokenRegistered(modelToken, asset);
    }

    /// @inheritdoc IRevenueRouter
    function paymentAssetOf(address modelToken) external view returns (address) {
        return _paymentAssets[modelToken];
    }

    /// @inheritdoc IRevenueRouter
    function isModelToken(address modelToken) external view returns (bool) {
        return _paymentAssets[modelToken] != address(0);
    }

    // ---------------------------------------------------------------- administration

    /// @notice Sets the registry, the only caller of registerToken. Once; owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ZeroAddress, RegistryAlreadySet.
    function setRegistry(address registry_) external onlyOwner {
        if (registry_ == address(0)) revert ZeroAddress();
        if (registry != address(0)) revert RegistryAlreadySet();
        registry = registry_;
        emit RegistrySet(registry_);
    }

    /// @notice Sets the split. Owner only. Applies to payments from now on.
    /// @dev Reverts OwnableUnauthorizedAccount, InvalidShares (sum != BPS or holders < MIN_HOLDERS_BPS).
    function setShares(uint16 holdersBps_, uint16 verifiersBps_, uint16 treasuryBps_) external onlyOwner {
        _setShares(holdersBps_, verifiersBps_, treasuryBps_);
    }

    /// @notice Sets the treasury. Owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ZeroAddress.
    function setTreasury(address treasury_) external onlyOwner {
        _setTreasury(treasury_);
    }

    /// @notice Sets the verifier pool. Owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ZeroAddress.
    function setVerifierPool(address verifierPool_) external onlyOwner {
        _setVerifierPool(verifierPool_);
    }

    function _setShares(uint16 holdersBps_, uint16 verifiersBps_, uint16 treasuryBps_) private {
        if (
            uint256(holdersBps_) + verifiersBps_ + treasuryBps_ != BPS || holdersBps_ < MIN_HOLDERS_BPS
        ) revert InvalidShares(holdersBps_, verifiersBps_, treasuryBps_);
        holdersBps = holdersBps_;
        verifiersBps = verifiersBps_;
        emit SharesSet(holdersBps_, verifiersBps_, treasuryBps_);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    function _setVerifierPool(address verifierPool_) private {
        if (verifierPool_ == address(0)) revert ZeroAddress();
        verifierPool = verifierPool_;
        emit VerifierPoolSet(verifierPool_);
    }
}
