# The two commands of README.md, plus the benchmark. Each script installs what it lacks.
.PHONY: run test bench

run:
	scripts/run.sh

test:
	scripts/test.sh

bench:
	bench/run.sh
