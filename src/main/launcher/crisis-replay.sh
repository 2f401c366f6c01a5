#!/usr/bin/env bash
# crisis-replay — the launcher the build generates (from src/main/launcher/crisis-replay.sh) beside
# target/app, the extracted jar. It starts the program with the class-data archive of a training
# run made by the build (app/crisis-replay.jsa), C1 only, the serial collector and lazy beans: a
# short-lived command line program spends its time loading classes, not running hot loops. The
# long-running verbs (watch, serve) keep C1 too: measured, C2's compiling cost more CPU than it
# saved over their first tens of answers on two shared cores (README, Speed).
# A missing or stale archive is ignored (-Xshare:auto): slower, never a failure. JDK 19+ rebuilds
# a stale archive by itself (-XX:+AutoCreateSharedArchive). `java -jar crisis-replay.jar` still works.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app="$here/app"
jsa="$app/crisis-replay.jsa"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Dspring.main.lazy-initialization=true)
# the JVM's notes about an unusable archive go nowhere: stdout carries only the answer
opts+=(-Xshare:auto -Xlog:disable -Xlog:all=error:stderr)
# a new store begins as a copy of the empty one the build made (Flyway's tables without Flyway's start)
[ -f "$app/empty-store.mv.db" ] && opts+=(-Dcrisis-replay.empty-store="$app/empty-store.mv.db")
# the JDK's feature version, from its release file (starting a JVM to ask would cost what we save)
jdk="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")"
feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release" 2>/dev/null)"
if [ "${CRISIS_REPLAY_CDS:-}" = "train" ]; then
  rm -f "$jsa"
  opts+=(-XX:ArchiveClassesAtExit="$jsa")
elif [ "${feature:-0}" -ge 19 ] 2>/dev/null; then
  opts+=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$jsa")
elif [ -f "$jsa" ]; then
  opts+=(-XX:SharedArchiveFile="$jsa")
fi
exec "$java" "${opts[@]}" ${CRISIS_REPLAY_JAVA_OPTS:-} -jar "$app/crisis-replay.jar" "$@"
