package io.archexplorer.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    /** A writer that fails halfway: the old file must survive whole, and no temporary file may be left over. */
    @Test
    void failedWriteKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old content");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old content", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void successfulWriteReplacesTheFileWithOrdinaryPermissions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.bin");
        Files.writeString(file, "old");
        AtomicFiles.write(file, out -> out.write(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(file));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        assertTrue(permissions.contains(PosixFilePermission.OTHERS_READ), "not owner-only: " + permissions);
    }

    /** Jackson's generators close the stream they write to; the file must still be complete and synced. */
    @Test
    void aWriterMayCloseTheStream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("closed.txt");
        AtomicFiles.write(file, out -> {
            out.write("complete".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertEquals("complete", Files.readString(file));
    }

    @Test
    void missingFolderIsNotCreated(@TempDir Path dir) {
        Path file = dir.resolve("no/such/folder/out.json");
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(file, out -> out.write(1)));
        assertTrue(Files.notExists(dir.resolve("no")));
    }

    @Test
    void aFolderIsNotOverwritten(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("target"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(folder, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
    }
}
