# shellcheck shell=bash disable=SC2154 # app_cp, app_launch, cds_dir, cds_name, cds_inputs: set by the launcher
# The JVM part of the htmxws launchers, sourced by the source-checkout launcher (./htmxws) and by bin/htmxws of the
# release archive and of the jlink images: which java, its flags, and the class-data archive. Bash 3.2 (macOS) or
# newer; it sets no shell options and defines only functions.
#
# The launcher sets, before calling htmxws_jvm_setup:
#   app_cp        the class path (the dump of a static CDS archive names it)
#   app_launch    array: what starts the program after the JVM flags (-jar JAR, or -cp CP MAIN)
#   cds_dir       the folder of the archives (made when missing)
#   cds_name      the start of their file names; the JDK's build and home are added
#   cds_inputs    array: files and folders the archive must be newer than (the JDK's class image is added)
#   java_home_fixed  (optional) the runtime to use whatever JAVA_HOME says: a jlink image's own
#
# Start-up: a class-data archive for the JVM in use, made from a few training runs (--version, --help, send and
# listen and connect (to a refused port), migrate --help, migrate --check on a small file):
#   JDK 17-24: a static CDS archive, <cds_name>-<jdk>.jsa (-Xshare:dump from the classes loaded in the training
#              runs; unlike a dynamic archive it also holds picocli, whose Java 5 class files JDK 17 cannot put in a
#              dynamic archive);
#   JDK 25+:   an AOT cache, <cds_name>-<jdk>.aot (-XX:AOTCacheOutput, trained on migrate --check).
# An archive that is missing, older than its inputs, failed to build, or is refused by the JVM is simply not used:
# the command runs as before, and nothing is printed.
#
# Environment:
#   JAVA_HOME         the JDK to run (default: java on PATH)
#   HTMXWS_JAVA_OPTS  more JVM flags, after the launcher's own
#   HTMXWS_CDS=off    neither make nor use the archive
#   HTMXWS_LAUNCHER_DEBUG=1   print the java command line on stderr before running it

# Finds java and its version, picks the JVM flags for the command in "$@", and names the archive files.
htmxws_jvm_setup() {
  java_cmd="java"
  java_home=""
  if [ -n "${java_home_fixed:-}" ]; then
    java_cmd="$java_home_fixed/bin/java"
    java_home="$java_home_fixed"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java_cmd="$JAVA_HOME/bin/java"
    java_home="$JAVA_HOME"
  fi
  if ! command -v "$java_cmd" >/dev/null 2>&1; then
    echo "htmxws: no java found; install a JDK 17 or newer, or set JAVA_HOME" >&2
    exit 3
  fi

  # which JDK: read its `release` file (no extra JVM start)
  if [ -z "$java_home" ]; then
    local java_path
    java_path="$(command -v java)"
    java_path="$(readlink -f -- "$java_path" 2>/dev/null || printf '%s' "$java_path")"
    java_home="${java_path%/bin/java}"
  fi
  local jdk_version="" jdk_build="" key value
  if [ -r "$java_home/release" ]; then
    while IFS='=' read -r key value; do
      value="${value%\"}"
      value="${value#\"}"
      case $key in
        JAVA_VERSION) jdk_version=$value ;;
        JAVA_RUNTIME_VERSION) jdk_build=$value ;;
      esac
    done <"$java_home/release" || true
  fi
  jdk_major="${jdk_version%%[.+-]*}"
  [[ $jdk_major =~ ^[0-9]+$ ]] || jdk_major=0 # unknown: no version-specific flags, no archive

  # Short-lived commands: the C1 compiler alone and the serial GC start and finish sooner on a small machine (C2
  # compiler threads compete with the work for the cores; 2.6 s -> 0.75 s for migrate --check over 10,000 templates
  # on 2 cores). listen and connect too: C1 alone receives a 20,000-message burst at ~130,000 msgs/s against
  # ~100,000 with C2 warming up, and is as fast at 200,000 (bench/client.sh). Only the server keeps the full tiered
  # compiler, for many clients over a long time.
  short_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m)
  local command_name="" arg
  for arg in "$@"; do
    case $arg in
      --) break ;;
      -*) ;;
      *) command_name=$arg; break ;;
    esac
  done
  case $command_name in
    serve) jvm_opts=(-XX:+UseSerialGC -Xss4m) ;;
    *) jvm_opts=("${short_opts[@]}") ;;
  esac
  module_opts=()
  if ((jdk_major >= 22)); then
    module_opts=(--enable-native-access=ALL-UNNAMED) # jline's terminal access, without a warning
  fi

  cds_mode=""
  if [ "${HTMXWS_CDS:-}" != off ] && ((jdk_major >= 17)); then
    if ((jdk_major >= 25)); then cds_mode=aot; else cds_mode=static; fi
  fi
  local cds_id="${jdk_build:-$jdk_version}-${java_home}"
  cds_id="${cds_id//[^A-Za-z0-9._+-]/_}"
  cds_file="$cds_dir/$cds_name-$cds_id.jsa"
  [ "$cds_mode" = aot ] && cds_file="$cds_dir/$cds_name-$cds_id.aot"
  cds_failed="$cds_dir/$cds_name-$cds_id.cds-failed" # the log of a failed attempt; no retry until the inputs change
  cds_lock="$cds_dir/.$cds_name.cds-lock"
}

# Whether file $1 is newer than each of the archive's inputs and the JDK's class image.
htmxws_newer_than_inputs() {
  [ -f "$1" ] || return 1
  local input
  for input in "${cds_inputs[@]}" "$java_home/lib/modules"; do
    if [ -e "$input" ] && ! [ "$1" -nt "$input" ]; then
      return 1
    fi
  done
}

