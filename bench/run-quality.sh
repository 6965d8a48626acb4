#!/bin/sh
# Reproduces every figure of docs/quality.md (about 10 minutes on 2 cores).
# Needs ../shared/data; writes the prepared CSVs to data/eval/ and results to data/eval/results/.
set -e
export DOTENV_CONFIG_QUIET=true
run() { npx tsx bench/eval.ts "$@"; }
npx tsx bench/prepare-data.ts
mkdir -p data/eval/results
run intents --train data/eval/banking77-train.csv --test data/eval/banking77-dev.csv --json | tail -1 > data/eval/results/banking77.json
run intents --train data/eval/clinc150-train.csv --test data/eval/clinc150-dev.csv --json | tail -1 > data/eval/results/clinc150.json
run emotion --test data/eval/goemotions-dev.csv --json | tail -1 > data/eval/results/goemotions.json
run emotion --test data/eval/smp2020-dev.csv --json | tail -1 > data/eval/results/smp2020.json
run sentiment --test data/eval/zh-sentiment-dev.csv --json | tail -1 > data/eval/results/zh-sentiment.json
run sentiment --test data/eval/en-customer-sentiment-dev.csv --json | tail -1 > data/eval/results/en-customer-sentiment.json
run sentiment --test data/eval/en-customer-sentiment-tune.csv --json | tail -1 > data/eval/results/en-customer-sentiment-tune.json
run sentiment --test data/eval/en-customer-sentiment-holdout.csv --json | tail -1 > data/eval/results/en-customer-sentiment-holdout.json
