// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ModelToken} from "../../src/token/ModelToken.sol";
import {IUsageEscrow} from "../../src/usage/IUsageEscrow.sol";
import {UsageEscrow} from "../../src/usage/UsageEscrow.sol";
import {ReentrantERC20} from "../utils/ReentrantERC20.sol";
import {UsageEscrowTestBase} from "../utils/UsageEscrowTestBase.sol";

/// @notice Construction, deposits, withdrawals, administration and views. Redemption is in
///         UsageEscrowRedeem.t.sol.
contract UsageEscrowTest is UsageEscrowTestBase {
    address internal stranger;

    function setUp() public override {
        super.setUp();
        stranger = makeAddr("stranger");
    }

    // ------------------------------------------------------------ construction

    function test_constructor_setsParameters() public view {
        vm.assertEq(escrow.owner(), address(this), "owner");
        vm.assertEq(escrow.router(), address(router), "router");
        vm.assertEq(uint256(escrow.withdrawDelay()), DELAY, "delay");
        vm.assertEq(escrow.VOUCHER_TYPEHASH(), VOUCHER_TYPEHASH, "typehash");
        vm.assertEq(uint256(escrow.MIN_WITHDRAW_DELAY()), 1 hours, "min delay");
        vm.assertEq(uint256(escrow.MAX_WITHDRAW_DELAY()), 30 days, "max delay");
        vm.assertEq(escrow.MAX_CHANNEL_TOTAL(), type(uint128).max, "channel limit");
    }

    function test_constructor_emitsWithdrawDelaySet() public {
        vm.expectEmit(false, false, false, true);
        emit IUsageEscrow.WithdrawDelaySet(2 hours);
        new UsageEscrow(address(this), address(router), 2 hours);
    }

    function test_constructor_revertsOnZeroRouter() public {
        vm.expectRevert(IUsageEscrow.ZeroAddress.selector);
        new UsageEscrow(address(this), address(0), DELAY);
    }

    function test_constructor_revertsOnZeroOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new UsageEscrow(address(0), address(router), DELAY);
    }

    function test_constructor_revertsOnDelayOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 1 hours - 1));
        new UsageEscrow(address(this), address(router), 1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 30 days + 1));
        new UsageEscrow(address(this), address(router), 30 days + 1);
    }

    // ------------------------------------------------------------ deposit

    function test_deposit_creditsTheCallersChannelAndPullsTheAsset() public {
        _fund(alice, address(token), 100e6);
        (uint256 balance, uint256 redeemed, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 100e6, "balance");
        vm.assertEq(redeemed, 0, "redeemed");
        vm.assertEq(pending, 0, "pending");
        vm.assertEq(uint256(unlockAt), 0, "unlock");
        vm.assertEq(asset.balanceOf(address(escrow)), 100e6, "escrow holds it");
        vm.assertEq(asset.balanceOf(alice), 0, "alice paid it");
        vm.assertEq(_balance(alice, address(token2)), 0, "other model's channel untouched");
    }

    function test_deposit_accumulatesAndEmits() public {
        _fund(alice, address(token), 100e6);
        asset.mint(alice, 50e6);
        vm.startPrank(alice);
        asset.approve(address(escrow), 50e6);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IUsageEscrow.Deposited(alice, address(token), alice, 50e6, 150e6);
        escrow.deposit(address(token), 50e6);
        vm.stopPrank();
        vm.assertEq(_balance(alice, address(token)), 150e6, "balance");
    }

    function test_deposit_usesEachModelsPaymentAsset() public {
        _fund(alice, address(token2), 7e18);
        vm.assertEq(asset2.balanceOf(address(escrow)), 7e18, "asset2 held");
        vm.assertEq(asset.balanceOf(address(escrow)), 0, "asset untouched");
        vm.assertEq(_balance(alice, address(token2)), 7e18, "balance");
    }

    function test_deposit_revertsOnUnregisteredToken() public {
        ModelToken unregistered = _newToken();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(unregistered)));
        escrow.deposit(address(unregistered), 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(asset)));
        escrow.deposit(address(asset), 1);
    }

    function test_deposit_revertsOnZeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.deposit(address(token), 0);
    }

    function test_deposit_revertsWithoutAllowance() public {
        asset.mint(alice, 10);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, 10)
        );
        escrow.deposit(address(token), 10);
    }

    function test_deposit_revertsAboveTheChannelLimit() public {
        uint256 limit = type(uint128).max;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), limit + 1);

        _fund(alice, address(token), limit - 10);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), 11);
        _fund(alice, address(token), 10); // exactly the limit is fine
        vm.assertEq(_balance(alice, address(token)), limit, "at the limit");
    }

    function test_deposit_limitCountsRedeemedToo() public {
        uint256 limit = type(uint128).max;
        _fund(alice, address(token), 100);
        _redeemOne(_voucher(alice, address(token), 60), _sign(aliceKey, _voucher(alice, address(token), 60)));
        // redeemed 60 + balance 40 + amount
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.ChannelLimitExceeded.selector, limit + 1, limit));
        escrow.deposit(address(token), limit - 99);
    }

    function test_deposit_isGuardedAgainstReentrancy() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken model = ModelToken(factory.create("Evil", "EV", address(this), address(router), address(evil)));
        router.registerToken(address(model));
        evil.mint(alice, 10);
        vm.prank(alice);
        evil.approve(address(escrow), 10);
        evil.arm(address(escrow), abi.encodeCall(UsageEscrow.deposit, (address(model), 1)));
        vm.prank(alice);
        escrow.deposit(address(model), 5);
        vm.assertFalse(evil.reentered(), "reentry refused");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the guard"
        );
        vm.assertEq(_balance(alice, address(model)), 5, "only the outer deposit");
    }

    // ------------------------------------------------------------ depositFor

    function test_depositFor_creditsTheUserNotThePayer() public {
        asset.mint(stranger, 30e6);
        vm.startPrank(stranger);
        asset.approve(address(escrow), 30e6);
        vm.expectEmit(true, true, true, true, address(escrow));
        emit IUsageEscrow.Deposited(alice, address(token), stranger, 30e6, 30e6);
        escrow.depositFor(alice, address(token), 30e6);
        vm.stopPrank();
        vm.assertEq(_balance(alice, address(token)), 30e6, "alice credited");
        vm.assertEq(_balance(stranger, address(token)), 0, "payer not credited");
        vm.assertEq(asset.balanceOf(stranger), 0, "payer paid");

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.InsufficientBalance.selector, 0, 30e6));
        escrow.requestWithdraw(address(token), 30e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 30e6);
    }

    function test_depositFor_revertsOnZeroUser() public {
        vm.expectRevert(IUsageEscrow.ZeroAddress.selector);
        escrow.depositFor(address(0), address(token), 1);
    }

    function test_depositFor_revertsLikeDeposit() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.UnknownModelToken.selector, address(0)));
        escrow.depositFor(alice, address(0), 1);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.depositFor(alice, address(token), 0);
    }

    // ------------------------------------------------------------ requestWithdraw

    function test_requestWithdraw_recordsTheRequestAndEmits() public {
        _fund(alice, address(token), 100e6);
        uint64 unlockAt = uint64(block.timestamp) + DELAY;
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.WithdrawRequested(alice, address(token), 40e6, unlockAt);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        (uint256 balance,, uint256 pending, uint64 at) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 100e6, "balance stays until withdraw");
        vm.assertEq(pending, 40e6, "pending");
        vm.assertEq(uint256(at), unlockAt, "unlock");
    }

    function test_requestWithdraw_replacesTheRequestAndRestartsTheDelay() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        vm.warp(block.timestamp + DELAY - 1);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100e6);
        (,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 100e6, "replaced, not added");
        vm.assertEq(uint256(unlockAt), block.timestamp + DELAY, "delay restarted");
    }

    function test_requestWithdraw_revertsOnZeroAmount() public {
        _fund(alice, address(token), 1);
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.ZeroAmount.selector);
        escrow.requestWithdraw(address(token), 0);
    }

    function test_requestWithdraw_revertsAboveTheBalance() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.InsufficientBalance.selector, 100, 101));
        escrow.requestWithdraw(address(token), 101);
    }

    // ------------------------------------------------------------ cancelWithdraw

    function test_cancelWithdraw_clearsTheRequestAndEmits() public {
        _fund(alice, address(token), 100);
        vm.startPrank(alice);
        escrow.requestWithdraw(address(token), 60);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.WithdrawCancelled(alice, address(token), 60);
        escrow.cancelWithdraw(address(token));
        (,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 0, "pending");
        vm.assertEq(uint256(unlockAt), 0, "unlock");
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
        vm.stopPrank();
    }

    function test_cancelWithdraw_revertsWithoutRequest() public {
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.cancelWithdraw(address(token));
    }

    // ------------------------------------------------------------ withdraw

    function test_withdraw_paysTheRequestAfterTheDelay() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 40e6);
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.Withdrawn(alice, address(token), 40e6, 40e6);
        vm.prank(alice);
        uint256 paid = escrow.withdraw(address(token));
        vm.assertEq(paid, 40e6, "paid");
        vm.assertEq(asset.balanceOf(alice), 40e6, "received");
        (uint256 balance,, uint256 pending, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(balance, 60e6, "rest stays");
        vm.assertEq(pending, 0, "request cleared");
        vm.assertEq(uint256(unlockAt), 0, "unlock cleared");
        vm.assertEq(asset.balanceOf(address(escrow)), 60e6, "escrow holds the rest");
    }

    function test_withdraw_revertsBeforeTheDelay() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        uint64 unlockAt = uint64(block.timestamp) + DELAY;
        vm.warp(unlockAt - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawalLocked.selector, unlockAt));
        escrow.withdraw(address(token));
    }

    function test_withdraw_revertsWithoutRequest() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
    }

    function test_withdraw_isPerCaller() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        vm.warp(block.timestamp + DELAY);
        vm.prank(bob);
        vm.expectRevert(IUsageEscrow.NoPendingWithdrawal.selector);
        escrow.withdraw(address(token));
    }

    function test_withdraw_paysOnlyWhatRedemptionsDuringTheDelayLeft() public {
        _fund(alice, address(token), 100e6);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100e6);
        // The keeper sees WithdrawRequested and redeems the latest voucher first.
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 30e6);
        vm.assertEq(_redeemOne(v, _sign(aliceKey, v)), 30e6, "redeemed during the delay");
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IUsageEscrow.Withdrawn(alice, address(token), 70e6, 100e6);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 70e6, "withdrawn");
        vm.assertEq(_balance(alice, address(token)), 0, "empty");
        vm.assertEq(asset.balanceOf(address(escrow)), 0, "escrow empty");
    }

    function test_withdraw_paysZeroWhenEverythingWasRedeemed() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        IUsageEscrow.Voucher memory v = _voucher(alice, address(token), 500);
        _redeemOne(v, _sign(aliceKey, v));
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 0, "nothing left");
        (,, uint256 pending,) = escrow.channel(alice, address(token));
        vm.assertEq(pending, 0, "request cleared anyway");
        vm.assertEq(asset.balanceOf(alice), 0, "nothing paid");
    }

    function test_withdraw_keepsTheUnlockTimeOfTheRequestWhenTheDelayChanges() public {
        _fund(alice, address(token), 100);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 100);
        escrow.setWithdrawDelay(30 days);
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        vm.assertEq(escrow.withdraw(address(token)), 100, "old delay applies");
    }

    function test_withdraw_isGuardedAgainstReentrancy() public {
        ReentrantERC20 evil = new ReentrantERC20();
        ModelToken model = ModelToken(factory.create("Evil", "EV", address(this), address(router), address(evil)));
        router.registerToken(address(model));
        evil.mint(alice, 10);
        vm.startPrank(alice);
        evil.approve(address(escrow), 10);
        escrow.deposit(address(model), 10);
        escrow.requestWithdraw(address(model), 5);
        vm.stopPrank();
        vm.warp(block.timestamp + DELAY);
        evil.arm(address(escrow), abi.encodeCall(UsageEscrow.withdraw, (address(model))));
        vm.prank(alice);
        escrow.withdraw(address(model));
        vm.assertFalse(evil.reentered(), "reentry refused");
        vm.assertEq(
            keccak256(evil.reentryRevertData()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the guard"
        );
        vm.assertEq(evil.balanceOf(alice), 5, "paid once");
        vm.assertEq(_balance(alice, address(model)), 5, "rest stays");
    }

    // ------------------------------------------------------------ setWithdrawDelay

    function test_setWithdrawDelay_setsAndEmitsWithinInclusiveBounds() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IUsageEscrow.WithdrawDelaySet(30 days);
        escrow.setWithdrawDelay(30 days);
        vm.assertEq(uint256(escrow.withdrawDelay()), 30 days, "max");
        escrow.setWithdrawDelay(1 hours);
        vm.assertEq(uint256(escrow.withdrawDelay()), 1 hours, "min");
    }

    function test_setWithdrawDelay_appliesToNewRequests() public {
        escrow.setWithdrawDelay(2 days);
        _fund(alice, address(token), 1);
        vm.prank(alice);
        escrow.requestWithdraw(address(token), 1);
        (,,, uint64 unlockAt) = escrow.channel(alice, address(token));
        vm.assertEq(uint256(unlockAt), block.timestamp + 2 days, "new delay");
    }

    function test_setWithdrawDelay_revertsOutOfBounds() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 1 hours - 1));
        escrow.setWithdrawDelay(1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IUsageEscrow.WithdrawDelayOutOfBounds.selector, 30 days + 1));
        escrow.setWithdrawDelay(30 days + 1);
    }

    function test_setWithdrawDelay_revertsForNonOwner() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        escrow.setWithdrawDelay(2 hours);
    }

    function test_ownership_transfersInTwoSteps() public {
        escrow.transferOwnership(stranger);
        vm.assertEq(escrow.owner(), address(this), "not yet");
        vm.prank(stranger);
        escrow.acceptOwnership();
        vm.assertEq(escrow.owner(), stranger, "accepted");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        escrow.setWithdrawDelay(2 hours);
    }

    // ------------------------------------------------------------ views

    function test_channel_isZeroForAnUnknownChannel() public view {
        (uint256 balance, uint256 redeemed, uint256 pending, uint64 unlockAt) = escrow.channel(bob, address(0xdead));
        vm.assertEq(balance + redeemed + pending + unlockAt, 0, "all zero");
    }

    function test_voucherDigest_matchesTheEip712Definition() public view {
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 123_456, 1_700_000_000);
        vm.assertEq(escrow.voucherDigest(v), _digest(v, block.chainid, address(escrow)), "digest");
    }

    /// The vector in docs/usage-payments.md, for other implementations of the digest: anvil's
    /// first key and first deployment address, chain id 31337.
    function test_voucherDigest_knownVector() public {
        uint256 key = 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;
        address at = 0x5FbDB2315678afecb367f032d93F642f64180aa3;
        vm.chainId(31337);
        vm.etch(at, address(escrow).code);
        UsageEscrow deployed = UsageEscrow(at);
        IUsageEscrow.Voucher memory v =
            IUsageEscrow.Voucher(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, address(0xA1), 1_500_000, 1_767_225_600);
        vm.assertEq(vm.addr(key), v.user, "user is the key's address");
        vm.assertEq(VOUCHER_TYPEHASH, 0x9fcfc36e8a0354a89115cbe482ae531179ada36592a44f567b25a0f2740ba6a0, "typehash");
        vm.assertEq(
            deployed.domainSeparator(), 0xd5d3fee6e145ce14080bd1c52710a78d03770697aa58dd5e9b83b15ce49b45d6, "domain"
        );
        bytes32 digest = 0xe5902ff36f3fbe0afac543702b4647f89a99ef750b7ddbc1ae4b6fe8baa48d28;
        vm.assertEq(deployed.voucherDigest(v), digest, "digest");
        vm.assertEq(_digest(v, 31337, at), digest, "digest from the definition");
        (uint8 sv, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.assertEq(r, 0x7a7c6696c9edffb51db6cba32b7f310ec5f05917bddaa244e48f4fb25765bedd, "r (RFC 6979)");
        vm.assertEq(s, 0x38cc20aa4cb11f21ff410300cc7d0ff45aaa470cc24404ba403bc4af129ea46d, "s");
        vm.assertEq(uint256(sv), 28, "v");
    }

    function test_voucherDigest_dependsOnEveryField() public view {
        IUsageEscrow.Voucher memory v = IUsageEscrow.Voucher(alice, address(token), 5, 9);
        bytes32 d = escrow.voucherDigest(v);
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(bob, address(token), 5, 9)), "user");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token2), 5, 9)), "model");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token), 6, 9)), "amount");
        vm.assertTrue(d != escrow.voucherDigest(IUsageEscrow.Voucher(alice, address(token), 5, 10)), "expiry");
    }

    function test_domainSeparator_matchesTheEip712DefinitionAndFollowsTheChainId() public {
        bytes32 expected = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Proofmint UsageEscrow"), keccak256("1"), block.chainid, address(escrow)
            )
        );
        vm.assertEq(escrow.domainSeparator(), expected, "separator");
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            escrow.eip712Domain();
        vm.assertEq(name, "Proofmint UsageEscrow", "name");
        vm.assertEq(version, "1", "version");
        vm.assertEq(chainId, block.chainid, "chain id");
        vm.assertEq(verifyingContract, address(escrow), "verifying contract");

        vm.chainId(block.chainid + 1);
        vm.assertTrue(escrow.domainSeparator() != expected, "a fork gets another domain");
        vm.assertEq(
            escrow.domainSeparator(),
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH, keccak256("Proofmint UsageEscrow"), keccak256("1"), block.chainid, address(escrow)
                )
            ),
            "recomputed for the new chain id"
        );
    }
}
