// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @dev Role of an account that stakes to train. An account's role is fixed by its first stake.
uint8 constant ROLE_TRAINER = 1;
/// @dev Role of an account that stakes to verify (sign attestations).
uint8 constant ROLE_VERIFIER = 2;

/// @title IStakeManager
/// @notice Stake of trainers and verifiers in one ERC-20 stake token. Each account has one role
///         (1 = Trainer, 2 = Verifier), fixed by its first stake. An account's stake is split into
///         `staked` (of which `locked` is reserved as task bonds by the registry) and `unbonding`
///         (requested for withdrawal, releasable after `unbondingDelay`). All three stay slashable.
///         Only the TrainingRegistry (set once by the owner) locks, unlocks and slashes.
/// @dev Challenge windows: the registry must keep every challenge window, plus the time it allows
///      to resolve a dispute, at most `MIN_UNBONDING_DELAY()` (7 days), the lower bound of
///      `unbondingDelay`. Then stake that backed an attestation or a task cannot leave before a
///      dispute about it can be resolved.
interface IStakeManager {
    // ---------------------------------------------------------------- events

    /// @notice `account` staked `amount` more; its staked total (excluding unbonding) is now `staked`.
    event Staked(address indexed account, uint8 indexed role, uint256 amount, uint256 staked);
    /// @notice `account` moved `amount` from staked to unbonding; all of its unbonding stake
    ///         (`unbonding`) becomes withdrawable at `releaseAt` (a new request restarts the delay).
    event UnbondRequested(address indexed account, uint256 amount, uint256 unbonding, uint64 releaseAt);
    /// @notice `account` withdrew `amount` of matured unbonding stake.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The registry reserved `amount` of `account`'s free stake; `locked` is its new total.
    event StakeLocked(address indexed account, uint256 amount, uint256 locked);
    /// @notice The registry released `amount` of `account`'s locked stake; `locked` is its new total.
    event StakeUnlocked(address indexed account, uint256 amount, uint256 locked);
    /// @notice The registry slashed `account`: `requested` was asked, `slashed` taken (never more
    ///         than held), `proverReward` paid to `prover`, `treasuryAmount` to the treasury.
    event Slashed(
        address indexed account,
        address indexed prover,
        uint256 requested,
        uint256 slashed,
        uint256 proverReward,
        uint256 treasuryAmount
    );
    /// @notice `account` was jailed (permanently: it can never be active again).
    event Jailed(address indexed account);
    /// @notice The registry (the only caller of lock, unlock and slash) was set, once.
    event RegistrySet(address indexed registry);
    /// @notice The treasury that receives the non-prover part of slashes changed.
    event TreasurySet(address indexed treasury);
    /// @notice The minimum stake for `role` to be active changed.
    event MinStakeSet(uint8 indexed role, uint256 minStake);
    /// @notice The unbonding delay changed (applies to requests made from now on).
    event UnbondingDelaySet(uint64 unbondingDelay);
    /// @notice The prover's share of slashed stake, in basis points, changed.
    event ProverShareSet(uint16 proverShareBps);

    // ---------------------------------------------------------------- errors

    /// @notice `role` is not 1 (Trainer) or 2 (Verifier).
    error InvalidRole(uint8 role);
    /// @notice `account` already has role `current` and cannot stake as `requested`.
    error RoleMismatch(address account, uint8 current, uint8 requested);
    /// @notice An amount of zero was given where a positive amount is required.
    error ZeroAmount();
    /// @notice The zero address was given where an address is required.
    error ZeroAddress();
    /// @notice `account` is jailed and cannot stake.
    error AccountJailed(address account);
    /// @notice `account` has `free` unlocked staked tokens, fewer than the `requested`.
    error InsufficientFreeStake(address account, uint256 free, uint256 requested);
    /// @notice The caller has no unbonding stake.
    error NothingToWithdraw();
    /// @notice The caller's unbonding stake is releasable only at `releaseAt`.
    error UnbondingNotMatured(uint64 releaseAt);
    /// @notice `caller` is not the registry.
    error NotRegistry(address caller);
    /// @notice The registry was already set.
    error RegistryAlreadySet();
    /// @notice `account` is not an active verifier (role, minimum stake or jail).
    error NotActiveVerifier(address account);
    /// @notice `minStake` is outside [1, type(uint128).max].
    error MinStakeOutOfBounds(uint256 minStake);
    /// @notice `unbondingDelay` is outside [MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY].
    error UnbondingDelayOutOfBounds(uint64 unbondingDelay);
    /// @notice `proverShareBps` is above MAX_PROVER_SHARE_BPS.
    error ProverShareOutOfBounds(uint16 proverShareBps);

