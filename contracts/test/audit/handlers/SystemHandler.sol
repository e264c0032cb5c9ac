// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {MockERC20} from "../../utils/MockERC20.sol";
import {ROLE_TRAINER} from "../../../src/interfaces/IStakeManager.sol";
import {ITrainingRegistry} from "../../../src/interfaces/ITrainingRegistry.sol";
import {TrainingRegistry} from "../../../src/registry/TrainingRegistry.sol";
import {RevenueRouter} from "../../../src/revenue/RevenueRouter.sol";
import {StakeManager} from "../../../src/staking/StakeManager.sol";
import {ModelToken} from "../../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../../src/interfaces/IUsageEscrow.sol";
import {UsageEscrow} from "../../../src/usage/UsageEscrow.sol";
import {TrainingRegistryHandler} from "../../invariant/handlers/TrainingRegistryHandler.sol";

/// @notice The whole system under one handler: the task life cycle of the registry suite's handler
///         (stake, claim, commit, seed, attest VALID/FRAUD, dispute, resolve, finalize, expire,
///         attester rewards, unbond, withdraw: inherited, with its ghosts) plus the money around it:
///         stake top-ups, direct revenue payments, escrow deposits, signed cumulative vouchers,
///         keeper batches with replays, escrow withdrawals, model-token transfers and revenue
///         claims. Ghosts record every unit of stake token and payment asset that enters the
///         system, so the invariants can check conservation across ALL contracts and actors.
contract SystemHandler is TrainingRegistryHandler {
    uint256 public constant USERS = 3;
    uint256 internal constant MAX_PAYMENT = 1e12;

    RevenueRouter public immutable router;
    UsageEscrow public immutable escrow;
    MockERC20 public immutable usd;
    address public immutable payer;

    address[] public holders; // every account that can hold model tokens
    uint256[USERS] internal _userKeys;
    address[USERS] public users;

    struct Channel {
        uint256 deposited;
        uint256 withdrawn;
        uint256 maxSigned;
        IUsageEscrow.Voucher latest;
        bytes latestSig;
    }

    mapping(uint256 userIndex => mapping(uint256 modelIndex => Channel)) internal _channels;

    // ghosts
    uint256 public ghostStakeTopUps; // stake tokens minted by stakeMore
    uint256 public ghostUsdMinted; // payment asset minted to payers and users
    uint256 public ghostPaidToRouter; // direct payments + what redeem forwarded
    mapping(address token => uint256) public ghostClaimed;
    uint256 public ghostViolations; // checks needing before/after state
    string public ghostLastViolation;

    constructor(
        TrainingRegistry registry_,
        StakeManager sm_,
        MockERC20 stakeToken_,
        address modelOwner_,
        uint256[] memory verifierKeys_,
        address[] memory verifiers_,
        address[] memory trainers_,
        uint256[] memory models_,
        RevenueRouter router_,
        UsageEscrow escrow_,
        MockERC20 usd_
    ) TrainingRegistryHandler(registry_, sm_, stakeToken_, modelOwner_, verifierKeys_, verifiers_, trainers_, models_) {
        router = router_;
        escrow = escrow_;
        usd = usd_;
        payer = makeAddr("payer");
        holders.push(modelOwner_);
        holders.push(makeAddr("holderA"));
        holders.push(makeAddr("holderB"));
        for (uint256 i; i < trainers_.length; ++i) {
            holders.push(trainers_[i]);
        }
        for (uint256 i; i < verifiers_.length; ++i) {
            holders.push(verifiers_[i]);
        }
        for (uint256 i; i < USERS; ++i) {
            _userKeys[i] = uint256(keccak256(abi.encode("proofmint.audit.user", i)));
            users[i] = vm.addr(_userKeys[i]);
        }
    }

    // ------------------------------------------------------------------ views

    function holderCount() external view returns (uint256) {
        return holders.length;
    }

    function tokenOf(uint256 modelIndex) public view returns (ModelToken) {
        return ModelToken(registry.getModel(models[modelIndex % models.length]).token);
    }

    function channelGhost(uint256 i, uint256 j)
        external
        view
        returns (uint256 deposited, uint256 withdrawn, uint256 maxSigned)
    {
        Channel storage c = _channels[i][j];
        return (c.deposited, c.withdrawn, c.maxSigned);
    }

    /// Attesters of a task as the handler recorded them (the standing ones after an overturn).
    function attesterCount(uint256 taskId) external view returns (uint256) {
        return _attesters[taskId].length;
    }

    // ------------------------------------------------------------------ stake

    function stakeMore(uint256 trainerSeed, uint256 amount) external {
        address who = trainers[trainerSeed % trainers.length];
        (, bool jailed,,,,) = sm.stakeOf(who);
        if (jailed) return;
        amount = bound(amount, 1, 500e18);
        stakeToken.mint(who, amount);
        ghostStakeTopUps += amount;
        vm.startPrank(who);
        stakeToken.approve(address(sm), amount);
        sm.stake(ROLE_TRAINER, amount);
        vm.stopPrank();
        ++calls["stakeMore"];
    }

    // ------------------------------------------------------------------ revenue

    function pay(uint256 modelSeed, uint256 amount) external {
        ModelToken token = tokenOf(modelSeed);
        amount = bound(amount, 1, MAX_PAYMENT);
        usd.mint(payer, amount);
        ghostUsdMinted += amount;
        vm.startPrank(payer);
        usd.approve(address(router), amount);
        router.pay(address(token), amount);
        vm.stopPrank();
        ghostPaidToRouter += amount;
        ++calls["pay"];
    }

    function deposit(uint256 userSeed, uint256 modelSeed, uint256 amount) external {
        uint256 i = userSeed % USERS;
        uint256 j = modelSeed % models.length;
        amount = bound(amount, 1, MAX_PAYMENT);
        address user = users[i];
        usd.mint(user, amount);
        ghostUsdMinted += amount;
        vm.startPrank(user);
        usd.approve(address(escrow), amount);
        escrow.deposit(address(tokenOf(j)), amount);
        vm.stopPrank();
        _channels[i][j].deposited += amount;
        ++calls["deposit"];
    }

    /// The user signs a higher cumulative voucher (what a server would accept for more calls).
    function sign(uint256 userSeed, uint256 modelSeed, uint256 increment) external {
        uint256 i = userSeed % USERS;
        uint256 j = modelSeed % models.length;
        Channel storage c = _channels[i][j];
        uint256 cumulative = c.maxSigned + bound(increment, 1, MAX_PAYMENT);
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(users[i], address(tokenOf(j)), cumulative, type(uint64).max);
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(_userKeys[i], escrow.voucherDigest(v));
        c.latest = v;
        c.latestSig = abi.encodePacked(r, s, sv);
        c.maxSigned = cumulative;
        ++calls["sign"];
    }

    /// The keeper redeems the latest voucher of every channel that has one, each twice (the
    /// second is a replay inside the batch and must pay nothing).
    function redeem(uint256 salt) external {
        uint256 n;
        for (uint256 i; i < USERS; ++i) {
            for (uint256 j; j < models.length; ++j) {
                if (_channels[i][j].maxSigned != 0) n += 2;
            }
        }
        if (n == 0) return;
        IUsageEscrow.Voucher[] memory vs = new IUsageEscrow.Voucher[](n);
        bytes[] memory sigs = new bytes[](n);
        uint256 k;
        for (uint256 i; i < USERS; ++i) {
            for (uint256 j; j < models.length; ++j) {
                Channel storage c = _channels[i][j];
                if (c.maxSigned == 0) continue;
                vs[k] = c.latest;
                sigs[k++] = c.latestSig;
                vs[k] = c.latest;
                sigs[k++] = salt % 2 == 0 ? c.latestSig : bytes(""); // a replay, or a malformed copy
            }
        }
        uint256 before = _escrowHeld();
        uint256 total = escrow.redeem(vs, sigs);
        if (before - _escrowHeld() != total) _violation("redeem returned other than it forwarded");
        ghostPaidToRouter += total;
        ++calls["redeem"];
    }

    function requestEscrowWithdraw(uint256 userSeed, uint256 modelSeed, uint256 amount) external {
        uint256 i = userSeed % USERS;
        address token = address(tokenOf(modelSeed));
        (uint256 balance,,,) = escrow.channel(users[i], token);
        if (balance == 0) return;
        vm.prank(users[i]);
        escrow.requestWithdraw(token, bound(amount, 1, balance));
        ++calls["requestEscrowWithdraw"];
    }

    function escrowWithdraw(uint256 userSeed, uint256 modelSeed) external {
        uint256 i = userSeed % USERS;
        uint256 j = modelSeed % models.length;
        address token = address(tokenOf(j));
        (,, uint256 pending, uint64 unlockAt) = escrow.channel(users[i], token);
        if (pending == 0) return;
        if (block.timestamp < unlockAt) vm.warp(unlockAt);
        vm.prank(users[i]);
        uint256 paid = escrow.withdraw(token);
        if (paid > pending) _violation("withdraw paid more than requested");
        _channels[i][j].withdrawn += paid;
        ++calls["escrowWithdraw"];
    }

    function transferModelToken(uint256 modelSeed, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        ModelToken token = tokenOf(modelSeed);
        address from = holders[fromSeed % holders.length];
        address to = holders[toSeed % holders.length];
        uint256 fromBefore = token.claimable(from);
        uint256 toBefore = token.claimable(to);
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        if (!token.transfer(to, amount)) _violation("transfer returned false");
        if (token.claimable(from) != fromBefore || token.claimable(to) != toBefore) {
            _violation("a transfer moved claimable revenue");
        }
        ++calls["transferModelToken"];
    }

    function claimRevenue(uint256 modelSeed, uint256 holderSeed) external {
        ModelToken token = tokenOf(modelSeed);
        address who = holders[holderSeed % holders.length];
        uint256 expected = token.claimable(who);
        uint256 before = usd.balanceOf(who);
        vm.prank(who);
        uint256 paid = token.claim();
        if (paid != expected || usd.balanceOf(who) - before != paid) _violation("claim paid other than claimable");
        if (token.claimable(who) != 0) _violation("claimable left after claim");
        ghostClaimed[address(token)] += paid;
        ++calls["claimRevenue"];
    }

    // ------------------------------------------------------------------ internals

    function _escrowHeld() private view returns (uint256) {
        return usd.balanceOf(address(escrow));
    }

    function _violation(string memory what) private {
        ++ghostViolations;
        ghostLastViolation = what;
    }
}
