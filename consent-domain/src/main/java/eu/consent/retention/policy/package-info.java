/**
 * The retention periods alone, a leaf that depends on nothing of ours: the decision rules read the cut-off, and the
 * purge that works through the privacy and preference services reads it too, without the rules depending on the purge
 * (which closed a package cycle eligibility → retention → privacy → preference → eligibility).
 */
package eu.consent.retention.policy;
