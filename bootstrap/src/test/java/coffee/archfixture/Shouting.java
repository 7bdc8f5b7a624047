package coffee.archfixture;

/** Breaks a rule on purpose: output straight to the console instead of a logger. */
public final class Shouting {

    public void shout(String text) {
        System.out.println(text);
    }
}
