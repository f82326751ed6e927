package eu.consent.contact;

import java.util.List;

/** A postal address as written on an envelope; {@code country} is ISO 3166-1 alpha-2. */
public record PostalAddress(List<String> lines, String postcode, String city, String country) {}