htmxws_cds_wanted() {
  [ -n "$cds_mode" ] && ! htmxws_newer_than_inputs "$cds_file" && ! htmxws_newer_than_inputs "$cds_failed"
}

# Makes the archive from training runs in a temporary folder, then moves it in place atomically.
# Never fails and prints nothing; a failure leaves its log in $cds_failed.
htmxws_make_cds() {
  mkdir -p "$cds_dir" 2>/dev/null && [ -w "$cds_dir" ] || return 0
  local tmp
  tmp="$(mktemp -d "$cds_dir/.cds-training.XXXXXX" 2>/dev/null)" || return 0
  if (
    set -e
    cd "$tmp"
    printf '%s\n' '<div hx-ws="connect:/chat">' '  <form hx-ws="send"><input name="m"></form>' '</div>' >one.html
    run() { "$java_cmd" "${short_opts[@]}" ${module_opts[@]+"${module_opts[@]}"} "$@" </dev/null >>train.log 2>&1 || true; }
    if [ "$cds_mode" = aot ]; then
      run -XX:AOTCacheOutput="$tmp/archive" "${app_launch[@]}" migrate --check one.html
    else
      run -Xshare:auto -XX:DumpLoadedClassList=1.lst "${app_launch[@]}" --version &
      run -Xshare:auto -XX:DumpLoadedClassList=2.lst "${app_launch[@]}" --help &
      wait
      run -Xshare:auto -XX:DumpLoadedClassList=3.lst "${app_launch[@]}" migrate --help &
      run -Xshare:auto -XX:DumpLoadedClassList=4.lst "${app_launch[@]}" migrate --check one.html &
      wait
      # the client commands too: each loads only its own command's model; a refused connection loads the socket's
      run -Xshare:auto -XX:DumpLoadedClassList=5.lst "${app_launch[@]}" send --dry-run --form m=x ws://127.0.0.1:1/ &
      run -Xshare:auto -XX:DumpLoadedClassList=6.lst "${app_launch[@]}" send --raw x --format raw ws://127.0.0.1:1/ &
      wait
      run -Xshare:auto -XX:DumpLoadedClassList=7.lst "${app_launch[@]}" listen --format raw ws://127.0.0.1:1/ &
      run -Xshare:auto -XX:DumpLoadedClassList=8.lst "${app_launch[@]}" connect --page one.html ws://127.0.0.1:1/ &
      wait
      # one list: without comments, ids (JDK 21+ numbers every line; they would clash) and classes of custom
      # loaders (none here), each line once
      awk '/^#/ || / source: / { next } { sub(/ id: [0-9]+$/, "") } !seen[$0]++' [1-8].lst >classes.lst
      "$java_cmd" -Xshare:dump -XX:SharedClassListFile=classes.lst -XX:SharedArchiveFile="$tmp/archive" \
        -cp "$app_cp" </dev/null >>train.log 2>&1
    fi
    # the archive must be accepted as the real runs will use it (-Xshare:on fails when it is not)
    if [ "$cds_mode" = aot ]; then use=(-XX:AOTMode=on -XX:AOTCache="$tmp/archive"); else use=(-Xshare:on -XX:SharedArchiveFile="$tmp/archive"); fi
    "$java_cmd" "${short_opts[@]}" ${module_opts[@]+"${module_opts[@]}"} "${use[@]}" "${app_launch[@]}" --version </dev/null >>train.log 2>&1
    mv -f "$tmp/archive" "$cds_file"
  ) >/dev/null 2>&1; then
    rm -f "$cds_failed"
  else
    cp -f "$tmp/train.log" "$cds_failed" 2>/dev/null || : >"$cds_failed" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  return 0
}

# Makes the archive when it is wanted, unless another run is making it (then this run goes without).
htmxws_make_cds_unless_busy() {
  htmxws_cds_wanted || return 0
  mkdir -p "$cds_dir" 2>/dev/null || return 0
  if { exec 8>"$cds_lock"; } 2>/dev/null; then
    if ! command -v flock >/dev/null 2>&1 || flock -n 8; then
      htmxws_cds_wanted && htmxws_make_cds
    fi
    exec 8>&-
  fi
  return 0
}

# Runs the program with the flags, and the archive when it is there.
htmxws_jvm_exec() {
  local cds_opts=()
  if [ -n "$cds_mode" ] && htmxws_newer_than_inputs "$cds_file"; then
    # JVM messages about an archive it refuses go to stdout: keep them off; the run goes on without it
    if [ "$cds_mode" = aot ]; then
      cds_opts=(-XX:AOTCache="$cds_file" '-Xlog:aot*=off,cds*=off,class+path=off')
    else
      cds_opts=(-Xshare:auto -XX:SharedArchiveFile="$cds_file" '-Xlog:cds*=off,class+path=off')
    fi
  fi
  # shellcheck disable=SC2086 # HTMXWS_JAVA_OPTS is a list of JVM flags
  set -- "$java_cmd" "${jvm_opts[@]}" ${module_opts[@]+"${module_opts[@]}"} ${cds_opts[@]+"${cds_opts[@]}"} \
    ${HTMXWS_JAVA_OPTS:-} "${app_launch[@]}" "$@"
  if [ -n "${HTMXWS_LAUNCHER_DEBUG:-}" ]; then
    printf 'htmxws launcher: %q' "$1" >&2
    shift
    printf ' %q' "$@" >&2
    printf '\n' >&2
    exec "$java_cmd" "$@"
  fi
  exec "$@"
}
