# Sourced by ./proofmint and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Order: $JAVA_HOME, the java on PATH, then JDKs installed under /usr/lib/jvm, /opt/java, /opt.

_proofmint_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

_proofmint_pick_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
    /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(_proofmint_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(_proofmint_pick_jdk); then
  echo "proofmint: needs a JDK 21 or newer (none found in JAVA_HOME, PATH or /usr/lib/jvm); install one, e.g. Eclipse Temurin 21, and set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
