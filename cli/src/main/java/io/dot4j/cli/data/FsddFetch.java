package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import io.dot4j.cli.voice.RecordingName;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code dot4j data fetch fsdd [--from DIR]}: the Free Spoken Digit Dataset into {@code <cache>/fsdd/recordings/}.
 * Without {@code --from} it downloads the GitHub archive of Jakobovski/free-spoken-digit-dataset at the pinned commit
 * and keeps its {@code recordings/}; with {@code --from DIR} it copies {@code DIR/recordings/} (or DIR itself). Either
 * way the set is checked as a whole: the SHA-256 of all its {@code .wav} files concatenated in sorted file-name order
 * must be the published set's (3,000 files) or the project's shared copy's (2,500 files, one speaker withheld), as
 * docs/VOICE.md lists them. The files go to a temporary folder first and replace the cache folder only once verified.
 */
public final class FsddFetch {

    /** The name users type. */
    public static final String NAME = "fsdd";
    static final String COMMIT = "26eb9aaf76e81b692f806f9140c2d2777410d7a1";
    static final URI ARCHIVE = URI.create("https://github.com/Jakobovski/free-spoken-digit-dataset/archive/" + COMMIT
            + ".tar.gz");
    /** The published recordings (tag v1.0.10): 3,000 files. */
    static final Release PUBLISHED = new Release("the published set (commit " + COMMIT.substring(0, 12) + ")", 3_000,
            "ddb17656a0bca4c5ddace082be188ca630516dc2ef1110afe3c4e9cc71173de4");
    /** The shared copy with one speaker withheld: 2,500 files. */
    static final Release SHARED = new Release("the shared copy (5 speakers)", 2_500,
            "24b15c98b59026af47a9fc1badb13f52a9db5ff13ed2c59404342f993c511c66");
    static final long MAX_ARCHIVE_BYTES = 256L << 20;
    static final long MAX_RECORDING_BYTES = 1L << 20;
    static final int MAX_RECORDINGS = 20_000;

    /** A known content of the recordings folder. */
    record Release(String what, int files, String sha256) {
    }

    /** What a recordings folder holds: its WAV count and the SHA-256 of their sorted concatenation. */
    record Digest(int files, String sha256) {
    }

    private FsddFetch() {
    }

    /** Runs the fetch; {@code out} gets the result line, {@code progress} the steps. */
    public static int run(Path from, Path cacheRoot, PrintWriter out, PrintWriter progress) throws IOException {
        Path target = cacheRoot.resolve(NAME);
        Path recordings = target.resolve("recordings");
        if (Files.isDirectory(recordings)) {
            progress.println("fsdd: checking " + recordings + " ...");
            progress.flush();
            Digest d = digest(recordings);
            Release r = known(d);
            if (r != null) {
                out.println("fsdd: " + d.files() + " recordings present and verified (" + r.what() + ") in " + recordings
                        + "; nothing to do");
                return 0;
            }
            progress.println("fsdd: " + recordings + " (" + d.files() + " files) matches no known release; it will be"
                    + " replaced");
        }
        Files.createDirectories(cacheRoot);
        Path tmp = tempFolder(cacheRoot);
        try {
            Release r;
            if (from != null) {
                r = copyFolder(from, tmp, progress);
            } else {
                Path archive = tmp.resolve("fsdd.tar.gz");
                download(ARCHIVE, archive, progress);
                r = extract(archive, tmp, PUBLISHED, progress);
                Files.delete(archive);
            }
            replace(tmp, target);
            out.println("fsdd: " + r.files() + " recordings installed and verified (" + r.what() + ") in " + recordings);
            return 0;
        } finally {
            FetchSources.deleteTree(tmp);
        }
    }

