// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "./MockERC20.sol";
import {RevenueRouter} from "../../src/revenue/RevenueRouter.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {ModelTokenFactory} from "../../src/token/ModelTokenFactory.sol";
import {TestBase} from "./TestBase.sol";

/// @notice A RevenueRouter (80 / 15 / 5) with a registered token made by the factory. The test
///         contract is the router's owner and plays the TrainingRegistry: the token's minter and
///         the router's registry.
abstract contract RevenueRouterTestBase is TestBase {
    uint16 internal constant HOLDERS_BPS = 8_000;
    uint16 internal constant VERIFIERS_BPS = 1_500;
    uint16 internal constant TREASURY_BPS = 500;

    MockERC20 internal asset;
    ModelTokenFactory internal factory;
    RevenueRouter internal router;
    ModelToken internal token;
    address internal treasury;
    address internal verifierPool;
    address internal payer;

    function setUp() public virtual {
        treasury = makeAddr("treasury");
        verifierPool = makeAddr("verifierPool");
        payer = makeAddr("payer");
        asset = new MockERC20("Proofmint Mock USD", "mUSD", 6);
        factory = new ModelTokenFactory();
        router = new RevenueRouter(address(this), treasury, verifierPool, HOLDERS_BPS, VERIFIERS_BPS, TREASURY_BPS);
        router.setRegistry(address(this));
        token = _newToken();
        router.registerToken(address(token));
    }

    function _newToken() internal returns (ModelToken) {
        return ModelToken(factory.create("Model One", "M1", address(this), address(router), address(asset)));
    }

    /// @dev Mints `amount` of the asset to `from`, approves the router and pays for `token_`.
    function _pay(address from, address token_, uint256 amount) internal {
        asset.mint(from, amount);
        vm.startPrank(from);
        asset.approve(address(router), amount);
        router.pay(token_, amount);
        vm.stopPrank();
    }
}
