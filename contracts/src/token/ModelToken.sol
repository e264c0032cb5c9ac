// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IModelToken} from "../interfaces/IModelToken.sol";

/// @title ModelToken
/// @notice The ERC-20 of one model, with ERC-2612 permit. Minted only by the TrainingRegistry
///         (`minter`). Revenue in `paymentAsset`, credited by the RevenueRouter (`router`), accrues
///         to whoever holds the token when it arrives; holders pull it with `claim`.
/// @dev Revenue accounting (docs/contracts-token-staking.md has the full argument):
///      `magnifiedRevenuePerShare` (P) is the revenue per token base unit times MAGNITUDE (2**96).
///      Each account has a signed correction C, chosen so that X = P * balance + C is, times
///      1/MAGNITUDE, the revenue the account may still claim. A distribution raises P, which
///      raises every holder's X by (increase) * balance, with no per-holder work. A balance change
///      of `v` moves C by -/+ P * v, which leaves X unchanged, so tokens bought after a payment carry
///      none of it. A claim pays floor(X / MAGNITUDE) and lowers C by that times MAGNITUDE.
///      P starts at 1, not 0: every mint then writes a non-zero correction, so later transfers and
///      claims update an existing slot (2,900 gas) instead of creating one (20,000 gas). The
///      offset cancels out of X exactly.
///      Bounds that keep every product inside int256: supply <= 2**96 - 1, P <= 2**158 (so
///      P * balance <= 2**254), total distributed <= 2**128 (so X <= 2**224). There is no burn, so
///      the supply never falls and the accumulator headroom (sum of amount / supply over all
///      distributions <= 2**62) cannot be used up by shrinking the supply.
contract ModelToken is ERC20Permit, ReentrancyGuardTransient, IModelToken {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Scale of the revenue-per-token accumulator. With the supply below it, a
    ///         distribution loses less than one base unit of the payment asset to rounding.
    uint256 public constant MAGNITUDE = 2 ** 96;
    /// @notice Largest total supply.
    uint256 public constant MAX_SUPPLY = type(uint96).max;
    /// @notice Largest value of the accumulator.
    uint256 public constant MAX_MAGNIFIED_REVENUE_PER_SHARE = 2 ** 158;
    /// @notice Largest sum of all distributions.
    uint256 public constant MAX_TOTAL_DISTRIBUTED = 2 ** 128;

    /// @inheritdoc IModelToken
    address public immutable minter;
    /// @inheritdoc IModelToken
    address public immutable router;
    /// @inheritdoc IModelToken
    address public immutable paymentAsset;

    /// @notice Revenue per token base unit, times MAGNITUDE, plus the starting offset 1.
    uint256 public magnifiedRevenuePerShare = 1;
    /// @inheritdoc IModelToken
    uint256 public totalDistributed;

    mapping(address account => int256) private _corrections;

    /// @param name_ token name, also the EIP-712 domain name of permit signatures
    /// @param symbol_ token symbol
    /// @param minter_ the only account that may mint (the TrainingRegistry)
    /// @param router_ the only account that may distribute (the RevenueRouter)
    /// @param paymentAsset_ the ERC-20 revenue is paid in
    constructor(string memory name_, string memory symbol_, address minter_, address router_, address paymentAsset_)
        ERC20(name_, symbol_)
        ERC20Permit(name_)
    {
        if (minter_ == address(0) || router_ == address(0) || paymentAsset_ == address(0)) revert ZeroAddress();
        minter = minter_;
        router = router_;
        paymentAsset = paymentAsset_;
    }

    /// @inheritdoc IModelToken
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }

    /// @inheritdoc IModelToken
    function distribute(uint256 amount) external {
        if (msg.sender != router) revert NotRouter(msg.sender);
        if (amount == 0) return;
        uint256 supply = totalSupply();
        if (supply == 0) revert NoSupply();
        if (amount > MAX_TOTAL_DISTRIBUTED - totalDistributed) revert RevenueOverflow();
        // Rounds down: holders are credited at most `amount`, less than one base unit short.
        uint256 perShare = magnifiedRevenuePerShare + amount * MAGNITUDE / supply;
        if (perShare > MAX_MAGNIFIED_REVENUE_PER_SHARE) revert RevenueOverflow();
        magnifiedRevenuePerShare = perShare;
        totalDistributed += amount;
        emit RevenueDistributed(amount, perShare);
    }

    /// @inheritdoc IModelToken
    function claim() external nonReentrant returns (uint256 paid) {
        paid = claimable(msg.sender);
        if (paid == 0) return 0;
        // paid <= MAX_TOTAL_DISTRIBUTED, so paid * MAGNITUDE <= 2**224 fits.
        _corrections[msg.sender] -= (paid * MAGNITUDE).toInt256();
        emit RevenueClaimed(msg.sender, paid);
        IERC20(paymentAsset).safeTransfer(msg.sender, paid);
    }

    /// @inheritdoc IModelToken
    function claimable(address account) public view returns (uint256) {
        // X = P * balance + C is never negative (see the contract notes); floor favours the protocol.
        return ((magnifiedRevenuePerShare * balanceOf(account)).toInt256() + _corrections[account]).toUint256()
            / MAGNITUDE;
    }

    /// @notice The revenue correction of `account` (for audits and indexers).
    function revenueCorrection(address account) external view returns (int256) {
        return _corrections[account];
    }

    /// @dev Moves the corrections with every balance change so that no account's claimable
    ///      revenue changes on transfer, mint or burn. Skips the writes when nothing moves.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == address(0)) {
            uint256 supply = totalSupply();
            if (supply > MAX_SUPPLY) revert SupplyCapExceeded(supply, MAX_SUPPLY);
        }
        if (value == 0 || from == to) return;
        // value <= MAX_SUPPLY and P <= 2**158, so the product is below 2**255.
        int256 magnified = (magnifiedRevenuePerShare * value).toInt256();
        if (from != address(0)) _corrections[from] += magnified;
        if (to != address(0)) _corrections[to] -= magnified;
    }
}
