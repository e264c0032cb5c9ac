// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @notice Called by a HookERC20 after every balance change, like an ERC-777 / ERC-1363 hook.
interface ITransferHook {
    function onTokenTransfer(address from, address to, uint256 value) external;
}

/// @notice Audit-only ERC-20 with a transfer hook: once `hook` is set, every transfer, mint or
///         burn calls `hook.onTokenTransfer` (one level deep; a failing hook is ignored so the
///         outer transfer completes and the test can inspect what the hook tried).
/// @dev Storage starts exactly like MockERC20 (ERC20, then ERC20Permit), so its runtime code can
///      be `vm.etch`ed over a deployed MockERC20 to turn a fixture's plain token into a hostile one
///      while keeping every balance. The hook lives in slots after the inherited ones.
contract HookERC20 is ERC20, ERC20Permit {
    address public hook;
    bool private _inHook;

    constructor() ERC20("Hook", "HOOK") ERC20Permit("Hook") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address hook_) external {
        hook = hook_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address h = hook;
        if (h == address(0) || _inHook) return;
        _inHook = true;
        // A reverting hook must not hide what the contract under test did.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = h.call(abi.encodeCall(ITransferHook.onTokenTransfer, (from, to, value)));
        ok; // the hook records its own outcomes
        _inHook = false;
    }
}

/// @notice A hostile account: holds tokens, stakes, deposits, acts through `exec`, and from inside
///         a token transfer (as the token's hook) replays a queue of calls, each as itself. Every
///         attempt's outcome is recorded so a test can assert that the guard, or the state already
///         written before the transfer (checks-effects-interactions), refused it.
contract Reenterer is ITransferHook {
    struct Attempt {
        address target;
        bytes data;
    }

    Attempt[] internal _queue;
    bool[] public attemptOk;
    bytes[] internal _attemptRevert;
    /// @notice Fire only on transfers that touch this account (false: on every transfer).
    bool public onlyOwnTransfers = true;

    /// @notice Queues a call to make from inside the next hooked transfer.
    function arm(address target, bytes calldata data) external {
        _queue.push(Attempt(target, data));
    }

    function setOnlyOwnTransfers(bool value) external {
        onlyOwnTransfers = value;
    }

    /// @notice Acts as this account.
    function exec(address target, bytes calldata data) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }

    function onTokenTransfer(address from, address to, uint256) external {
        if (onlyOwnTransfers && from != address(this) && to != address(this)) return;
        uint256 n = _queue.length;
        if (n == 0) return;
        Attempt[] memory pending = new Attempt[](n);
        for (uint256 i; i < n; ++i) {
            pending[i] = _queue[i];
        }
        delete _queue;
        for (uint256 i; i < n; ++i) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = pending[i].target.call(pending[i].data);
            attemptOk.push(ok);
            _attemptRevert.push(ret);
        }
    }

    function attempts() external view returns (uint256) {
        return attemptOk.length;
    }

    function attemptRevert(uint256 i) external view returns (bytes memory) {
        return _attemptRevert[i];
    }

    /// @notice The 4-byte selector of attempt `i`'s revert data (0 if it succeeded or was empty).
    function attemptError(uint256 i) external view returns (bytes4 selector) {
        bytes memory ret = _attemptRevert[i];
        if (ret.length < 4) return bytes4(0);
        assembly ("memory-safe") {
            selector := mload(add(ret, 0x20))
        }
    }
}
