# Selects a JDK 21 or newer for targo's scripts: sourced by ./targo, scripts/test and .ci/run.
# Keeps JAVA_HOME when it already points at one; otherwise takes the newest one found in the
# usual system JVM folders or on PATH. Prints one clear line and fails when there is none.

targo_java_major() {
  # The major version of the java binary $1, or 0. The JDK's `release` file says it without
  # starting a JVM (each start costs a tenth of a second or more); the JVM is asked otherwise.
  local release version
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$version" ]; then
      echo "$version"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

targo_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] \
      && [ "$(targo_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    export JAVA_HOME
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(targo_java_major "$dir/bin/java")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    dir=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(targo_java_major "$dir/bin/java")" -ge 21 ]; then
      best="$dir"
    fi
  fi
  if [ -z "$best" ]; then
    echo "targo: no JDK 21 or newer found (looked at JAVA_HOME, the system JVM folders and PATH);" \
      "install one, e.g. a Temurin 21+ JDK, and set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
