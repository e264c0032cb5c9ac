// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice The subset of Foundry's cheatcodes these tests use, at forge's fixed cheatcode address.
///         (The npm forge-std package is an old, incomplete copy, so we declare what we need.)
interface Vm {
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function roll(uint256 blockNumber) external;
    function deal(address account, uint256 balance) external;
    function assume(bool condition) external pure;
    function expectRevert(bytes4 selector) external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert() external;
    function expectEmit(bool topic1, bool topic2, bool topic3, bool data) external;
    function label(address account, string calldata name) external;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right, string calldata error) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
    // Token and staking tests:
    function expectEmit(bool topic1, bool topic2, bool topic3, bool data, address emitter) external;
    function assertEq(int256 left, int256 right, string calldata error) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertApproxEqAbs(uint256 left, uint256 right, uint256 maxDelta, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
    // Registry tests:
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
    function cool(address target) external;
    function store(address target, bytes32 slot, bytes32 value) external;
    function load(address target, bytes32 slot) external view returns (bytes32);
    function toString(uint256 value) external pure returns (string memory);
    function etch(address target, bytes calldata newRuntimeBytecode) external;
    function chainId(uint256 newChainId) external;
    // UsageEscrow gas tests:
    function snapshotState() external returns (uint256 snapshotId);
    function revertToState(uint256 snapshotId) external returns (bool success);
    // Audit suite (test/audit):
    function envOr(string calldata name, bool defaultValue) external view returns (bool value);
    function skip(bool skipTest) external;
    function assertNotEq(bytes32 left, bytes32 right, string calldata error) external pure;
}
