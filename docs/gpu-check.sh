#!/usr/bin/env bash
# The GPU check: trains the reference configuration for one steady epoch on ml-1m-shaped
# synthetic data on the CPU, then on the GPU, and prints both throughputs. Run it on a machine
# with an NVIDIA GPU and driver, from the repository root:
#   docs/gpu-check.sh [ROWS]        (default 300000)
# It builds with the gpu profile (the linux-x86_64-gpu TensorFlow natives, ~526 MB from Maven
# Central; without a GPU they fall back to the CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-300000}
mvn -q -B -Pgpu -DskipTests package
cp="movierec-cli/target/movierec-cli-0.1.0-SNAPSHOT.jar:movierec-cli/target/lib/*"
nvidia-smi -L || echo "nvidia-smi found no GPU"
java -Xmx16g -cp "$cp" io.movierec.cli.Main bench train --rows "$rows" --dense-rows 0
java -Xmx16g -cp "$cp" io.movierec.cli.Main bench train --rows "$rows" --dense-rows 0 --gpu
