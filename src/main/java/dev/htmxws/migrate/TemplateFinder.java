package dev.htmxws.migrate;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the files to migrate under the paths given: files named explicitly always, template-like files
 * under folders. Never follows a symbolic link (so never loops), skips hidden and build folders.
 */
public final class TemplateFinder {

    /** Template-like file name endings (docs/spec/migrate.md). */
    public static final List<String> EXTENSIONS = List.of(".html", ".htm", ".jinja", ".jinja2", ".j2", ".tmpl",
        ".gohtml", ".tpl", ".erb", ".hbs", ".handlebars", ".mustache", ".twig", ".php", ".cshtml", ".razor", ".vue",
        ".svelte", ".jsx", ".tsx", ".templ", ".heex", ".eex", ".liquid", ".njk", ".astro");

    private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", "vendor", "target", "build", "dist");

    /** A file to migrate, or a path that could not be walked. */
    public record Entry(Path path, boolean explicit, Finding problem) {
    }

    private final List<PathMatcher> includes = new ArrayList<>();
    private final List<PathMatcher> excludes = new ArrayList<>();

    /**
     * @throws IllegalArgumentException for a malformed glob
     */
    public TemplateFinder(List<String> includeGlobs, List<String> excludeGlobs) {
        FileSystem fs = FileSystems.getDefault();
        for (String g : includeGlobs) {
            includes.add(fs.getPathMatcher("glob:" + g));
        }
        for (String g : excludeGlobs) {
            excludes.add(fs.getPathMatcher("glob:" + g));
        }
    }

    public List<Entry> find(List<Path> roots) {
        List<Entry> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isSymbolicLink(root)) {
                String to;
                try {
                    to = Files.readSymbolicLink(root).toString();
                } catch (IOException e) {
                    to = "?";
                }
                out.add(new Entry(root, true, Finding.ofFile(Level.ERROR, "symlink",
                    "is a symbolic link (to " + to + "); not followed: name its target instead")));
            } else if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                walk(root, out);
            } else if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Entry(root, true, null));
            } else {
                out.add(new Entry(root, true, Finding.ofFile(Level.ERROR, "read-failed",
                    "no such file or folder")));
            }
        }
        return out;
    }

    private void walk(Path root, List<Entry> out) {
        List<Entry> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = dir.getFileName().toString();
                    if (name.startsWith(".") || SKIPPED_FOLDERS.contains(name) || excluded(root.relativize(dir))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path rel = root.relativize(file);
                    if (attrs.isSymbolicLink()) {
                        if (wanted(rel) || Files.isDirectory(file)) {
                            found.add(new Entry(file, false, Finding.ofFile(Level.INFO, "symlink-skipped",
                                "is a symbolic link; not followed")));
                        }
                    } else if (attrs.isRegularFile() && wanted(rel) && !excluded(rel)) {
                        found.add(new Entry(file, false, null));
                    } else if (attrs.isRegularFile() && FileMigrator.isTempFile(file)) {
                        found.add(new Entry(file, false, null)); // left by a killed run: cleared up
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(new Entry(file, false, Finding.ofFile(Level.ERROR, "read-failed",
                        "cannot be read: " + FileMigrator.reason(e))));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            found.add(new Entry(root, true, Finding.ofFile(Level.ERROR, "read-failed",
                "cannot be walked: " + FileMigrator.reason(e))));
        }
        found.sort(Comparator.comparing(e -> e.path().toString()));
        out.addAll(found);
    }

    private boolean wanted(Path rel) {
        String name = rel.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return matches(includes, rel);
    }

    private boolean excluded(Path rel) {
        return matches(excludes, rel);
    }

    /** A glob matches the path relative to its root, or the file name alone. */
    private static boolean matches(List<PathMatcher> globs, Path rel) {
        for (PathMatcher m : globs) {
            if (m.matches(rel) || m.matches(rel.getFileName())) {
                return true;
            }
        }
        return false;
    }
}
