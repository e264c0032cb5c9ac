// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title MockERC20
/// @notice An ERC-20 with ERC-2612 permit that ANYONE can mint: the payment stablecoin and the
///         stake token of a devnet. DEVNET ONLY: it has no supply control at all, so it must never
///         be deployed to a network where tokens have value (the Java deployer refuses to).
contract MockERC20 is ERC20, ERC20Permit {
    uint8 private immutable _decimals;

    /// @param name_ token name, also the EIP-712 domain name of permit signatures
    /// @param symbol_ token symbol
    /// @param decimals_ decimal places shown by wallets (6 for a mock stablecoin, 18 for stake)
    constructor(string memory name_, string memory symbol_, uint8 decimals_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        _decimals = decimals_;
    }

    /// @notice Creates `amount` tokens for `to`. Open to every caller: devnet faucet.
    /// @param to receiver of the new tokens
    /// @param amount how many base units to create
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Decimal places of the token, as set at deployment.
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
