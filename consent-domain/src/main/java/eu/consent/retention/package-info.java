/**
 * Retention: no personal data outlives its purpose. Contacts inactive past the retention period are purged (as an
 * erasure), those nearing it are listed for a re-permission campaign, and double opt-ins never confirmed expire.
 */
package eu.consent.retention;
