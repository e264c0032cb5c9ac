// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakeManager, ROLE_TRAINER, ROLE_VERIFIER} from "../interfaces/IStakeManager.sol";

/// @title StakeManager
/// @notice Holds the stake of trainers and verifiers in one ERC-20. Stake is `staked` (part of it
///         `locked` as task bonds by the registry) or `unbonding` (withdrawable after
///         `unbondingDelay`); all of it stays slashable by the registry until withdrawn. A slash
///         jails the account for good: it can never be active or stake again, but it can still
///         unbond and withdraw what is left once the registry has unlocked its bonds.
/// @dev Storage: each account's staked amount, role, jailed flag and release time share ONE slot
///      (`_stakes`), so `requireActiveVerifiers` costs one SLOAD per verifier. Locked and unbonding
///      amounts share a second slot (`_reserves`). Amounts are stored as uint128.
///      The stake token must be a plain ERC-20 (no fee on transfer, no rebasing, no transfer
///      hooks): slashes pay the prover and the treasury directly.
contract StakeManager is IStakeManager, Ownable2Step {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    struct Stake {
        uint128 staked; // includes locked, excludes unbonding
        uint8 role;
        bool jailed;
        uint64 releaseAt; // when the unbonding amount becomes withdrawable
    }

    struct Reserve {
        uint128 locked; // part of Stake.staked reserved by the registry
        uint128 unbonding;
    }

    /// @notice Basis points in a whole.
    uint16 public constant BPS = 10_000;
    /// @inheritdoc IStakeManager
    uint64 public constant MIN_UNBONDING_DELAY = 7 days;
    /// @notice Largest unbonding delay.
    uint64 public constant MAX_UNBONDING_DELAY = 90 days;
    /// @notice Largest share of a slash that goes to the prover (the rest goes to the treasury,
    ///         so self-reporting a fraud never pays back more than half of the slash).
    uint16 public constant MAX_PROVER_SHARE_BPS = 5_000;

    /// @inheritdoc IStakeManager
    address public immutable stakeToken;

    /// @inheritdoc IStakeManager
    address public registry;
    /// @inheritdoc IStakeManager
    uint64 public unbondingDelay;
    /// @notice Share of each slash paid to the prover, in basis points.
    uint16 public proverShareBps;
    /// @notice Receives the non-prover part of every slash.
    address public treasury;
    uint128 private _minTrainerStake;
    uint128 private _minVerifierStake;

    mapping(address account => Stake) private _stakes;
    mapping(address account => Reserve) private _reserves;

    /// @param owner_ the administrator (Ownable2Step)
    /// @param stakeToken_ the ERC-20 that is staked
    /// @param treasury_ receiver of the non-prover part of slashes
    /// @param minTrainerStake_ minimum staked amount of an active trainer
    /// @param minVerifierStake_ minimum staked amount of an active verifier
    /// @param unbondingDelay_ seconds from requestUnbond to withdraw, in [MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY]
    /// @param proverShareBps_ prover's share of slashes, <= MAX_PROVER_SHARE_BPS
    constructor(
        address owner_,
        address stakeToken_,
        address treasury_,
        uint256 minTrainerStake_,
        uint256 minVerifierStake_,
        uint64 unbondingDelay_,
        uint16 proverShareBps_
    ) Ownable(owner_) {
        if (stakeToken_ == address(0)) revert ZeroAddress();
        stakeToken = stakeToken_;
        _setTreasury(treasury_);
        _setMinStake(ROLE_TRAINER, minTrainerStake_);
        _setMinStake(ROLE_VERIFIER, minVerifierStake_);
        _setUnbondingDelay(unbondingDelay_);
        _setProverShareBps(proverShareBps_);
    }

    modifier onlyRegistry() {
        if (msg.sender != registry) revert NotRegistry(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- stakers

    /// @inheritdoc IStakeManager
    function stake(uint8 role, uint256 amount) external {
        if (role != ROLE_TRAINER && role != ROLE_VERIFIER) revert InvalidRole(role);
        if (amount == 0) revert ZeroAmount();
        Stake memory s = _stakes[msg.sender];
        if (s.role == 0) s.role = role;
        else if (s.role != role) revert RoleMismatch(msg.sender, s.role, role);
        if (s.jailed) revert AccountJailed(msg.sender);
        uint256 staked = s.staked + amount;
        s.staked = staked.toUint128();
        _stakes[msg.sender] = s;
        emit Staked(msg.sender, role, amount, staked);
        IERC20(stakeToken).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IStakeManager
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Stake memory s = _stakes[msg.sender];
        Reserve memory r = _reserves[msg.sender];
        uint256 free = s.staked - r.locked;
        if (amount > free) revert InsufficientFreeStake(msg.sender, free, amount);
        s.staked -= amount.toUint128(); // amount <= free <= staked
        uint256 unbonding = uint256(r.unbonding) + amount;
        r.unbonding = unbonding.toUint128();
        uint64 releaseAt = block.timestamp.toUint64() + unbondingDelay;
        s.releaseAt = releaseAt;
        _stakes[msg.sender] = s;
        _reserves[msg.sender] = r;
        emit UnbondRequested(msg.sender, amount, unbonding, releaseAt);
    }

    /// @inheritdoc IStakeManager
    function withdraw() external returns (uint256 amount) {
        Reserve storage r = _reserves[msg.sender];
        amount = r.unbonding;
        if (amount == 0) revert NothingToWithdraw();
        Stake storage s = _stakes[msg.sender];
        uint64 releaseAt = s.releaseAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < releaseAt) revert UnbondingNotMatured(releaseAt);
        r.unbonding = 0;
        s.releaseAt = 0;
        emit Withdrawn(msg.sender, amount);
        IERC20(stakeToken).safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- registry only

    /// @inheritdoc IStakeManager
    function lock(address account, uint256 amount) external onlyRegistry {
        if (amount == 0) return;
        Reserve storage r = _reserves[account];
        uint256 locked = r.locked;
        uint256 free = _stakes[account].staked - locked;
        if (amount > free) revert InsufficientFreeStake(account, free, amount);
        locked += amount; // <= staked
        r.locked = locked.toUint128();
        emit StakeLocked(account, amount, locked);
    }

    /// @inheritdoc IStakeManager
    function unlock(address account, uint256 amount) external onlyRegistry {
        Reserve storage r = _reserves[account];
        uint256 locked = r.locked;
        if (amount > locked) amount = locked;
        if (amount == 0) return;
        locked -= amount;
        r.locked = locked.toUint128();
        emit StakeUnlocked(account, amount, locked);
    }

    /// @inheritdoc IStakeManager
    function slash(address account, uint256 amount, address prover) external onlyRegistry returns (uint256 slashed) {
        Stake memory s = _stakes[account];
        Reserve memory r = _reserves[account];
        // Locked first, then free staked (both are part of `staked`), then unbonding.
        uint256 fromStaked = amount < s.staked ? amount : s.staked;
        uint256 fromUnbonding = amount - fromStaked;
        if (fromUnbonding > r.unbonding) fromUnbonding = r.unbonding;
        slashed = fromStaked + fromUnbonding;
        s.staked -= fromStaked.toUint128();
        r.locked = fromStaked < r.locked ? r.locked - fromStaked.toUint128() : 0;
        r.unbonding -= fromUnbonding.toUint128();
        bool newlyJailed = !s.jailed;
        s.jailed = true;
        _stakes[account] = s;
        _reserves[account] = r;
        if (newlyJailed) emit Jailed(account);

        uint256 proverReward = prover == address(0) ? 0 : slashed * proverShareBps / BPS;
        uint256 treasuryAmount = slashed - proverReward;
        emit Slashed(account, prover, amount, slashed, proverReward, treasuryAmount);
        IERC20 token = IERC20(stakeToken);
        if (proverReward != 0) token.safeTransfer(prover, proverReward);
        if (treasuryAmount != 0) token.safeTransfer(treasury, treasuryAmount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStakeManager
    function isActive(address account, uint8 role) external view returns (bool) {
        if (role != ROLE_TRAINER && role != ROLE_VERIFIER) return false;
        Stake memory s = _stakes[account];
        return s.role == role && !s.jailed && s.staked >= minStake(role);
    }

    /// @inheritdoc IStakeManager
    function requireActiveVerifiers(address[] calldata accounts) external view {
        uint256 min = _minVerifierStake;
        uint256 n = accounts.length;
        for (uint256 i; i < n; ++i) {
            address account = accounts[i];
            Stake memory s = _stakes[account];
            if (s.role != ROLE_VERIFIER || s.jailed || s.staked < min) revert NotActiveVerifier(account);
        }
    }

    /// @inheritdoc IStakeManager
    function minStake(uint8 role) public view returns (uint256) {
        if (role == ROLE_TRAINER) return _minTrainerStake;
        if (role == ROLE_VERIFIER) return _minVerifierStake;
        return 0;
    }

    /// @inheritdoc IStakeManager
    function stakeOf(address account)
        external
        view
        returns (uint8 role, bool jailed, uint256 staked, uint256 locked, uint256 unbonding, uint64 releaseAt)
    {
        Stake memory s = _stakes[account];
        Reserve memory r = _reserves[account];
        return (s.role, s.jailed, s.staked, r.locked, r.unbonding, s.releaseAt);
    }

    /// @inheritdoc IStakeManager
    function freeStake(address account) external view returns (uint256) {
        return _stakes[account].staked - _reserves[account].locked;
    }

    // ---------------------------------------------------------------- administration

    /// @notice Sets the registry, the only caller of lock, unlock and slash. Once; owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ZeroAddress, RegistryAlreadySet.
    function setRegistry(address registry_) external onlyOwner {
        if (registry_ == address(0)) revert ZeroAddress();
        if (registry != address(0)) revert RegistryAlreadySet();
        registry = registry_;
        emit RegistrySet(registry_);
    }

    /// @notice Sets the minimum stake of `role`, in [1, type(uint128).max]. Owner only. Takes
    ///         effect at once: accounts below the new minimum stop being active.
    /// @dev Reverts OwnableUnauthorizedAccount, InvalidRole, MinStakeOutOfBounds.
    function setMinStake(uint8 role, uint256 amount) external onlyOwner {
        _setMinStake(role, amount);
    }

    /// @notice Sets the unbonding delay, in [MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY]. Owner only.
    ///         Applies to requests made from now on; pending release times do not move.
    /// @dev Reverts OwnableUnauthorizedAccount, UnbondingDelayOutOfBounds.
    function setUnbondingDelay(uint64 delay) external onlyOwner {
        _setUnbondingDelay(delay);
    }

    /// @notice Sets the prover's share of slashes, <= MAX_PROVER_SHARE_BPS. Owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ProverShareOutOfBounds.
    function setProverShareBps(uint16 bps) external onlyOwner {
        _setProverShareBps(bps);
    }

    /// @notice Sets the treasury. Owner only.
    /// @dev Reverts OwnableUnauthorizedAccount, ZeroAddress.
    function setTreasury(address treasury_) external onlyOwner {
        _setTreasury(treasury_);
    }

    function _setMinStake(uint8 role, uint256 amount) private {
        if (amount == 0 || amount > type(uint128).max) revert MinStakeOutOfBounds(amount);
        if (role == ROLE_TRAINER) _minTrainerStake = amount.toUint128();
        else if (role == ROLE_VERIFIER) _minVerifierStake = amount.toUint128();
        else revert InvalidRole(role);
        emit MinStakeSet(role, amount);
    }

    function _setUnbondingDelay(uint64 delay) private {
        if (delay < MIN_UNBONDING_DELAY || delay > MAX_UNBONDING_DELAY) revert UnbondingDelayOutOfBounds(delay);
        unbondingDelay = delay;
        emit UnbondingDelaySet(delay);
    }

    function _setProverShareBps(uint16 bps) private {
        if (bps > MAX_PROVER_SHARE_BPS) revert ProverShareOutOfBounds(bps);
        proverShareBps = bps;
        emit ProverShareSet(bps);
    }

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }
}
