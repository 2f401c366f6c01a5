# crisis-replay — the two commands a newcomer needs: `make run` and `make test`.
MVN ?= mvn -B -q
JAR := target/crisis-replay.jar
LAUNCHER := target/crisis-replay
SCENARIO ?= scenarios/kazakhstan-2022.yaml
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml

.PHONY: run test build clean bench

# the launcher: the extracted jar with its class-data archive (java -jar $(JAR) works too, slower)
run: $(LAUNCHER)
	$(LAUNCHER) replay $(SCENARIO)

build: $(LAUNCHER)

$(JAR) $(LAUNCHER): $(SOURCES)
	$(MVN) -DskipTests package

test:
	$(MVN) verify

# two tables: cold answers (launcher, java -jar, a bare Boot + Axon + H2 app), first runs of new
# content, the warm what-if loop of `watch` (target/bench.txt); and the store as it grows on
# generated stories: ingest, projection size, state queries, rebuild (target/store-bench.txt);
# medians and ratios (not part of `test`)
bench: $(LAUNCHER)
	$(MVN) -Pbench -Dlauncher.skip=true test

clean:
	$(MVN) clean
	rm -rf data
