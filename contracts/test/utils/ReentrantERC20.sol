// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 that, once armed, calls `target` with `data` from inside every
///         transfer, to prove that a contract's reentrancy guard holds. Anyone can mint.
contract ReentrantERC20 is ERC20 {
    address public target;
    bytes public data;
    bool public reentered;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @dev From now on, each transfer calls `target_` with `data_` once and records the outcome.
    function arm(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = target;
        if (t != address(0)) {
            target = address(0);
            (bool ok, bytes memory ret) = t.call(data);
            reentered = ok;
            reentryRevertData = ret;
        }
    }
}
