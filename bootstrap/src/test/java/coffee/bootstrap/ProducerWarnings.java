package coffee.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A role's warnings and errors, told once per kind: the lines with their numbers (correlation
 * ids, partitions, timeouts) taken out, each kind with how often and when it was first and last
 * said. A leader's kill makes the Kafka clients warn hundreds of times in a second; grouped, the
 * few kinds show what the clients went through and when.
 */
final class ProducerWarnings {

    /** {@code 2026-12-04T12:35:12.764Z WARN  Sender - message}: the time, the level, the rest. */
    private static final Pattern LINE = Pattern.compile("^\\S+T(\\S+)Z\\s+(WARN|ERROR)\\s+(.*)$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private ProducerWarnings() {
    }

    /** One entry per kind of warning, in the order each kind was first said. */
    static List<String> of(List<String> lines) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher warning = LINE.matcher(line);
            if (warning.matches()) {
                String said = warning.group(2) + " " + NUMBER.matcher(warning.group(3)).replaceAll("N");
                kinds.computeIfAbsent(said, ignored -> new Kind(warning.group(1))).saidAgainAt(warning.group(1));
            }
        }
        List<String> told = new ArrayList<>();
        kinds.forEach((said, kind) -> told.add(kind + " | " + said));
        return told;
    }

    private static final class Kind {
        private final String first;
        private String last;
        private int times;

        Kind(String first) {
            this.first = first;
        }

        void saidAgainAt(String time) {
            last = time;
            times++;
        }

        @Override
        public String toString() {
            return times + "x " + first + (times > 1 ? " to " + last : "");
        }
    }
}
