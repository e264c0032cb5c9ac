// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../../utils/MockERC20.sol";
import {ModelToken} from "../../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../../src/usage/UsageEscrow.sol";
import {Vm} from "../../utils/Vm.sol";

/// @notice Drives a UsageEscrow (whose owner it is) with a fixed set of users with keys over two
///         model tokens paid in two assets: deposits (own or sponsored), signing ever higher
///         cumulative vouchers (some expiring), batches mixing the latest, replayed and forged
///         vouchers, withdrawal requests, cancellations and withdrawals, delay changes and time.
///         Ghosts record what each channel received and paid out; checks that need the state
///         just before and after a call count violations (a reverting check would be ignored
///         with fail_on_revert = false).
contract UsageEscrowHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 public constant USERS = 4;
    uint256 public constant MODELS = 2;
    uint256 internal constant MAX_AMOUNT = 1e24;

    struct Ghost {
        uint256 deposited;
        uint256 withdrawn;
        uint256 lastRedeemed; // redeemed as seen after the previous call
        uint256 maxSigned; // highest cumulative the user signed
        IUsageEscrow.Voucher latest;
        bytes latestSig;
        IUsageEscrow.Voucher older;
        bytes olderSig;
    }

    UsageEscrow public immutable escrow;
    ModelToken[MODELS] internal _models;
    MockERC20[MODELS] internal _assets;
    uint256[USERS] internal _keys;
    address[USERS] internal _users;
    mapping(uint256 channelId => Ghost) internal _ghosts;

    uint256 public violations;
    string public lastViolation;
    uint256 public ghostForwarded; // sum of redeem's return values
    uint256 public ghostPayingBatches; // redeem calls that paid something
    uint256 public ghostWithdrawals; // withdraw calls that paid something
    mapping(bytes4 selector => uint256) public calls;

    constructor(UsageEscrow escrow_, ModelToken[MODELS] memory models_, MockERC20[MODELS] memory assets_) {
        escrow = escrow_;
        for (uint256 j; j < MODELS; ++j) {
            _models[j] = models_[j];
            _assets[j] = assets_[j];
        }
        for (uint256 i; i < USERS; ++i) {
            _keys[i] = 0xA11CE + i;
            _users[i] = vm.addr(_keys[i]);
        }
    }

    // ------------------------------------------------------------ views for the invariants

    function user(uint256 i) external view returns (address) {
        return _users[i];
    }

    function model(uint256 j) external view returns (ModelToken) {
        return _models[j];
    }

    function asset(uint256 j) external view returns (MockERC20) {
        return _assets[j];
    }

    function ghost(uint256 i, uint256 j)
        external
        view
        returns (uint256 deposited, uint256 withdrawn, uint256 maxSigned)
    {
        Ghost storage g = _ghosts[_id(i, j)];
        return (g.deposited, g.withdrawn, g.maxSigned);
    }

    // ------------------------------------------------------------ actions

    function deposit(uint256 userSeed, uint256 modelSeed, uint256 amount, bool sponsored) external {
        (uint256 i, uint256 j) = (userSeed % USERS, modelSeed % MODELS);
        amount = _bound(amount, 1, MAX_AMOUNT);
        address payer = sponsored ? address(0x5905) : _users[i];
        _assets[j].mint(payer, amount);
        vm.startPrank(payer);
        _assets[j].approve(address(escrow), amount);
        if (sponsored) escrow.depositFor(_users[i], address(_models[j]), amount);
        else escrow.deposit(address(_models[j]), amount);
        vm.stopPrank();
        _ghosts[_id(i, j)].deposited += amount;
        _afterCall(this.deposit.selector);
    }

    /// @dev The user of the first funded channel from `seed` on signs a new voucher for
    ///      `increment` more (possibly beyond its deposit); a quarter of them expire within three
    ///      days.
    function sign(uint256 seed, uint256 increment, uint256 expirySeed) external {
        uint256 id = _fundedChannel(seed);
        (uint256 i, uint256 j) = _split(id);
        Ghost storage g = _ghosts[id];
        uint256 cumulative = g.latest.cumulativeAmount + _bound(increment, 0, MAX_AMOUNT);
        uint64 expiry =
            expirySeed % 4 == 0 ? uint64(block.timestamp + _bound(expirySeed >> 2, 0, 3 days)) : type(uint64).max;
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(_users[i], address(_models[j]), cumulative, expiry);
        if (g.latest.user != address(0)) {
            g.older = g.latest;
            g.olderSig = g.latestSig;
        }
        g.latest = v;
        g.latestSig = _sign(_keys[i], v);
        if (cumulative > g.maxSigned) g.maxSigned = cumulative;
        _afterCall(this.sign.selector);
    }

    /// @dev A batch of 1..6 vouchers: latest ones, replays of older ones, and forgeries
    ///      (another user's key). Checks the return value against the channels' changes.
    function redeem(uint256 seed) external {
        uint256 n = 1 + seed % 6;
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](n);
        bytes[] memory sigs = new bytes[](n);
        for (uint256 k; k < n; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            (uint256 i, uint256 j) = ((r >> 8) % USERS, (r >> 16) % MODELS);
            Ghost storage g = _ghosts[_id(i, j)];
            uint256 kind = r % 8;
            if (kind == 6) {
                vs[k] = g.older;
                sigs[k] = g.olderSig;
            } else if (kind == 7) {
                vs[k] = g.latest;
                vs[k].user = _users[i];
                vs[k].modelToken = address(_models[j]);
                sigs[k] = _sign(_keys[(i + 1) % USERS], vs[k]);
            } else {
                g = _ghosts[_owedChannel(r >> 8)];
                vs[k] = g.latest;
                sigs[k] = g.latestSig;
            }
        }
        uint256 redeemedBefore = _sumRedeemed();
        vm.prank(address(0xCEE9E4));
        uint256 total = escrow.redeem(vs, sigs);
        ghostForwarded += total;
        if (total != 0) ++ghostPayingBatches;
        if (_sumRedeemed() - redeemedBefore != total) _violation("redeem: return value != sum of redeemed changes");
        _afterCall(this.redeem.selector);
    }

    /// @dev Picks a funded channel, starting the search at `seed`.
    function requestWithdraw(uint256 seed, uint256 amount) external {
        uint256 balance;
        uint256 i;
        uint256 j;
        for (uint256 k; k < USERS * MODELS && balance == 0; ++k) {
            (i, j) = _split((seed % (USERS * MODELS) + k) % (USERS * MODELS));
            (balance,,,) = escrow.channel(_users[i], address(_models[j]));
        }
        if (balance == 0) return;
        vm.prank(_users[i]);
        escrow.requestWithdraw(address(_models[j]), _bound(amount, 1, balance));
        _afterCall(this.requestWithdraw.selector);
    }

    /// @dev Acts one time in three, so that some requests live to be withdrawn.
    function cancelWithdraw(uint256 seed) external {
        if (seed % 3 != 0) return;
        (uint256 i, uint256 j, uint256 pending) = _pendingChannel(seed / 3);
        if (pending == 0) return;
        vm.prank(_users[i]);
        escrow.cancelWithdraw(address(_models[j]));
        _afterCall(this.cancelWithdraw.selector);
    }

    /// @dev Picks a channel with a pending request. Before the unlock the withdrawal must
    ///      revert; after it, it pays min(pending, balance).
    function withdraw(uint256 seed) external {
        (uint256 i, uint256 j, uint256 pending) = _pendingChannel(seed);
        if (pending == 0) return;
        address u = _users[i];
        address m = address(_models[j]);
        (uint256 balance,,, uint64 unlockAt) = escrow.channel(u, m);
        if (block.timestamp < unlockAt) {
            vm.prank(u);
            try escrow.withdraw(m) {
                _violation("withdraw: paid before the unlock time");
            } catch {}
        } else {
            uint256 before = _assets[j].balanceOf(u);
            vm.prank(u);
            uint256 amount = escrow.withdraw(m);
            uint256 expected = pending < balance ? pending : balance;
            if (amount != expected || _assets[j].balanceOf(u) - before != amount) {
                _violation("withdraw: paid other than min(pending, balance)");
            }
            _ghosts[_id(i, j)].withdrawn += amount;
            if (amount != 0) ++ghostWithdrawals;
        }
        _afterCall(this.withdraw.selector);
    }

    function setWithdrawDelay(uint256 delay) external {
        escrow.setWithdrawDelay(uint64(_bound(delay, escrow.MIN_WITHDRAW_DELAY(), 3 days)));
        _afterCall(this.setWithdrawDelay.selector);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + _bound(seconds_, 1, 3 days));
        _afterCall(this.warp.selector);
    }

    // ------------------------------------------------------------ helpers

    /// @dev Per channel: redeemed never decreases, never exceeds what was deposited, and never
    ///      exceeds the highest cumulative its user signed.
    function _afterCall(bytes4 selector) internal {
        ++calls[selector];
        for (uint256 i; i < USERS; ++i) {
            for (uint256 j; j < MODELS; ++j) {
                Ghost storage g = _ghosts[_id(i, j)];
                (, uint256 redeemed,,) = escrow.channel(_users[i], address(_models[j]));
                if (redeemed < g.lastRedeemed) _violation("redeemed decreased");
                if (redeemed > g.deposited) _violation("redeemed above deposits");
                if (redeemed > g.maxSigned) _violation("redeemed above every signed voucher");
                g.lastRedeemed = redeemed;
            }
        }
    }

    /// @dev The first channel from `seed` on whose latest voucher is above its redeemed
    ///      amount; the channel at `seed` if there is none.
    function _owedChannel(uint256 seed) internal view returns (uint256) {
        for (uint256 k; k < USERS * MODELS; ++k) {
            uint256 id = (seed % (USERS * MODELS) + k) % (USERS * MODELS);
            (uint256 i, uint256 j) = _split(id);
            (, uint256 redeemed,,) = escrow.channel(_users[i], address(_models[j]));
            if (_ghosts[id].latest.cumulativeAmount > redeemed) return id;
        }
        return seed % (USERS * MODELS);
    }

    /// @dev The first funded channel from `seed` on; the channel at `seed` if there is none.
    function _fundedChannel(uint256 seed) internal view returns (uint256) {
        for (uint256 k; k < USERS * MODELS; ++k) {
            uint256 id = (seed % (USERS * MODELS) + k) % (USERS * MODELS);
            (uint256 i, uint256 j) = _split(id);
            (uint256 balance,,,) = escrow.channel(_users[i], address(_models[j]));
            if (balance != 0) return id;
        }
        return seed % (USERS * MODELS);
    }

    /// @dev The first channel from `seed` on with a pending withdrawal (pending 0 if none).
    function _pendingChannel(uint256 seed) internal view returns (uint256 i, uint256 j, uint256 pending) {
        for (uint256 k; k < USERS * MODELS; ++k) {
            (i, j) = _split((seed % (USERS * MODELS) + k) % (USERS * MODELS));
            (,, pending,) = escrow.channel(_users[i], address(_models[j]));
            if (pending != 0) return (i, j, pending);
        }
    }

    function _split(uint256 id) internal pure returns (uint256 i, uint256 j) {
        return (id / MODELS, id % MODELS);
    }

    function _sumRedeemed() internal view returns (uint256 sum) {
        for (uint256 i; i < USERS; ++i) {
            for (uint256 j; j < MODELS; ++j) {
                (, uint256 redeemed,,) = escrow.channel(_users[i], address(_models[j]));
                sum += redeemed;
            }
        }
    }

    function _sign(uint256 key, IUsageEscrow.Voucher memory v) internal view returns (bytes memory) {
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, escrow.voucherDigest(v));
        return abi.encodePacked(r, s, sv);
    }

    function _violation(string memory what) internal {
        ++violations;
        lastViolation = what;
    }

    function _id(uint256 i, uint256 j) internal pure returns (uint256) {
        return i * MODELS + j;
    }

    function _bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max <= min) return min;
        return min + x % (max - min + 1);
    }
}
