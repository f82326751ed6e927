package eu.consent.purpose;

import java.util.Map;

/**
 * What may change on a purpose once it exists: its names (a merge: a name given replaces that locale's, a null removes
 * it) and whether it is retired. Its key, kind and channels never change: consents were given for exactly those.
 *
 * @param names locale to new name (null value: remove that locale), or null to leave the names alone
 * @param retired true retires, false puts back in use, null leaves it as it is
 */
public record PurposeChange(Map<String, String> names, Boolean retired) {}
