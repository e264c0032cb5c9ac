/**
 * The settlement role: an indexer that follows the chain into a database, a permissionless keeper
 * that finalizes tasks, pays attesters, expires abandoned tasks and redeems usage vouchers, a paid
 * model server that takes EIP-712 vouchers, and holder revenue claims. Operator guide:
 * docs/settlement.md.
 */
package io.proofmint.settlement;
