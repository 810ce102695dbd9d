package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --write} writes only inside the paths it was given and never through a symbolic link: a link in
 * the tree to a file or folder elsewhere is reported and left alone, and so is everything outside the tree; a temp
 * file a killed run left is cleared up by the next run that writes and only reported by the others.
 */
class MigrateSafetyTest {

    private static final String LEGACY = "<div hx-ws=\"connect:/chat\">\n  <form hx-ws=\"send\"></form>\n</div>\n";
    private static final String MIGRATED = "<div hx-ext=\"ws\" ws-connect=\"/chat\">\n  <form ws-send></form>\n</div>\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, UTF_8);
        return p;
    }

    @Test
    void linksInTheTreeToFilesAndFoldersOutsideAreReportedAndNeverWrittenThrough() throws IOException {
        Path outsideFile = write("outside/secret.html", LEGACY);
        write("outside/dir/page.html", LEGACY);
        Path inside = write("tree/real.html", LEGACY);
        Files.createSymbolicLink(dir.resolve("tree/link-to-file.html"), outsideFile);
        Files.createSymbolicLink(dir.resolve("tree/link-to-dir"), dir.resolve("outside/dir"));
        Files.createSymbolicLink(dir.resolve("tree/link-to-nothing.html"), dir.resolve("outside/missing.html"));
        Map<String, String> before = snapshot(dir.resolve("outside"));

        CliResult r = CliResult.run("migrate", "--write", dir.resolve("tree").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(Files.readString(inside, UTF_8)).isEqualTo(MIGRATED);
        assertThat(snapshot(dir.resolve("outside"))).as("nothing outside the tree changed").isEqualTo(before);
        for (String link : new String[] {"link-to-file.html", "link-to-dir", "link-to-nothing.html"}) {
            assertThat(Files.isSymbolicLink(dir.resolve("tree").resolve(link))).as(link + " is still a link").isTrue();
            assertThat(r.err())
                .contains(dir.resolve("tree").resolve(link) + ": info: is a symbolic link; not followed");
        }
        assertThat(r.err()).contains("3 infos");
    }

    @Test
    void onlyThePathsGivenAreWrittenNothingNextToThemAndNoFileIsAdded() throws IOException {
        write("project/a/one.html", LEGACY);
        write("project/a/nested/two.html", LEGACY);
        write("project/b/three.html", LEGACY);
        write("project/four.html", LEGACY);
        write("elsewhere/five.html", LEGACY);
        Map<String, String> before = snapshot(dir);

        CliResult r = CliResult.run("migrate", "--write", dir.resolve("project/a").toString(),
            dir.resolve("project/four.html").toString());

        assertThat(r.code()).as(r.toString()).isZero();
        Map<String, String> now = snapshot(dir);
        assertThat(now.keySet()).as("no file added or removed anywhere").isEqualTo(before.keySet());
        for (String f : now.keySet()) {
            boolean given = f.startsWith("project/a/") || f.equals("project/four.html");
            assertThat(now.get(f)).as(f).isEqualTo(given ? MIGRATED : LEGACY);
        }
    }

    @Test
    void aTempFileAKilledRunLeftIsReportedByADryRunAndRemovedByTheNextWrite() throws IOException {
        Path page = write("tree/page.html", LEGACY);
        Path temp = write("tree/.page.html.8472093847.htmxws.tmp", MIGRATED.substring(0, 20)); // cut off mid-write
        Path notOurs = write("tree/.page.html.htmxws.tmp", "not a name the migrator gives its temp files");
        Path linkLikeATemp = dir.resolve("tree/.other.html.123.htmxws.tmp");
        Path outside = write("outside/keep.txt", "keep");
        Files.createSymbolicLink(linkLikeATemp, outside);

        CliResult dry = CliResult.run("migrate", dir.resolve("tree").toString());
        assertThat(dry.code()).as(dry.toString()).isZero();
        assertThat(dry.err()).contains(temp + ": info: a temp file left by an interrupted migrate --write");
        assertThat(temp).exists();

        CliResult w = CliResult.run("migrate", "--write", dir.resolve("tree").toString());
        assertThat(w.code()).as(w.toString()).isZero();
        assertThat(w.err()).contains(temp + ": info: removed: a temp file left by an interrupted migrate --write");
        assertThat(temp).doesNotExist();
        assertThat(Files.readString(page, UTF_8)).isEqualTo(MIGRATED);
        assertThat(notOurs).exists();
        assertThat(Files.isSymbolicLink(linkLikeATemp)).as("a link is never removed or followed").isTrue();
        assertThat(outside).hasContent("keep");
    }

    /** Every regular file below {@code root} (relative path → content), links not followed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                    out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, UTF_8));
                }
            }
        }
        return out;
    }
}
