/**
 * The query parameters of the API: each operation takes the ones it declares, and a name it does not take is refused,
 * so that a typo in a filter never widens what an export or a list hands out.
 */
package eu.consent.web.query;
