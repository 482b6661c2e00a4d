# Sourced by ./dot4j: runs the JVM with the Vector API module without its start-up notice on every command.
#
# The runtime and core use their vector kernels only when the JVM runs with --add-modules jdk.incubator.vector (the
# results are the same without it, only slower). A JVM started with that option prints one line first on stderr,
# "WARNING: Using incubator modules: jdk.incubator.vector", and no JVM option turns it off. run_java therefore adds
# the module only when the JDK has it (its `release` file lists it) and drops exactly that one line when it is the
# first line on stderr; every other byte of stderr (progress bars, errors, other warnings) passes through unchanged.
# DOT4J_JVM_NOTICE=1 shows the line again.

readonly INCUBATOR_NOTICE="WARNING: Using incubator modules: jdk.incubator.vector"

# Prints --add-modules jdk.incubator.vector when the JDK in $1 has the module, else nothing.
vector_module_options() {
  if grep -q 'jdk\.incubator\.vector' "$1/release" 2>/dev/null; then
    echo "--add-modules jdk.incubator.vector"
  fi
}

# Copies stdin to stdout, without its first line when that line is the incubator notice.
drop_incubator_notice() {
  local first
  if IFS= read -r first; then
    [ "$first" = "$INCUBATOR_NOTICE" ] || printf '%s\n' "$first"
  elif [ -n "$first" ]; then
    printf '%s' "$first"
  fi
  exec cat
}

# run_java ARGS...: $JAVA_HOME/bin/java [the vector module] ARGS; returns the JVM's exit code.
run_java() {
  local modules
  modules="$(vector_module_options "$JAVA_HOME")"
  if [ -z "$modules" ] || [ -n "${DOT4J_JVM_NOTICE:-}" ]; then
    "$JAVA_HOME/bin/java" $modules "$@"
    return
  fi
  # java's stdout stays stdout (through fd 3); only its stderr goes through the filter
  { "$JAVA_HOME/bin/java" $modules "$@" 2>&1 1>&3 3>&- | drop_incubator_notice >&2 3>&-; } 3>&1
  local rc=${PIPESTATUS[0]}
  return "$rc"
}
