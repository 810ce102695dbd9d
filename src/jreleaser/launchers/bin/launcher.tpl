#!/usr/bin/env bash
# {{jreleaserCreationStamp}}
# {{distributionExecutable}} {{projectVersion}}: starts htmxws from this release folder, on the java of JAVA_HOME or
# PATH (17 or newer), or on the runtime of a jlink image (bin/java next to this script). Works through symlinks
# (Homebrew, SDKMAN) and from any folder.
#
# The JVM part is lib/htmxws-jvm.sh (jars/htmxws-jvm.sh in a jlink image): the C1 compiler and the serial GC for
# short commands, --enable-native-access on JDK 22+, and a class-data archive (CDS on JDK 17-24, AOT cache on 25+)
# made on the first run in the user's cache folder and used while it is newer than the jars and the JDK; a missing,
# stale or refused archive is not used, silently.
#
# Environment:
#   JAVA_HOME         the JDK to run (not for a jlink image, which brings its own)
#   HTMXWS_JAVA_OPTS  more JVM flags, after the launcher's own
#   HTMXWS_CDS=off    neither make nor use the archive
#   HTMXWS_CACHE_DIR  where the archives go (default: $XDG_CACHE_HOME/htmxws, ~/.cache/htmxws, or
#                     ~/Library/Caches/htmxws on macOS)
#   HTMXWS_LAUNCHER_DEBUG=1   print the java command line on stderr before running it
set -euo pipefail

src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  [[ $src != /* ]] && src="$dir/$src"
done
app_home="$(cd -P "$(dirname "$src")/.." && pwd)"

java_home_fixed=""
jars="$app_home/lib"
if [ -x "$app_home/bin/java" ] && [ -d "$app_home/jars" ]; then
  java_home_fixed="$app_home" # a jlink image
  jars="$app_home/jars"
fi
# shellcheck source=../../../launcher/htmxws-jvm.sh
. "$jars/htmxws-jvm.sh"

# The class path in a fixed order, the program first: an archive is only used with the class path it was made for.
class_path() {
  local LC_ALL=C jar cp="$jars/{{distributionJavaMainJar}}"
  for jar in "$jars"/*.jar; do
    [ "$jar" = "$jars/{{distributionJavaMainJar}}" ] || cp="$cp:$jar"
  done
  printf '%s' "$cp"
}
app_cp="$(class_path)"
app_launch=(-cp "$app_cp" {{distributionJavaMainClass}})

if [ -n "${HTMXWS_CACHE_DIR:-}" ]; then
  cds_dir="$HTMXWS_CACHE_DIR"
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
  cds_dir="$XDG_CACHE_HOME/htmxws"
elif [ -z "${HOME:-}" ]; then
  cds_dir="" HTMXWS_CDS=off # nowhere to keep an archive
elif [[ ${OSTYPE:-} == darwin* ]]; then
  cds_dir="$HOME/Library/Caches/htmxws"
else
  cds_dir="$HOME/.cache/htmxws"
fi
# one archive per release folder and JDK (the JDK's build and home are added to the name)
cds_name="htmxws-{{projectVersion}}-$(printf '%s' "$app_home" | cksum | cut -d ' ' -f 1)"
cds_inputs=("$jars" "$jars/{{distributionJavaMainJar}}")

htmxws_jvm_setup "$@"
htmxws_make_cds_unless_busy
htmxws_jvm_exec "$@"
