#!/usr/bin/python3
"""Tag a corpus too large for one machine: glossar extract on a Dask cluster.

    glossar_dask.py [--scheduler tcp://HOST:8786 | --workers N] --db KB.db
                    --out DIR FILE_OR_DIR...

The vocabulary is compiled once (glossar compile), shipped to every worker as
bytes and cached there; the files are split into partitions of about equal
size, and each partition runs `glossar extract --gazetteer` on a worker. The
result is one JSON Lines file per partition (DIR/part-NNNNN.jsonl) and one
merged file (DIR/mentions.jsonl) in the order a single `glossar extract` over
the same files, sorted by path, would print.

Without --scheduler a LocalCluster of --workers processes runs on this
machine. On a real cluster, glossar must be installed on every worker and the
files readable there under the same paths (a shared file system); the
scheduler address is what `dask scheduler` prints.
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile


def list_files(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names]
        else:
            files.append(p)
    return sorted(set(files))


def partition(files, n_parts):
    """Consecutive runs of files of about equal total size, order kept."""
    sizes = [os.path.getsize(f) for f in files]
    total = sum(sizes) or 1
    parts, current, acc = [], [], 0
    for f, s in zip(files, sizes):
        current.append(f)
        acc += s
        if acc >= total * (len(parts) + 1) / n_parts and len(parts) < n_parts - 1:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def extract(glossar, gazetteer_bytes, digest, files):
    """Runs on a worker: caches the gazetteer, extracts one partition."""
    cache = os.path.join(tempfile.gettempdir(), "glossar-gazetteer-%s" % digest)
    if not os.path.exists(cache):
        fd, tmp = tempfile.mkstemp(dir=tempfile.gettempdir())
        with os.fdopen(fd, "wb") as f:
            f.write(gazetteer_bytes)
        os.replace(tmp, cache)
    run = subprocess.run([glossar, "extract", "--gazetteer", cache, "--"] + files,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return run.returncode, run.stdout, run.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="files or directories")
    ap.add_argument("--db", required=True, help="the knowledge base to compile")
    ap.add_argument("--out", required=True, help="directory for the results")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster processes (default 2)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="number of partitions (default: 4 per worker)")
    ap.add_argument("--glossar", default="glossar", help="the glossar program on the workers")
    args = ap.parse_args()

    from dask.distributed import Client, LocalCluster

    files = list_files(args.paths)
    if not files:
        sys.exit("glossar_dask: no files to tag")
    os.makedirs(args.out, exist_ok=True)
    gz = os.path.join(args.out, "vocabulary.gz")
    subprocess.run([args.glossar, "--db", args.db, "compile", "-o", gz], check=True)
    with open(gz, "rb") as f:
        gazetteer = f.read()
    digest = hashlib.sha256(gazetteer).hexdigest()[:16]

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        n_workers = len(client.scheduler_info()["workers"]) or 1
        parts = partition(files, args.partitions or 4 * n_workers)
        shipped = client.scatter(gazetteer, broadcast=True)
        futures = [client.submit(extract, args.glossar, shipped, digest, p, pure=False) for p in parts]
        failed = 0
        with open(os.path.join(args.out, "mentions.jsonl"), "wb") as merged:
            for i, fut in enumerate(futures):
                status, out, err = fut.result()
                with open(os.path.join(args.out, "part-%05d.jsonl" % i), "wb") as f:
                    f.write(out)
                merged.write(out)
                if status != 0:
                    failed += 1
                    sys.stderr.write(err)
        print("%d files in %d partitions on %d workers: %s" %
              (len(files), len(parts), n_workers, os.path.join(args.out, "mentions.jsonl")))
        sys.exit(2 if failed else 0)
    finally:
        client.close()
        if cluster:
            cluster.close()


if __name__ == "__main__":
    main()
