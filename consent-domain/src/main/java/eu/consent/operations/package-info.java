/** What operators watch: the outcome of each batch job run, audited (and so reported to webhooks when it failed). */
package eu.consent.operations;
