package coffee.archfixture.cycle.one;

import coffee.archfixture.cycle.two.Two;

/** With {@link Two}, breaks a rule on purpose: two packages that need each other. */
public final class One {

    public Two next() {
        return new Two();
    }
}
