package io.dot4j.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dot4j.runtime.Dot4jModel;
import io.dot4j.runtime.format.ModelWriter;
import io.dot4j.runtime.image.ImagePixels;
import io.dot4j.runtime.ir.IntModel;
import io.dot4j.runtime.reference.ReferenceInterpreter;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "runtime as a dependency", done as a user would: the runtime jar (built from the reactor's runtime classes)
 * and the parent POM are installed with {@code mvn install:install-file} into a local repository of the test's own,
 * then a separate small Maven project that declares {@code io.dot4j:dot4j-runtime:0.1.0-SNAPSHOT} is compiled offline
 * ({@code -o}) by Maven on JDK 17 and run on JDK 17 to predict an image; its answer must be the reference
 * interpreter's. Maven's plugins come from the user's ~/.m2 through a file:// repository (allowed offline); the
 * install plugin may be fetched from Maven Central once when ~/.m2 does not have it yet.
 */
@Tag("slow")
class RuntimeAsDependencyTest {
    static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tmp;

    private static final String CONSUMER_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>org.example</groupId>
              <artifactId>uses-dot4j</artifactId>
              <version>1.0</version>
              <properties>
                <maven.compiler.release>17</maven.compiler.release>
                <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
              </properties>
              <dependencies>
                <dependency>
                  <groupId>io.dot4j</groupId>
                  <artifactId>dot4j-runtime</artifactId>
                  <version>%s</version>
                </dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                </plugins>
              </build>
            </project>
            """;

    private static final String CONSUMER_MAIN = """
            import io.dot4j.runtime.Dot4jModel;
            import io.dot4j.runtime.Prediction;
            import java.nio.file.Path;
            import javax.imageio.ImageIO;

            public class Classify {
                public static void main(String[] args) throws Exception {
                    try (Dot4jModel model = Dot4jModel.load(Path.of(args[0]))) {
                        Prediction p = model.predict(ImageIO.read(Path.of(args[1]).toFile()));
                        System.out.println("class " + p.label() + " on Java " + Runtime.version().feature());
                    }
                }
            }
            """;

    @Test
    void aSeparateMavenProjectOnJdk17PredictsAnImage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK17.resolve("bin/java")), "needs JDK 17 at " + JDK17);
        Path classes = Path.of(Dot4jModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected the reactor's runtime/target/classes, got " + classes);
        Path runtimePom = classes.getParent().getParent().resolve("pom.xml");
        Path parentPom = runtimePom.getParent().getParent().resolve("pom.xml");
        Path jar = tmp.resolve("dot4j-runtime-" + VERSION + ".jar");
        ToolProvider jarTool = ToolProvider.findFirst("jar").orElseThrow();
        StringWriter jarErr = new StringWriter();
        assertEquals(0, jarTool.run(new PrintWriter(System.out), new PrintWriter(jarErr), "--create", "--file", jar.toString(),
                "-C", classes.toString(), "."), jarErr.toString());

        Path repo = tmp.resolve("repo");
        Path settings = tmp.resolve("settings.xml");
        String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        Files.writeString(settings, "<settings><profiles><profile><id>m2</id>"
                + "<repositories><repository><id>m2</id><url>" + m2 + "</url></repository></repositories>"
                + "<pluginRepositories><pluginRepository><id>m2</id><url>" + m2 + "</url></pluginRepository>"
                + "</pluginRepositories></profile></profiles><activeProfiles><activeProfile>m2</activeProfile>"
                + "</activeProfiles></settings>");
        String install = "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file";
        // online only if the install plugin is not in ~/.m2 yet (a plain `mvn test` never needs it)
        boolean haveInstall = Files.isDirectory(Path.of(System.getProperty("user.home"),
                ".m2/repository/org/apache/maven/plugins/maven-install-plugin/3.1.4"));
        mvn(tmp, repo, settings, haveInstall, install, "-Dfile=" + parentPom, "-DpomFile=" + parentPom, "-Dpackaging=pom");
        mvn(tmp, repo, settings, haveInstall, install, "-Dfile=" + jar, "-DpomFile=" + runtimePom);
        assertTrue(Files.isRegularFile(repo.resolve("io/dot4j/dot4j-runtime/" + VERSION + "/dot4j-runtime-" + VERSION + ".jar")));

        Path project = Files.createDirectories(tmp.resolve("uses-dot4j"));
        Files.writeString(project.resolve("pom.xml"), CONSUMER_POM.formatted(VERSION));
        Path src = Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(src.resolve("Classify.java"), CONSUMER_MAIN);
        mvn(project, repo, settings, true, "compile");

        IntModel model = TinyModels.mnistShaped(11);
        Path modelFile = tmp.resolve("tiny.dot4j");
        ModelWriter.write(model, modelFile);
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(3);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
            }
        }
        Path png = tmp.resolve("digit.png");
        ImageIO.write(img, "png", png.toFile());
        int expected = IntModel.argmax(new ReferenceInterpreter(model).scores(ImagePixels.toPixels(img, 1, 28, 28)));

        String cp = project.resolve("target/classes") + File.pathSeparator
                + repo.resolve("io/dot4j/dot4j-runtime/" + VERSION + "/dot4j-runtime-" + VERSION + ".jar");
        String out = run(tmp, List.of(JDK17.resolve("bin/java").toString(), "-cp", cp, "Classify", modelFile.toString(),
                png.toString()), JDK17);
        assertEquals("class " + expected + " on Java 17", out.strip());
    }

    private static void mvn(Path dir, Path repo, Path settings, boolean offline, String... goals) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-s", settings.toString(),
                "-Daether.offline.protocols=file", "-Dmaven.repo.local=" + repo));
        if (offline) {
            cmd.add("-o");
        }
        cmd.addAll(List.of(goals));
        run(dir, cmd, JDK17);
    }

    private static String run(Path dir, List<String> cmd, Path javaHome) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within 5 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> cmd + " failed:\n" + text);
        return text;
    }
}
