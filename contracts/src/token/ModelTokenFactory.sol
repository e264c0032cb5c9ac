// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelTokenFactory} from "../interfaces/IModelTokenFactory.sol";
import {ModelToken} from "./ModelToken.sol";

/// @title ModelTokenFactory
/// @notice Deploys ModelTokens, so the TrainingRegistry's bytecode stays small. Stateless and
///         permissionless: a token is trusted for revenue only once the RevenueRouter's registry
///         has registered it (`IRevenueRouter.registerToken`).
contract ModelTokenFactory is IModelTokenFactory {
    /// @inheritdoc IModelTokenFactory
    function create(string calldata name, string calldata symbol, address minter, address router, address paymentAsset)
        external
        returns (address token)
    {
        token = address(new ModelToken(name, symbol, minter, router, paymentAsset));
        emit ModelTokenCreated(token, msg.sender, minter, router, paymentAsset);
    }
}
