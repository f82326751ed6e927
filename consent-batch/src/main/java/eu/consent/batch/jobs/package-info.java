/**
 * The control of the batch jobs: which jobs exist, which an operator may start, the rules for starting, restarting and
 * stopping them, and which run nightly at what time. The REST resources and the nightly schedule go through it.
 */
package eu.consent.batch.jobs;
