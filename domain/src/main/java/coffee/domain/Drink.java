package coffee.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the shop brews: the menu. */
public enum Drink {
    ESPRESSO("Espresso", "A short, strong shot"),
    AMERICANO("Americano", "Espresso lengthened with hot water"),
    LATTE("Latte", "Espresso with plenty of steamed milk"),
    CAPPUCCINO("Cappuccino", "Espresso, steamed milk and a thick foam"),
    FLAT_WHITE("Flat White", "A double shot with a thin layer of velvety milk"),
    MACCHIATO("Macchiato", "Espresso marked with a spoon of foam"),
    MOCHA("Mocha", "A latte with chocolate"),
    COLD_BREW("Cold Brew", "Steeped cold for hours, served over ice");

    /** The rule a drink not on the menu breaks; the HTTP API adds where the menu is. */
    public static final String NOT_ON_THE_MENU = "must be one of the drinks on the menu";
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final Drink[] VALUES = values();

    private final String displayName;
    private final String description;

    Drink(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    /** The name the menu shows and the API answers with, for example {@code Cold Brew}. */
    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /**
     * Finds a drink by name, ignoring case and treating spaces, hyphens and underscores
     * alike: {@code Cold Brew}, {@code cold-brew} and {@code COLD_BREW} are one drink.
     */
    public static Optional<Drink> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        // the exact menu spelling (what every stored event carries) needs no normalizing
        for (Drink drink : VALUES) {
            if (drink.displayName.equals(name)) {
                return Optional.of(drink);
            }
        }
        String wanted = normalize(name);
        for (Drink drink : values()) {
            if (normalize(drink.displayName).equals(wanted)) {
                return Optional.of(drink);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fromName(String)}, for input that must name a drink. */
    public static Drink of(String name) {
        if (name == null) {
            throw new InvalidOrderException(OrderField.DRINK, "is required");
        }
        return fromName(name).orElseThrow(() -> new InvalidOrderException(OrderField.DRINK, NOT_ON_THE_MENU));
    }

    private static String normalize(String name) {
        return SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
