// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRevenueRouter} from "../interfaces/IRevenueRouter.sol";
import {IUsageEscrow} from "../interfaces/IUsageEscrow.sol";

/// @title UsageEscrow
/// @notice Prepaid deposits per (user, model token) and cumulative EIP-712 vouchers, redeemed in
///         batches into the RevenueRouter. See IUsageEscrow and docs/usage-payments.md.
/// @dev Accounting per channel: `balance` (held) and `redeemed` (paid out, monotonic) share one
///      storage slot, so a redemption costs one cold slot read and one write. Every deposit keeps
///      redeemed + balance <= type(uint128).max; a redemption moves value from balance to
///      redeemed and a withdrawal lowers balance, so both fields always fit.
///      For every channel: deposits = balance + redeemed + withdrawn, and this escrow's balance of
///      an asset is the sum of `balance` over the channels of the model tokens paid in it.
///      Payment assets must be plain ERC-20s (no fee on transfer, no rebasing), as for the router.
///      Tokens sent here other than through deposit are not credited to anyone and stay locked.
contract UsageEscrow is IUsageEscrow, EIP712, Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IUsageEscrow
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(address user,address modelToken,uint256 cumulativeAmount,uint64 expiry)");
    /// @notice Smallest withdrawal delay: time the settlement keeper always has to redeem.
    uint64 public constant MIN_WITHDRAW_DELAY = 1 hours;
    /// @notice Largest withdrawal delay: the longest the owner can make users wait.
    uint64 public constant MAX_WITHDRAW_DELAY = 30 days;
    /// @notice Largest redeemed + balance of one channel.
    uint256 public constant MAX_CHANNEL_TOTAL = type(uint128).max;

    /// @inheritdoc IUsageEscrow
    address public immutable router;
    /// @inheritdoc IUsageEscrow
    uint64 public withdrawDelay;

    /// @dev Slot 0 is all a redemption touches; slot 1 only the withdrawal functions.
    struct Channel {
        uint128 balance;
        uint128 redeemed;
        uint128 pendingWithdrawal;
        uint64 unlockAt;
    }

    mapping(address user => mapping(address modelToken => Channel)) private _channels;

    /// @param owner_ the administrator (Ownable2Step): may only set the withdrawal delay
    /// @param router_ the RevenueRouter whose registered tokens this escrow serves
    /// @param withdrawDelay_ seconds, in [MIN_WITHDRAW_DELAY, MAX_WITHDRAW_DELAY]
    constructor(address owner_, address router_, uint64 withdrawDelay_)
        EIP712("Proofmint UsageEscrow", "1")
        Ownable(owner_)
    {
        if (router_ == address(0)) revert ZeroAddress();
        router = router_;
        _setWithdrawDelay(withdrawDelay_);
    }

    // ---------------------------------------------------------------- users

    /// @inheritdoc IUsageEscrow
    function deposit(address modelToken, uint256 amount) external nonReentrant {
        _deposit(msg.sender, modelToken, amount);
    }

    /// @inheritdoc IUsageEscrow
    function depositFor(address user, address modelToken, uint256 amount) external nonReentrant {
        if (user == address(0)) revert ZeroAddress();
        _deposit(user, modelToken, amount);
    }

    /// @inheritdoc IUsageEscrow
    function requestWithdraw(address modelToken, uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Channel storage c = _channels[msg.sender][modelToken];
        uint256 balance = c.balance;
        if (amount > balance) revert InsufficientBalance(balance, amount);
        uint64 unlockAt = uint64(block.timestamp) + withdrawDelay;
        c.pendingWithdrawal = uint128(amount); // amount <= balance < 2**128
        c.unlockAt = unlockAt;
        emit WithdrawRequested(msg.sender, modelToken, amount, unlockAt);
    }

    /// @inheritdoc IUsageEscrow
    function cancelWithdraw(address modelToken) external {
        Channel storage c = _channels[msg.sender][modelToken];
        uint256 pending = c.pendingWithdrawal;
        if (pending == 0) revert NoPendingWithdrawal();
        c.pendingWithdrawal = 0;
        c.unlockAt = 0;
        emit WithdrawCancelled(msg.sender, modelToken, pending);
    }

    /// @inheritdoc IUsageEscrow
    function withdraw(address modelToken) external nonReentrant returns (uint256 amount) {
        Channel storage c = _channels[msg.sender][modelToken];
        uint256 requested = c.pendingWithdrawal;
        if (requested == 0) revert NoPendingWithdrawal();
        uint64 unlockAt = c.unlockAt;
        if (block.timestamp < unlockAt) revert WithdrawalLocked(unlockAt);
        uint256 balance = c.balance;
        amount = requested < balance ? requested : balance;
        c.balance = uint128(balance - amount);
        c.pendingWithdrawal = 0;
        c.unlockAt = 0;
        emit Withdrawn(msg.sender, modelToken, amount, requested);
        if (amount != 0) {
            IERC20(IRevenueRouter(router).paymentAssetOf(modelToken)).safeTransfer(msg.sender, amount);
        }
    }

    // ---------------------------------------------------------------- settlement

    /// @inheritdoc IUsageEscrow
    function redeem(Voucher[] calldata vouchers, bytes[] calldata signatures)
        external
        nonReentrant
        returns (uint256 total)
    {
        uint256 n = vouchers.length;
        if (n == 0) revert EmptyBatch();
        if (n != signatures.length) revert LengthMismatch(n, signatures.length);

        // Effects: every channel first. Totals per distinct model token, in first-seen order;
        // `last` short-cuts the scan when vouchers are grouped by model token.
        address[] memory models = new address[](n);
        uint256[] memory amounts = new uint256[](n);
        uint256 distinct;
        uint256 last;
        for (uint256 i; i < n; ++i) {
            Voucher calldata voucher = vouchers[i];
            uint256 paid = _redeemOne(voucher, signatures[i]);
            if (paid == 0) continue;
            address model = voucher.modelToken;
            if (distinct == 0 || models[last] != model) {
                last = 0;
                while (last < distinct && models[last] != model) ++last;
                if (last == distinct) {
                    models[distinct] = model;
                    ++distinct;
                }
            }
            amounts[last] += paid;
        }

        // Interactions: one exact approval and one pay per model token.
        for (uint256 j; j < distinct; ++j) {
            address model = models[j];
            uint256 amount = amounts[j];
            total += amount;
            emit RevenueForwarded(model, amount);
            IERC20(IRevenueRouter(router).paymentAssetOf(model)).forceApprove(router, amount);
            IRevenueRouter(router).pay(model, amount);
        }
    }

    // ---------------------------------------------------------------- administration

    /// @inheritdoc IUsageEscrow
    function setWithdrawDelay(uint64 withdrawDelay_) external onlyOwner {
        _setWithdrawDelay(withdrawDelay_);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IUsageEscrow
    function channel(address user, address modelToken)
        external
        view
        returns (uint256 balance, uint256 redeemed, uint256 pendingWithdrawal, uint64 unlockAt)
    {
        Channel storage c = _channels[user][modelToken];
        return (c.balance, c.redeemed, c.pendingWithdrawal, c.unlockAt);
    }

    /// @inheritdoc IUsageEscrow
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(voucher);
    }

    /// @inheritdoc IUsageEscrow
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------- internals

    function _deposit(address user, address modelToken, uint256 amount) private {
        address asset = IRevenueRouter(router).paymentAssetOf(modelToken);
        if (asset == address(0)) revert UnknownModelToken(modelToken);
        if (amount == 0) revert ZeroAmount();
        Channel storage c = _channels[user][modelToken];
        uint256 balance = c.balance;
        uint256 total = uint256(c.redeemed) + balance + amount; // each term < 2**128 except amount
        if (amount > MAX_CHANNEL_TOTAL || total > MAX_CHANNEL_TOTAL) {
            revert ChannelLimitExceeded(amount > MAX_CHANNEL_TOTAL ? amount : total, MAX_CHANNEL_TOTAL);
        }
        balance += amount;
        c.balance = uint128(balance);
        emit Deposited(user, modelToken, msg.sender, amount, balance);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Applies one voucher to its channel; returns what it pays (0 when skipped).
    function _redeemOne(Voucher calldata voucher, bytes calldata signature) private returns (uint256 paid) {
        address user = voucher.user;
        address model = voucher.modelToken;
        uint256 cumulative = voucher.cumulativeAmount;
        if (!_isValidSignature(user, _voucherDigest(voucher), signature)) {
            emit VoucherSkipped(user, model, cumulative, SkipReason.InvalidSignature);
            return 0;
        }
        if (block.timestamp > voucher.expiry) {
            emit VoucherSkipped(user, model, cumulative, SkipReason.Expired);
            return 0;
        }
        Channel storage c = _channels[user][model];
        uint256 redeemed = c.redeemed;
        if (cumulative <= redeemed) {
            emit VoucherSkipped(user, model, cumulative, SkipReason.AlreadyRedeemed);
            return 0;
        }
        uint256 balance = c.balance;
        if (balance == 0) {
            emit VoucherSkipped(user, model, cumulative, SkipReason.NoBalance);
            return 0;
        }
        paid = cumulative - redeemed;
        if (paid > balance) paid = balance;
        redeemed += paid; // <= redeemed + balance <= MAX_CHANNEL_TOTAL
        c.balance = uint128(balance - paid);
        c.redeemed = uint128(redeemed);
        emit VoucherRedeemed(user, model, cumulative, paid, redeemed);
    }

    /// @dev 65-byte ECDSA by `user` (OZ: low s, v in {27, 28}, no zero address) first; a contract
    ///      cannot hold a key, so this is safe for accounts with code. Otherwise ERC-1271.
    function _isValidSignature(address user, bytes32 digest, bytes calldata signature) private view returns (bool) {
        if (signature.length == 65) {
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                r := calldataload(signature.offset)
                s := calldataload(add(signature.offset, 0x20))
                v := byte(0, calldataload(add(signature.offset, 0x40)))
            }
            (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, v, r, s);
            if (err == ECDSA.RecoverError.NoError && recovered == user) return true;
        }
        if (user.code.length == 0) return false;
        return SignatureChecker.isValidERC1271SignatureNow(user, digest, signature);
    }

    /// @dev The struct hash is built in scratch memory past the free pointer (not allocated, so a
    ///      long batch does not grow memory), from the decoded fields: dirty calldata reverts.
    function _voucherDigest(Voucher calldata voucher) private view returns (bytes32) {
        bytes32 typehash = VOUCHER_TYPEHASH;
        address user = voucher.user;
        address model = voucher.modelToken;
        uint256 cumulative = voucher.cumulativeAmount;
        uint64 expiry = voucher.expiry;
        bytes32 structHash;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, typehash)
            mstore(add(p, 0x20), user)
            mstore(add(p, 0x40), model)
            mstore(add(p, 0x60), cumulative)
            mstore(add(p, 0x80), expiry)
            structHash := keccak256(p, 0xa0)
        }
        return _hashTypedDataV4(structHash);
    }

    function _setWithdrawDelay(uint64 withdrawDelay_) private {
        if (withdrawDelay_ < MIN_WITHDRAW_DELAY || withdrawDelay_ > MAX_WITHDRAW_DELAY) {
            revert WithdrawDelayOutOfBounds(withdrawDelay_);
        }
        withdrawDelay = withdrawDelay_;
        emit WithdrawDelaySet(withdrawDelay_);
    }
}
