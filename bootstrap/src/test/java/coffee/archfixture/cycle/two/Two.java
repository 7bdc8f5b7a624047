package coffee.archfixture.cycle.two;

import coffee.archfixture.cycle.one.One;

/** With {@link One}, breaks a rule on purpose: two packages that need each other. */
public final class Two {

    public One back() {
        return new One();
    }
}