    // ---------------------------------------------------------------- stakers

    /// @notice Pulls `amount` stake tokens from the caller (approve first) and adds them to its
    ///         staked balance. The first stake fixes the caller's role.
    /// @dev Reverts InvalidRole, ZeroAmount, RoleMismatch, AccountJailed.
    /// @param role 1 = Trainer, 2 = Verifier
    /// @param amount stake token base units
    function stake(uint8 role, uint256 amount) external;

    /// @notice Moves `amount` of the caller's free (staked, not locked) stake to unbonding, and
    ///         sets the release time of ALL its unbonding stake to now + unbondingDelay.
    ///         Jailed accounts may unbond. Unbonding stake no longer counts toward activity.
    /// @dev Reverts ZeroAmount, InsufficientFreeStake.
    function requestUnbond(uint256 amount) external;

    /// @notice Pays the caller all of its unbonding stake once its release time has passed.
    /// @dev Reverts NothingToWithdraw, UnbondingNotMatured.
    /// @return amount paid
    function withdraw() external returns (uint256);

    // ---------------------------------------------------------------- registry only

    /// @notice Reserves `amount` of `account`'s free stake (a task bond). Zero is a no-op.
    /// @dev Registry only. Reverts NotRegistry, InsufficientFreeStake. Does not check role or jail:
    ///      the registry checks `isActive` before it lets an account take a task.
    function lock(address account, uint256 amount) external;

    /// @notice Releases up to `amount` of `account`'s locked stake: min(amount, locked), so an
    ///         unlock after a slash that already consumed the bond never reverts. Zero is a no-op.
    /// @dev Registry only. Reverts NotRegistry.
    function unlock(address account, uint256 amount) external;

    /// @notice Takes up to `amount` from `account`: locked stake first, then free staked, then
    ///         unbonding; never more than held. Jails the account (even if nothing was held).
    ///         `prover` receives proverShareBps of the slashed amount (nothing if it is the zero
    ///         address), the treasury the rest; both are paid in the stake token at once.
    /// @dev Registry only. Reverts NotRegistry.
    /// @return slashed the amount actually taken
    function slash(address account, uint256 amount, address prover) external returns (uint256 slashed);

    // ---------------------------------------------------------------- views

    /// @notice True iff `account` has role `role`, staked (excluding unbonding, including locked)
    ///         >= minStake(role), and is not jailed. False for an invalid role.
    function isActive(address account, uint8 role) external view returns (bool);

    /// @notice Reverts NotActiveVerifier(account) on the first account that is not an active
    ///         verifier. One storage read per account (plus one for the minimum).
    function requireActiveVerifiers(address[] calldata accounts) external view;

    /// @notice The ERC-20 that is staked (fixed at deployment).
    function stakeToken() external view returns (address);

    /// @notice Seconds between requestUnbond and the earliest withdraw.
    function unbondingDelay() external view returns (uint64);

    /// @notice Lower bound of unbondingDelay (7 days); the registry caps challenge windows at it.
    function MIN_UNBONDING_DELAY() external view returns (uint64);

    /// @notice The TrainingRegistry, the only caller of lock, unlock and slash (zero until set).
    function registry() external view returns (address);

    /// @notice Minimum staked amount for `role` to be active (0 for an invalid role).
    function minStake(uint8 role) external view returns (uint256);

    /// @notice Full stake record of `account`.
    /// @return role 0 if it never staked, else 1 or 2
    /// @return jailed whether it is jailed
    /// @return staked staked amount, locked included, unbonding excluded
    /// @return locked part of `staked` reserved by the registry
    /// @return unbonding amount waiting to be withdrawn
    /// @return releaseAt when `unbonding` becomes withdrawable (0 if nothing is unbonding)
    function stakeOf(address account)
        external
        view
        returns (uint8 role, bool jailed, uint256 staked, uint256 locked, uint256 unbonding, uint64 releaseAt);

    /// @notice Staked amount not locked: what lock and requestUnbond may still take.
    function freeStake(address account) external view returns (uint256);
}
