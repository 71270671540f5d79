package io.archexplorer.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What issue 16's probe found writing over links, private and read-only files, and on SIGTERM. */
class AtomicFilesSafetyTest {

    @Test
    void aSymbolicLinkIsFollowedAndStaysALink(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aLinkToNothingIsRefused(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("missing.json"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(link, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a symbolic link to"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.notExists(dir.resolve("missing.json")));
    }

    @Test
    void anExistingFileKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("private.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("new", Files.readString(file));
    }

    @Test
    void aReadOnlyFileIsRefusedEvenForRoot(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("kept.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> AtomicFiles.write(file, out -> out.write(1)));
        assertEquals("is read-only; not overwritten", e.getReason());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    /** A writer that announces itself and then never finishes, in its own JVM, so SIGTERM can reach it. */
    public static final class EndlessWriter {
        public static void main(String[] args) throws IOException {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1 << 20]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void sigtermWhileWritingLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("big.onnx");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EndlessWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine());
            assertEquals(1, list(dir).size(), "the temporary file exists while writing");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