    /** Copies the recordings (and README.md, metadata.py when present) of {@code from} into {@code tmp}, verified. */
    static Release copyFolder(Path from, Path tmp, PrintWriter progress) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new UserError("--from " + from + " is not a folder");
        }
        Path src = Files.isDirectory(from.resolve("recordings")) ? from.resolve("recordings") : from;
        Digest before = digest(src);
        Release r = known(before);
        if (r == null) {
            throw mismatch(src, before);
        }
        progress.println("fsdd: copying " + before.files() + " recordings from " + src + " (" + r.what() + ") ...");
        progress.flush();
        Path dst = Files.createDirectories(tmp.resolve("recordings"));
        for (Path f : wavFiles(src)) {
            Files.copy(f, dst.resolve(f.getFileName().toString()));
        }
        for (String extra : List.of("README.md", "metadata.py")) {
            if (Files.isRegularFile(from.resolve(extra))) {
                Files.copy(from.resolve(extra), tmp.resolve(extra));
            }
        }
        Digest after = digest(dst);
        if (!after.equals(before)) {
            throw new UserError("fsdd: the copy in " + dst + " differs from " + src + " (" + after.sha256()
                    + "); the source changed while copying, nothing was installed");
        }
        return r;
    }

    /**
     * Extracts {@code <top>/recordings/*.wav} (and the top-level README.md and metadata.py) of a gzipped tar archive
     * into {@code tmp}, then requires the recordings to be {@code expected}. Member names must have the FSDD form,
     * each member at most 1 MiB, at most 20,000 of them.
     */
    static Release extract(Path archive, Path tmp, Release expected, PrintWriter progress) throws IOException {
        progress.println("fsdd: extracting " + archive.getFileName() + " ...");
        progress.flush();
        Path dst = Files.createDirectories(tmp.resolve("recordings"));
        int count = 0;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            TarReader tar = new TarReader(in, archive);
            TarReader.Entry e;
            while ((e = tar.next()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String[] parts = e.name().split("/", -1);
                String extra = parts.length == 2 && (parts[1].equals("README.md") || parts[1].equals("metadata.py"))
                        ? parts[1] : null;
                boolean recording = parts.length == 3 && parts[1].equals("recordings")
                        && RecordingName.parse(parts[2]).isPresent();
                if (!recording && extra == null) {
                    continue;
                }
                if (e.size() > MAX_RECORDING_BYTES) {
                    throw new UserError(archive + ": member " + e.name() + " is " + e.size() + " bytes, more than the "
                            + MAX_RECORDING_BYTES + " a recording may have; not the FSDD archive");
                }
                if (recording && ++count > MAX_RECORDINGS) {
                    throw new UserError(archive + ": more than " + MAX_RECORDINGS + " recordings; not the FSDD archive");
                }
                Path file = recording ? dst.resolve(parts[2]) : tmp.resolve(extra);
                try (OutputStream o = Files.newOutputStream(file)) {
                    tar.content().transferTo(o);
                }
            }
        }
        Digest d = digest(dst);
        if (d.files() != expected.files() || !d.sha256().equals(expected.sha256())) {
            throw new UserError(archive + ": its " + d.files() + " recordings have SHA-256 " + d.sha256()
                    + ", expected " + expected.sha256() + " (" + expected.files() + " files, " + expected.what()
                    + "); nothing was installed");
        }
        return expected;
    }

    /** Every {@code .wav} file of a folder, sorted by file name, and the SHA-256 of their concatenation. */
    static Digest digest(Path dir) throws IOException {
        MessageDigest md = sha256();
        List<Path> files = wavFiles(dir);
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    md.update(buf, 0, n);
                }
            }
        }
        return new Digest(files.size(), HexFormat.of().formatHex(md.digest()));
    }

    static List<Path> wavFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".wav") && Files.isRegularFile(p)).forEach(files::add);
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static Release known(Digest d) {
        for (Release r : List.of(PUBLISHED, SHARED)) {
            if (r.files() == d.files() && r.sha256().equals(d.sha256())) {
                return r;
            }
        }
        return null;
    }

    private static UserError mismatch(Path src, Digest d) {
        return new UserError(src + ": its " + d.files() + " .wav files concatenated in sorted order have SHA-256 "
                + d.sha256() + ", which is neither " + PUBLISHED.what() + " (" + PUBLISHED.files() + " files, "
                + PUBLISHED.sha256() + ") nor " + SHARED.what() + " (" + SHARED.files() + " files, " + SHARED.sha256()
                + "); nothing was installed");
    }

    private static void download(URI uri, Path file, PrintWriter progress) throws IOException {
        progress.println("fsdd: downloading " + uri + " (about 20 MB) ...");
        progress.flush();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("fsdd: download of " + uri + " interrupted");
        } catch (IOException e) {
            throw new UserError("fsdd: cannot download " + uri + " (" + e.getMessage() + "); without internet, copy the"
                    + " recordings from another machine and use --from DIR");
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new UserError("fsdd: " + uri + " answered HTTP " + response.statusCode());
        }
        try (InputStream in = response.body(); OutputStream o = Files.newOutputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > MAX_ARCHIVE_BYTES) {
                    throw new UserError("fsdd: " + uri + " is larger than " + MAX_ARCHIVE_BYTES + " bytes; not the FSDD"
                            + " archive");
                }
                o.write(buf, 0, n);
            }
        }
    }

    private static Path tempFolder(Path cacheRoot) throws IOException {
        return Files.createDirectory(cacheRoot.resolve("." + NAME + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong()) + ".part"));
    }

    /** Moves the verified {@code tmp} onto {@code target}, the old folder (if any) out of the way first. */
    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + NAME + ".old." + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            FetchSources.deleteTree(old);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
