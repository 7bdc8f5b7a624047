package coffee.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the settings the code has, with their defaults. */
class ConfigurationDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    /** A settings table row: | `file.key` | `ENV` | `default` | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\| `([A-Z_]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    @Test
    void every_setting_is_documented_with_its_environment_name_and_default() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> documented = new HashSet<>();
        Matcher row = ROW.matcher(doc);
        while (row.find()) {
            documented.add(row.group(1));
            Setting<?> setting = Settings.ALL.stream().filter(s -> s.key().equals(row.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("docs list " + row.group(1) + ", which the code does not have"));
            assertEquals(setting.env(), row.group(2), "environment name of " + setting.key());
            assertEquals(setting.defaultValue(), row.group(3), "default of " + setting.key());
        }
        Set<String> missing = Settings.ALL.stream().map(Setting::key).filter(key -> !documented.contains(key))
                .collect(Collectors.toSet());
        assertTrue(missing.isEmpty(), "settings missing from docs/configuration.md: " + missing);
    }
}
