/** The life cycle of the mail outbox relay in the application: started once the schema is ready. */
package eu.consent.web.mail;
