# Sourced by ./dot4j and ./run-tests: finds a JDK 25+ and exports JAVA_HOME, or explains how to get one.
# Callers set: required (major version).
# Prints the major version of the JDK in folder $1 (8 for "1.8.0_x"), or nothing if it has no usable java/javac.
jdk_major() {
  local home="$1" line v
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  line="$("$home/bin/java" -version 2>&1 | head -n 1)" || return 0
  v="$(sed -n 's/.*version "\([^"]*\)".*/\1/p' <<<"$line")"
  [ -n "$v" ] || return 0
  case "$v" in 1.*) v="${v#1.}" ;; esac
  echo "${v%%[.+-]*}"
}

find_jdk() {
  local candidates=() c m
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  # DOT4J_JDK_DIRS lets tests (and unusual installs) say where to look instead of the usual folders
  local dirs="${DOT4J_JDK_DIRS:-/usr/lib/jvm /usr/java /opt/java /opt}"
  for d in $dirs; do
    for c in "$d"/*; do [ -d "$c" ] && candidates+=("$c"); done
  done
  if [ -z "${DOT4J_JDK_DIRS:-}" ] && command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for c in "${candidates[@]}"; do
    m="$(jdk_major "$c")"
    if [ -n "$m" ] && [ "$m" -ge "$required" ]; then echo "$c"; return 0; fi
  done
  return 1
}

if ! jdk="$(find_jdk)"; then
  found="${JAVA_HOME:-none}"
  [ -n "${JAVA_HOME:-}" ] && found="$JAVA_HOME (Java $(jdk_major "$JAVA_HOME"))"
  cat >&2 <<MSG
dot4j: needs a JDK $required or newer, and found none.
  JAVA_HOME: $found
  searched: ${DOT4J_JDK_DIRS:-/usr/lib/jvm /usr/java /opt/java /opt and the javac on PATH}
Install one (for example Eclipse Temurin 25 or OpenJDK 25 from your distribution) and either put it under
/usr/lib/jvm or point JAVA_HOME at it, then run this command again.
MSG
  exit 3
fi
export JAVA_HOME="$jdk"
export PATH="$JAVA_HOME/bin:$PATH"
