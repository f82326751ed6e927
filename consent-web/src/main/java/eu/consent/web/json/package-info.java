/**
 * How JSON bodies become records: parsed first (a syntax error is a 400), checked against the record's shape (a wrong
 * type is a 422 naming the field), then bound; and how answers are written (nulls kept, instants in ISO-8601).
 */
package eu.consent.web.json;
