/**
 * The settlement role: a permissionless keeper that finalizes tasks after their challenge window,
 * redeems metered usage vouchers into revenue and lets token holders claim their share.
 */
package io.proofmint.settlement;
