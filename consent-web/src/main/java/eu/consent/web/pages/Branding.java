package eu.consent.web.pages;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organization's name, logo and colour on the recipients' pages, from configuration. Text colours are derived
 * from the configured colour so that any brand colour keeps the WCAG AA contrast (4.5:1) of buttons and links.
 */
@ApplicationScoped
public class Branding {

    private static final Logger LOG = Logger.getLogger(Branding.class.getName());
    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    static final String DEFAULT_PRIMARY = "#0b5394";
    private static final String DARK = "#1a1a1a";
    private static final String WHITE = "#ffffff";
    /** Black, not near-black, on the brand colour: one of white and black always reaches 4.5:1 against any colour. */
    private static final String BLACK = "#000000";

    private static final double AA = 4.5;

    @Inject
    @ConfigProperty(name = "consent.brand.name", defaultValue = "Consent service")
    String name;

    @Inject
    @ConfigProperty(name = "consent.brand.logo-url", defaultValue = " ")
    String logoUrl;

    @Inject
    @ConfigProperty(name = "consent.brand.primary-color", defaultValue = DEFAULT_PRIMARY)
    String primaryColour;

    private String primary;

    @PostConstruct
    void check() {
        primary = primaryColour.strip();
        if (!HEX_COLOUR.matcher(primary).matches()) {
            LOG.warning(() -> "consent.brand.primary-color must be written #rrggbb; using " + DEFAULT_PRIMARY);
            primary = DEFAULT_PRIMARY;
        }
        primary = primary.toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    /** The logo's address, or null for none (the name alone is shown). */
    public String logoUrl() {
        return logoUrl == null || logoUrl.isBlank() ? null : logoUrl.strip();
    }

    /** The background of buttons and the header band. */
    public String primary() {
        return primary;
    }

    /** Text on the primary colour: white or black, whichever contrasts more (at least 4.58:1). */
    public String onPrimary() {
        return contrast(primary, WHITE) >= contrast(primary, BLACK) ? WHITE : BLACK;
    }

    /** Links on the white page: the brand colour when it is dark enough to read, else near-black. */
    public String link() {
        return contrast(primary, WHITE) >= AA ? primary : DARK;
    }

    /** The WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
