package coffee.application.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks the dependency rule on purpose: the application must not know Jackson. */
public final class LeakyService {

    public String leak(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
