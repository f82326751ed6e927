/** The data-protection officer's checks: is anything of an erased person left in the database? */
package eu.consent.web.privacy;
