package io.archexplorer.app.window;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.archexplorer.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes the session file: {@code $XDG_CONFIG_HOME/archexplorer/session.json} (by default under
 * {@code ~/.config}), or the file the {@code archexplorer.session} system property names. A damaged file is
 * ignored with a one-line note, never a failed start; writes are atomic, so a crash mid-write keeps the old one.
 */
public final class SessionStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SessionStore(Path file) {
        this.file = file;
    }

    public static SessionStore standard() {
        String override = System.getProperty("archexplorer.session");
        if (override != null) {
            return new SessionStore(Path.of(override));
        }
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config == null || config.isBlank() ? Path.of(System.getProperty("user.home"), ".config")
                : Path.of(config);
        return new SessionStore(base.resolve("archexplorer").resolve("session.json"));
    }

    public Path file() {
        return file;
    }

    /**
     * @param problems told one line when the file exists but cannot be read
     * @return the saved session, or empty on a first start or a damaged file
     */
    public Optional<Session> load(java.util.function.Consumer<String> problems) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Session.class));
        } catch (IOException | RuntimeException e) {
            problems.accept("the saved session " + file + " could not be read and was ignored: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }

    public void save(Session s) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = json.writeValueAsBytes(s);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
