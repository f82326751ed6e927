/**
 * The ESPs' own suppression files: reading each provider's export into our {@code identifier,reason,date} lines, and
 * writing our opt-outs in the file each provider's import takes. Only formats live here; staging and the diff stay in
 * {@code SuppressionSources}.
 */
package eu.consent.suppression.sources.formats;
