#!/usr/bin/env bash
# Benchmarks: commands that print figures. Results are kept in docs/benchmarks.md.
#   scripts/bench.sh guard   validator throughput over every shared gold query
#   scripts/bench.sh e2e     end-to-end latency of demo-warehouse questions (offline generator)
#   scripts/bench.sh patterns  how safely verified patterns answer Spider dev questions (precision/recall)
#   scripts/bench.sh model [delayMs] [rounds]  question → plan card with a stand-in model of fixed delay, and a turn's shares
#   scripts/bench.sh responsive [slow]  latency of a cheap request while slow queries run
#   scripts/bench.sh retrieval  schema retrieval over 1,061 tables (MAVEN_OPTS=-Dbench.store=pgvector for pgvector)
#   scripts/bench.sh connectors  introspection time and per-query overhead over raw JDBC, per engine
#   scripts/bench.sh all     guard and e2e
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvnw="$root/mvnw"
export QUERENT_BENCH_DIR="${QUERENT_BENCH_DIR:-$(cd "$root/.." && pwd)/shared/bench}"
opens="--enable-native-access=ALL-UNNAMED"

exec_main() { # module main-class args...
  local module="$1" main="$2"; shift 2
  "$mvnw" -q -B -DskipTests -Dspotless.check.skip=true install >/dev/null
  MAVEN_OPTS="$opens ${MAVEN_OPTS:-}" "$mvnw" -q -B -Dspotless.check.skip=true -pl "$module" \
    org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.classpathScope=test -Dexec.mainClass="$main" \
    -Dexec.args="$*" -Dexec.cleanupDaemonThreads=false
}

case "${1:-all}" in
  guard) exec_main core dev.querent.core.sql.GuardThroughputBenchmark "${@:2}" ;;
  e2e)   exec_main api-gateway dev.querent.api.bench.EndToEndLatencyBenchmark "${@:2}" ;;
  patterns) exec_main agents dev.querent.agents.bench.PatternReuseBenchmark "${@:2}" ;;
  model) exec_main api-gateway dev.querent.api.bench.ModelLatencyBenchmark "${@:2}" ;;
  responsive) exec_main api-gateway dev.querent.api.bench.ResponsivenessBenchmark "${@:2}" ;;
  retrieval) exec_main knowledge dev.querent.knowledge.schema.RetrievalBenchmark "${@:2}" ;;
  connectors) exec_main connectors dev.querent.connectors.ConnectorBenchmark "${@:2}" ;;
  all)   "$0" guard && "$0" e2e ;;
  *) echo "usage: scripts/bench.sh [guard|e2e|model|patterns|responsive|retrieval|connectors|all]" >&2; exit 2 ;;
esac
