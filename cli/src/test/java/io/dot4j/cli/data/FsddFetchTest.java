package io.dot4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.dot4j.cli.CliRun;
import io.dot4j.cli.UserError;
import io.dot4j.core.data.DataCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsddFetchTest {

    private static final PrintWriter QUIET = new PrintWriter(new StringWriter());

    /** The verified shared copy in the data cache (run-tests fetches it with --from ../shared/data/fsdd). */
    private static Path cachedCopy() {
        Path dir = DataCache.root().resolve("fsdd");
        if (!Files.isDirectory(dir.resolve("recordings"))) {
            fail(dir + " not found; run `dot4j data fetch fsdd --from ../shared/data/fsdd` (docs/VOICE.md)");
        }
        return dir;
    }

    @Test
    void copiesAndVerifiesTheSharedCopyThenLeavesItAlone(@TempDir Path cache) {
        Path from = cachedCopy();
        CliRun run = CliRun.of("data", "fetch", "fsdd", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("fsdd: 2500 recordings installed and verified (the shared copy (5 speakers))"),
                run.out());
        assertTrue(Files.isRegularFile(cache.resolve("fsdd/recordings/0_jackson_0.wav")));
        assertTrue(Files.isRegularFile(cache.resolve("fsdd/README.md")));
        CliRun again = CliRun.of("data", "fetch", "fsdd", "--from", from.toString(), "--cache", cache.toString());
        assertTrue(again.out().contains("2500 recordings present and verified (the shared copy (5 speakers))"
                + " in " + cache.resolve("fsdd/recordings") + "; nothing to do"), again.out());
    }

    @Test
    void refusesAFolderThatIsNotAKnownRelease(@TempDir Path tmp) throws IOException {
        Path from = Files.createDirectories(tmp.resolve("mine/recordings"));
        Files.write(from.resolve("3_alice_0.wav"), new byte[] {1, 2, 3});
        Path cache = tmp.resolve("cache");
        CliRun run = CliRun.of("data", "fetch", "fsdd", "--from", tmp.resolve("mine").toString(), "--cache",
                cache.toString());
        assertTrue(run.exitCode() != 0);
        assertTrue(run.err().contains(from + ": its 1 .wav files concatenated in sorted order have SHA-256 "), run.err());
        assertTrue(run.err().contains("nothing was installed"), run.err());
        assertFalse(Files.exists(cache.resolve("fsdd")));
        try (var s = Files.list(cache)) {
            assertEquals(0, s.count(), "no temporary folder is left behind");
        }
    }

    @Test
    void replacesACorruptedCacheFolder(@TempDir Path cache) throws IOException {
        Path from = cachedCopy();
        Path rec = Files.createDirectories(cache.resolve("fsdd/recordings"));
        Files.write(rec.resolve("0_jackson_0.wav"), new byte[] {9});
        CliRun run = CliRun.of("data", "fetch", "fsdd", "--from", from.toString(), "--cache", cache.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("matches no known release; it will be replaced"), run.err());
        assertEquals(Files.size(from.resolve("recordings/0_jackson_0.wav")), Files.size(rec.resolve("0_jackson_0.wav")));
    }

    // the real route's archive handling, on an archive built here (this machine has no internet)

    private static byte[] wav(int seed) {
        byte[] b = new byte[60];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    private static Path archive(Path dir, String... extraMembers) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        String top = "free-spoken-digit-dataset-" + FsddFetch.COMMIT;
        member(tar, top + "/README.md", "attribution".getBytes(StandardCharsets.UTF_8));
        member(tar, top + "/recordings/1_bob_0.wav", wav(2));
        member(tar, top + "/recordings/0_alice_0.wav", wav(1));
        member(tar, top + "/recordings/notes.txt", wav(3));
        member(tar, top + "/utils/x.wav", wav(4));
        for (String m : extraMembers) {
            member(tar, m, wav(5));
        }
        tar.writeBytes(new byte[1024]);
        Path file = dir.resolve("fsdd.tar.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(tar.toByteArray());
        }
        return file;
    }

    private static String sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void extractsTheRecordingsOfAnArchiveAndChecksTheirDigest(@TempDir Path tmp) throws Exception {
        Path archive = archive(tmp);
        FsddFetch.Release expected = new FsddFetch.Release("a test release", 2, sha256(wav(1), wav(2)));
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertEquals(expected, FsddFetch.extract(archive, out, expected, QUIET));
        assertEquals(2, FsddFetch.wavFiles(out.resolve("recordings")).size());
        assertEquals("attribution", Files.readString(out.resolve("README.md")));
        assertFalse(Files.exists(out.resolve("recordings/x.wav")), "only top/recordings/ is taken");
    }

    @Test
    void refusesAnArchiveWhoseRecordingsDifferFromThePublishedSet(@TempDir Path tmp) throws Exception {
        Path archive = archive(tmp);
        UserError e = assertThrows(UserError.class, () -> FsddFetch.extract(archive,
                Files.createDirectories(tmp.resolve("out")), FsddFetch.PUBLISHED, QUIET));
        assertTrue(e.getMessage().contains("its 2 recordings have SHA-256 " + sha256(wav(1), wav(2)) + ", expected "
                + FsddFetch.PUBLISHED.sha256() + " (3000 files"), e.getMessage());
    }

    @Test
    void ignoresMembersThatTryToLeaveTheFolder(@TempDir Path tmp) throws Exception {
        Path archive = archive(tmp, "top/recordings/../../evil.wav", "top/recordings/../2_eve_0.wav");
        FsddFetch.Release expected = new FsddFetch.Release("a test release", 2, sha256(wav(1), wav(2)));
        Path out = Files.createDirectories(tmp.resolve("out"));
        FsddFetch.extract(archive, out, expected, QUIET);
        assertFalse(Files.exists(tmp.resolve("evil.wav")));
        assertFalse(Files.exists(out.resolve("2_eve_0.wav")));
    }

    @Test
    void theDigestIsOverTheSortedConcatenation(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("b_x_0.wav"), wav(2));
        Files.write(tmp.resolve("a_x_0.wav"), wav(1));
        Files.write(tmp.resolve("c.txt"), wav(3));
        assertEquals(new FsddFetch.Digest(2, sha256(wav(1), wav(2))), FsddFetch.digest(tmp));
    }

    private static void member(ByteArrayOutputStream out, String name, byte[] content) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}
