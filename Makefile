# crisis-replay — the two commands a newcomer needs: `make run` and `make test`.
MVN ?= mvn -B -q
JAR := target/crisis-replay.jar
SCENARIO ?= scenarios/kazakhstan-2022.yaml
SOURCES := $(shell find src/main -type f 2>/dev/null) pom.xml

.PHONY: run test build clean bench

run: $(JAR)
	java -jar $(JAR) replay $(SCENARIO)

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

test:
	$(MVN) verify

# times a what-if run and its diff against the baseline, once the program is up (not part of `test`)
bench:
	$(MVN) -Pbench test

clean:
	$(MVN) clean
	rm -rf data
