#!/bin/sh
# examples/cluster/glossar_dask.py on a Dask LocalCluster of 2 workers over the
# corpus fixtures: the merged result is byte for byte what one
# `glossar extract` over the same files (sorted by path) prints.
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
if ! "$py" -c 'import dask.distributed' 2>/dev/null; then
	skip cluster_example "python3-distributed missing"
	finish
	exit
fi
g --db "$tmp/kb.db" import "$top/glossary.csv" >/dev/null
corpus=$data/corpus
check cluster_run "$py" "$top/examples/cluster/glossar_dask.py" --glossar "$GLOSSAR" \
	--db "$tmp/kb.db" --out "$tmp/cl" --workers 2 --partitions 5 "$corpus"
check_grep cluster_says_what_it_did '^[0-9]+ files in 5 partitions on 2 workers' "$tmp/out"
g --db "$tmp/kb.db" extract $(find "$corpus" -type f | LC_ALL=C sort) >"$tmp/single.jsonl"
if [ -s "$tmp/single.jsonl" ] && cmp -s "$tmp/single.jsonl" "$tmp/cl/mentions.jsonl"; then
	ok cluster_merged_equals_single_extract
else
	not_ok cluster_merged_equals_single_extract "$(wc -l <"$tmp/single.jsonl") vs $(wc -l <"$tmp/cl/mentions.jsonl" 2>/dev/null) lines"
fi
n_parts=$(ls "$tmp/cl"/part-*.jsonl 2>/dev/null | wc -l)
if [ "$n_parts" -eq 5 ]; then ok cluster_one_file_per_partition; else not_ok cluster_one_file_per_partition "$n_parts"; fi
cat "$tmp/cl"/part-*.jsonl >"$tmp/parts"
if cmp -s "$tmp/parts" "$tmp/cl/mentions.jsonl"; then ok cluster_partitions_concatenate_to_merged; else not_ok cluster_partitions_concatenate_to_merged; fi
finish
