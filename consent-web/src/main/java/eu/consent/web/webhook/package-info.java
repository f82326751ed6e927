/** The admin API of outgoing webhooks: subscriptions, their secrets, and every delivery with its attempts. */
package eu.consent.web.webhook;
