// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IModelToken} from "../../src/interfaces/IModelToken.sol";
import {IModelTokenFactory} from "../../src/interfaces/IModelTokenFactory.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {ModelTokenFactory} from "../../src/token/ModelTokenFactory.sol";
import {TestBase} from "../utils/TestBase.sol";

contract ModelTokenFactoryTest is TestBase {
    ModelTokenFactory internal factory;
    address internal minter;
    address internal router;
    address internal asset;

    function setUp() public {
        factory = new ModelTokenFactory();
        minter = makeAddr("minter");
        router = makeAddr("router");
        asset = makeAddr("asset");
    }

    function test_create_deploysATokenWithTheGivenParameters() public {
        ModelToken token = ModelToken(factory.create("Model Seven", "M7", minter, router, asset));
        vm.assertEq(token.name(), "Model Seven", "name");
        vm.assertEq(token.symbol(), "M7", "symbol");
        vm.assertEq(token.minter(), minter, "minter");
        vm.assertEq(token.router(), router, "router");
        vm.assertEq(token.paymentAsset(), asset, "payment asset");
        vm.assertEq(token.totalSupply(), 0, "no supply");
    }

    function test_create_emitsModelTokenCreated() public {
        address creator = makeAddr("creator");
        // The first contract the factory deploys lives at the factory's nonce-1 CREATE address.
        address expected = _createAddress(address(factory), 1);
        vm.expectEmit(true, true, true, true, address(factory));
        emit IModelTokenFactory.ModelTokenCreated(expected, creator, minter, router, asset);
        vm.prank(creator);
        address token = factory.create("M", "M", minter, router, asset);
        vm.assertEq(token, expected, "address");
    }

    function test_create_givesEachCallANewToken() public {
        address a = factory.create("A", "A", minter, router, asset);
        address b = factory.create("A", "A", minter, router, asset);
        vm.assertTrue(a != b, "distinct tokens");
    }

    function test_create_revertsOnZeroAddresses() public {
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        factory.create("M", "M", address(0), router, asset);
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        factory.create("M", "M", minter, address(0), asset);
        vm.expectRevert(IModelToken.ZeroAddress.selector);
        factory.create("M", "M", minter, router, address(0));
    }

    function _createAddress(address deployer, uint8 nonce) private pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xd6), bytes1(0x94), deployer, bytes1(nonce))))));
    }
}
