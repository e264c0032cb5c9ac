/**
 * The usage escrow as settlement sees it: EIP-712 vouchers (sign, recover), on-chain channel state,
 * and the voucher inbox that servers write and the keeper redeems from.
 */
package io.proofmint.settlement.escrow;
