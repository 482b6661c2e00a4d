package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.NamedDatasets.NamedFile;
import io.dot4j.core.data.TempSibling;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Installs a file into the cache only when its SHA-256 is right: the bytes go to a temporary file in the target
 * folder while being hashed, and are renamed atomically onto the final name only after the checksum matches. A
 * mismatch or failure deletes the temporary file, so the cache never holds a half-written or wrong file.
 */
final class VerifiedInstaller {

    private VerifiedInstaller() {
    }

    /**
     * Copies {@code in} to {@code target} if its SHA-256 is the known file's; {@code source} is for messages. When
     * the known size is given, copying stops as soon as the stream is longer (a gzip bomb cannot fill the disk).
     */
    static void install(InputStream in, Path target, NamedFile known, String source) throws IOException {
        String expected = known.sha256();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = TempSibling.create(target);
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                long written = 0;
                while ((n = in.read(buf)) >= 0) {
                    written += n;
                    if (known.size() >= 0 && written > known.size()) {
                        throw new UserError(source + ": longer than the " + known.size() + " bytes of "
                                + known.name() + "; the file is not the known release, nothing was installed");
                    }
                    digest.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new UserError(source + ": SHA-256 " + actual + " does not match the expected " + expected
                        + " for " + target.getFileName() + "; the file is corrupt or not the known release,"
                        + " nothing was installed");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies a file, decompressing it first when {@code gunzip}, under the same rules. */
    static void install(Path source, boolean gunzip, Path target, NamedFile known) throws IOException {
        try (InputStream raw = Files.newInputStream(source);
             InputStream in = gunzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            install(in, target, known, source + (gunzip ? " (decompressed)" : ""));
        }
    }

    /** The SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
