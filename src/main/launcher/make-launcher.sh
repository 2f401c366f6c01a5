#!/usr/bin/env bash
# Run by `mvn package` after the jar is built: extracts it to target/app, installs the launcher
# target/crisis-replay, and makes the class-data archive with a training run of the program's
# write path (new stories run into the store) and its read path.
set -euo pipefail
target="${1:-target}"
extract() {
  java -Djarmode=tools -jar "$target/crisis-replay.jar" extract --force --destination "$target/app" >/dev/null
}
extract
# class files older than Java 6 (the command-line parser's) rewritten as Java 8 ones, which the
# archive can hold: otherwise every run loads and verifies them from their jar again
java -cp "$target/app/lib/*" src/main/launcher/ClassFileUpgrade.java "$target/app/lib" >&2 || true
cp src/main/launcher/crisis-replay.sh "$target/crisis-replay"
chmod +x "$target/crisis-replay"
# the empty store a new store begins as (org.crisisreplay.store.EmptyStore): made by the migrations
java -cp "$target/app/crisis-replay.jar" org.crisisreplay.store.EmptyStore "$target/app/empty-store" \
  || { echo "warning: no empty store made; new stores are made by Flyway" >&2; rm -f "$target/app/empty-store.mv.db"; }
rm -f "$target/app/empty-store.trace.db"
training="$(cd "$target" && pwd)/cds-training"
rm -rf "$training"
url="--store=$training/store"
# the training run: a what-if and its base run into an empty store (the store opened with plain JDBC
# and found empty, its tables made, both stories run, projected, read back and compared); the
# classes of an answer from stored content are among them. (The archive only makes the launcher
# faster: if the training fails, the build goes on without it.)
base=scenarios/kazakhstan-2022.yaml
whatif=scenarios/what-if/kremlin-stalls.yaml
train() {
  rm -rf "$training"
  CRISIS_REPLAY_CDS=train "$target/crisis-replay" diff "$base" "$whatif" "$url" >/dev/null
}
if ! train; then
  # the libraries as they were (should a rewritten class be the cause), and a second try
  echo "warning: the training run failed; trying again with the libraries as they were" >&2
  extract
  if ! train; then
    echo "warning: the training run failed; target/crisis-replay runs without a class-data archive" >&2
    rm -f "$target/app/crisis-replay.jsa"
  fi
fi
rm -rf "$training"
