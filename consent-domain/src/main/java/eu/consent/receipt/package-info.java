/**
 * Signed consent receipts: each consent event as a compact JWS (ES256) whose payload follows the ISO/IEC TS 27560
 * consent record, signed with keys from configuration and verifiable by anyone against the published JWKS.
 */
package eu.consent.receipt;
