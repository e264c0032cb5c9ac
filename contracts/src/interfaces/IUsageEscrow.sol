// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title IUsageEscrow
/// @notice Metered usage payments, payment-channel style. A model user deposits the model's
///         payment asset into a channel keyed by (user, modelToken). Every paid API call carries
///         an EIP-712 `Voucher` signed by the user that states the CUMULATIVE amount owed on that
///         channel so far. Anyone may redeem the latest voucher of each channel, many in one
///         transaction; a redemption pays the difference since the last one (capped by the
///         channel's balance) to the model through `IRevenueRouter.pay`, once per model token per
///         batch. Users leave through a delayed withdrawal, so a redemption can always land first.
/// @dev EIP-712 domain: name "Proofmint UsageEscrow", version "1", the chain id and this
///      contract's address. Struct type (field order is part of the signature):
///      `Voucher(address user,address modelToken,uint256 cumulativeAmount,uint64 expiry)`.
///      docs/usage-payments.md has the flow, the security argument and the server's checks.
interface IUsageEscrow {
    // ---------------------------------------------------------------- types

    /// @notice What a user signs. Redeemable while `block.timestamp <= expiry`; it pays
    ///         `min(cumulativeAmount - redeemed, balance)` of the (user, modelToken) channel.
    /// @param user the channel owner and the signer (an EOA key, or an ERC-1271 account)
    /// @param modelToken the model being paid for (a token the RevenueRouter registered)
    /// @param cumulativeAmount total owed on this channel since it opened, in payment asset
    ///        base units; never decreases from one voucher to the next
    /// @param expiry last second (unix time, inclusive) at which the voucher can be redeemed;
    ///        type(uint64).max for none
    struct Voucher {
        address user;
        address modelToken;
        uint256 cumulativeAmount;
        uint64 expiry;
    }

    /// @notice Why a voucher in a batch paid nothing. Every reason but InvalidSignature implies
    ///         the user really signed the voucher.
    enum SkipReason {
        /// The signature is not the user's (wrong key, other chain / escrow / model / fields,
        /// malformed, high-s, or the ERC-1271 account refused it).
        InvalidSignature,
        /// `block.timestamp > expiry`.
        Expired,
        /// `cumulativeAmount <= redeemed`: a replayed or older voucher.
        AlreadyRedeemed,
        /// The channel's balance is zero (never funded, fully redeemed, or withdrawn).
        NoBalance
    }

    // ---------------------------------------------------------------- events

    /// @notice `payer` added `amount` to the channel (`user`, `modelToken`); its balance is now `balance`.
    event Deposited(
        address indexed user, address indexed modelToken, address indexed payer, uint256 amount, uint256 balance
    );
    /// @notice A voucher for `cumulativeAmount` paid `paid` (> 0); the channel's redeemed total is
    ///         now `redeemed` (below `cumulativeAmount` iff the balance capped the payment).
    event VoucherRedeemed(
        address indexed user, address indexed modelToken, uint256 cumulativeAmount, uint256 paid, uint256 redeemed
    );
    /// @notice A voucher for `cumulativeAmount` paid nothing, for `reason`. The batch went on.
    event VoucherSkipped(address indexed user, address indexed modelToken, uint256 cumulativeAmount, SkipReason reason);
    /// @notice A batch paid `amount` for `modelToken` through RevenueRouter.pay (the router's
    ///         RevenuePaid event, with this escrow as payer, has the split).
    event RevenueForwarded(address indexed modelToken, uint256 amount);
    /// @notice `user` asked to withdraw `amount` from its `modelToken` channel, possible from
    ///         `unlockAt`. Replaces any earlier request.
    event WithdrawRequested(address indexed user, address indexed modelToken, uint256 amount, uint64 unlockAt);
    /// @notice `user` cancelled its request to withdraw `amount`.
    event WithdrawCancelled(address indexed user, address indexed modelToken, uint256 amount);
    /// @notice `user` withdrew `amount` of the `requested`; less when redemptions during the
    ///         delay left less in the channel.
    event Withdrawn(address indexed user, address indexed modelToken, uint256 amount, uint256 requested);
    /// @notice The withdrawal delay changed; it applies to requests made from now on.
    event WithdrawDelaySet(uint64 withdrawDelay);

    // ---------------------------------------------------------------- errors

    /// @notice The zero address was given where an address is required.
    error ZeroAddress();
    /// @notice An amount of zero was given where a positive amount is required.
    error ZeroAmount();
    /// @notice `modelToken` is not registered with the RevenueRouter.
    error UnknownModelToken(address modelToken);
    /// @notice The deposit would take the channel's redeemed + balance to `total`, above `limit`
    ///         (type(uint128).max).
    error ChannelLimitExceeded(uint256 total, uint256 limit);
    /// @notice A withdrawal of `requested` was asked from a channel holding `balance`.
    error InsufficientBalance(uint256 balance, uint256 requested);
    /// @notice The caller has no pending withdrawal on this channel.
    error NoPendingWithdrawal();
    /// @notice The pending withdrawal unlocks only at `unlockAt`.
    error WithdrawalLocked(uint64 unlockAt);
    /// @notice `withdrawDelay` is outside [MIN_WITHDRAW_DELAY, MAX_WITHDRAW_DELAY].
    error WithdrawDelayOutOfBounds(uint64 withdrawDelay);
    /// @notice The batch had no vouchers.
    error EmptyBatch();
    /// @notice `vouchers` and `signatures` differ in length.
    error LengthMismatch(uint256 vouchers, uint256 signatures);

