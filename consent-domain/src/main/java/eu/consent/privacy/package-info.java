/** The person's rights: access to everything held on them (GDPR art. 15) and erasure (art. 17). */
package eu.consent.privacy;
