/**
 * The {@code contact-import} job: reads an uploaded file from where the last committed chunk ended, parses each
 * record into a valid row or a rejection, and writes a chunk at a time.
 */
package eu.consent.batch.imports;