    // ---------------------------------------------------------------- users

    /// @notice Pulls `amount` of `modelToken`'s payment asset from the caller (approve this
    ///         escrow first) into the caller's channel for `modelToken`.
    /// @dev Reverts UnknownModelToken, ZeroAmount, ChannelLimitExceeded, and whatever the asset's
    ///      transferFrom reverts with.
    /// @param modelToken a token the RevenueRouter registered
    /// @param amount payment asset base units, > 0
    function deposit(address modelToken, uint256 amount) external;

    /// @notice Like `deposit`, but credits the channel of `user` (a sponsor funds a user). The
    ///         funds then belong to `user`, who alone can withdraw them.
    /// @dev Reverts ZeroAddress, UnknownModelToken, ZeroAmount, ChannelLimitExceeded, and whatever
    ///      the asset's transferFrom reverts with.
    /// @param user the channel owner credited
    /// @param modelToken a token the RevenueRouter registered
    /// @param amount payment asset base units, > 0, pulled from the caller
    function depositFor(address user, address modelToken, uint256 amount) external;

    /// @notice Asks to withdraw `amount` from the caller's `modelToken` channel after
    ///         `withdrawDelay`. Replaces any pending request and restarts the delay. Vouchers
    ///         redeemed in the meantime reduce what `withdraw` pays.
    /// @dev Reverts ZeroAmount, InsufficientBalance (amount above the balance now).
    /// @param modelToken the channel's model token
    /// @param amount payment asset base units, in [1, balance]
    function requestWithdraw(address modelToken, uint256 amount) external;

    /// @notice Drops the caller's pending withdrawal request on its `modelToken` channel.
    /// @dev Reverts NoPendingWithdrawal.
    /// @param modelToken the channel's model token
    function cancelWithdraw(address modelToken) external;

    /// @notice Pays the caller min(requested, balance) of its `modelToken` channel once the
    ///         request has unlocked, and clears the request. Pays 0 (and still clears it) when
    ///         redemptions took the whole balance.
    /// @dev Reverts NoPendingWithdrawal, WithdrawalLocked.
    /// @param modelToken the channel's model token
    /// @return amount paid to the caller
    function withdraw(address modelToken) external returns (uint256 amount);

    // ---------------------------------------------------------------- settlement

    /// @notice Redeems vouchers, permissionless: each pays
    ///         min(cumulativeAmount - redeemed, balance) of its channel, or is skipped (event
    ///         VoucherSkipped, no revert) if its signature is invalid, it expired, it is not above
    ///         the redeemed amount, or the channel is empty. Vouchers of one channel may repeat;
    ///         they are applied in order. The total per model token is then paid to the
    ///         RevenueRouter with one `pay` call per distinct model token.
    /// @dev Reverts EmptyBatch, LengthMismatch, and whatever RevenueRouter.pay reverts with.
    ///      Signatures: 65-byte (r, s, v) ECDSA by `user` with low s; if that fails, ERC-1271
    ///      `isValidSignature` on `user`.
    /// @param vouchers the vouchers, ideally the latest one per channel
    /// @param signatures the user's signature of each voucher's EIP-712 digest, same order
    /// @return total amount paid over all model tokens
    function redeem(Voucher[] calldata vouchers, bytes[] calldata signatures) external returns (uint256 total);

    // ---------------------------------------------------------------- administration

    /// @notice Sets the withdrawal delay for requests made from now on. Owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, WithdrawDelayOutOfBounds.
    /// @param withdrawDelay_ seconds, in [MIN_WITHDRAW_DELAY, MAX_WITHDRAW_DELAY]
    function setWithdrawDelay(uint64 withdrawDelay_) external;

    // ---------------------------------------------------------------- views

    /// @notice State of the (`user`, `modelToken`) channel.
    /// @return balance payment asset held for the channel: deposits - redeemed - withdrawn
    /// @return redeemed cumulative amount redeemed so far (never decreases)
    /// @return pendingWithdrawal amount of the pending withdrawal request (0 if none)
    /// @return unlockAt when the pending request can be withdrawn (0 if none)
    function channel(address user, address modelToken)
        external
        view
        returns (uint256 balance, uint256 redeemed, uint256 pendingWithdrawal, uint64 unlockAt);

    /// @notice The EIP-712 digest the user signs for `voucher` on this chain and escrow.
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32);

    /// @notice The EIP-712 domain separator (recomputed if the chain id changes).
    function domainSeparator() external view returns (bytes32);

    /// @notice keccak256("Voucher(address user,address modelToken,uint256 cumulativeAmount,uint64 expiry)").
    function VOUCHER_TYPEHASH() external view returns (bytes32);

    /// @notice The RevenueRouter that registers model tokens and receives the payments (immutable).
    function router() external view returns (address);

    /// @notice Seconds between requestWithdraw and the earliest withdraw.
    function withdrawDelay() external view returns (uint64);
}
