package io.archexplorer.engine.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a failure never leaves a half-written or destroyed file: the content goes to a temporary
 * file next to the target, which is then moved over it in one step.
 *
 * <p>The temporary file is removed on every failure path and, through a shutdown hook, when the program is
 * interrupted (Ctrl-C, SIGTERM) while writing. A symbolic link is followed: the file it points to is replaced and
 * the link stays. An existing target keeps its permissions, and a read-only one (no owner write bit) is refused, as
 * an editor would, even for root.
 */
public final class AtomicFiles {
    /** Temporary files being written now; the shutdown hook deletes whatever an interrupt leaves here. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path tmp : PENDING) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // Exiting anyway; nothing else can be done with a file that cannot be deleted.
                }
            }
        }, "delete-temporary-files"));
    }

    private AtomicFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @throws IOException when the folder does not exist, the target is a folder or read-only, a link points
     *     nowhere, or writing fails; the previous file (if any) is then untouched
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = followLinks(file);
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder");
        }
        if (Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(file.toString(), null, "is a folder");
        }
        Set<PosixFilePermission> keep = existingPermissions(target);
        if (keep != null && !keep.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new AccessDeniedException(file.toString(), null, "is read-only; not overwritten");
        }
        // Not Files.createTempFile: it makes the file owner-only (0600), and the move would keep that mode.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong()) + ".tmp");
        PENDING.add(tmp);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel));
                // Writers such as JSON generators close the stream they are given; the channel must stay open
                // for the sync below, so their close only flushes.
                content.writeTo(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                buffered.flush();
                // On disk before the rename, so a crash cannot leave the new name pointing at missing data.
                channel.force(true);
            }
            if (keep != null) {
                Files.setPosixFilePermissions(tmp, keep);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            PENDING.remove(tmp);
        }
    }

    /** The file a chain of symbolic links ends at; a link to nothing is refused rather than replaced by a file. */
    private static Path followLinks(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops == 40) {
                throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
            }
            Path parent = target.toAbsolutePath().getParent();
            target = parent.resolve(Files.readSymbolicLink(target));
        }
        if (!target.equals(file) && !Files.exists(target)) {
            throw new NoSuchFileException(file.toString(), null, "is a symbolic link to " + target
                    + ", which does not exist");
        }
        return target;
    }

    /** The target's permissions, to give the new file the same; null when there is no target (or no POSIX). */
    private static Set<PosixFilePermission> existingPermissions(Path target) throws IOException {
        if (!Files.exists(target)) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(target);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
