#!/usr/bin/env bash
# One epoch of LeNet-5 on MNIST in dot4j and in PyTorch (DJL), alternating; see io.dot4j.bench.TrainingSpeed.
# Usage: bench/run-training-speed.sh [--rounds 3] [--threads 2,1] [--batches N] [--mkldnn on|off]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
required=25
source "$root/scripts/jdk.sh"
(cd "$root" && mvn -B -q -o -Pbench -pl bench -am package -DskipTests)
exec "$JAVA_HOME/bin/java" -Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Dai.djl.offline=true -cp "$root/bench/target/dot4j-bench.jar:$root/bench/target/lib/*" io.dot4j.bench.TrainingSpeed "$@"
