#!/usr/bin/env python3
"""Rex against Hugo and the cmark CLI on generated handbooks, in one alternating run (bench/run.sh calls it).

For each size (documents = procedures + incidents, one procedure for two incidents), every round runs, in turn:
cmark on the same Markdown, Hugo on the same documents, a full `rex build-site` into an empty folder, a second
`rex build-site` with nothing changed, a `rex build-site` after one procedure changed, and `rex validate`.
Alternating spreads the noise of a shared machine over every command alike; the ratios are taken between
medians of the same run. Each child's wall time comes from the clock, its CPU time and peak memory from
wait4(2)'s rusage of that very process.

usage: bench.py --rex PATH [--sizes 300,3000,15000] [--rounds 3] [--work DIR] [--json FILE]
"""
import argparse
import json
import os
import pathlib
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent

# (name, limit, what it compares): ratio = first / second, goal ratio ≤ limit.
GOALS = [
    ("rex full / hugo, wall", "rex-full", "wall", "hugo", "wall", 0.33),
    ("rex full / cmark, CPU", "rex-full", "cpu", "cmark", "cpu", 3.0),
    ("rex full / hugo, peak memory", "rex-full", "rss", "hugo", "rss", 0.25),
    ("rex validate / hugo, wall", "rex-validate", "wall", "hugo", "wall", 0.25),
    ("rex unchanged rebuild / rex full, wall", "rex-again", "wall", "rex-full", "wall", 0.10),
    ("rex one-procedure rebuild / rex full, wall", "rex-one", "wall", "rex-full", "wall", 0.10),
    ("rex --watch one-procedure rebuild / rex full, wall", "rex-watch", "wall", "rex-full", "wall", 0.10),
]


def run(command, stdout=subprocess.DEVNULL):
    """Wall seconds, CPU seconds (user + system) and peak resident MiB of one process, and its exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"bench: {' '.join(map(str, command))} failed ({process.returncode}):\n{stderr}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def corpus(work, documents):
    """The generated handbook of that size (made once, kept between runs of the benchmark)."""
    folder = work / f"docs-{documents}"
    generator = (HERE / "generate.py").read_bytes()
    stamp = folder / ".generator"
    if not stamp.exists() or stamp.read_bytes() != generator:
        shutil.rmtree(folder, ignore_errors=True)
        procedures = documents // 3
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(folder), "--procedures", str(procedures),
                        "--incidents", str(documents - procedures)], check=True)
        stamp.write_bytes(generator)
    return folder


def touch_procedure(handbook, round_number):
    """Changes one procedure's text (a word of its first step), as a QA officer's save would."""
    path = handbook / "procedures" / "proc-0001.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    step = lines.index("        do: |") + 1
    lines[step] += f" Révision {round_number}."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def watch_rebuilds(rex, handbook, site, rounds):
    """`rex build-site --watch`: after its first build, one procedure is changed `rounds` times; each rebuild's own
    time ("Done in X s", measured by rex from the change seen to the site written) is a sample. CPU and memory are
    not sampled per rebuild (the process lives on)."""
    process = subprocess.Popen([rex, "build-site", "--watch", "--root", str(handbook), "--out", str(site)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    samples = []
    try:
        def next_done():
            for line in process.stdout:
                if line.startswith("Done in "):
                    return float(line.split()[2])
            sys.exit("bench: rex build-site --watch stopped")
        next_done()
        for round_number in range(1, rounds + 1):
            time.sleep(1)  # the watcher compares stamps twice a second
            touch_procedure(handbook, 100 + round_number)
            samples.append({"wall": next_done(), "cpu": float("nan"), "rss": float("nan")})
    finally:
        process.terminate()
        process.wait()
    return samples


def site_sizes(site):
    procedures = list((site / "procedures").glob("*.html"))
    entries = list((site / "assets").glob("search-entries-*.js"))
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    return {
        "files": sum(1 for path in site.rglob("*") if path.is_file()),
        "total MB": total / 1e6,
        "procedure page KB (mean)": statistics.mean(p.stat().st_size for p in procedures) / 1e3 if procedures else 0,
        "index KB": (site / "index.html").stat().st_size / 1e3,
        "binder MB": (site / "binder.html").stat().st_size / 1e6,
        "search-data.js KB": (site / "assets" / "search-data.js").stat().st_size / 1e3,
        "search entries MB (largest file)": max((path.stat().st_size for path in entries), default=0) / 1e6,
        "search entries MB (all files)": sum(path.stat().st_size for path in entries) / 1e6,
    }


def trash(work):
    return work / ".trash"


def set_aside(path, work):
    """Moves an earlier round's output out of the way; the outputs are deleted once the whole run is over. Deleted
    just before a full build, the thousands of files of the last one would slow that build down on some file
    systems, Hugo's and Rex's alike, by up to half the build's own time: ext4 without a journal (as on the
    project's machine) checks each new inode against the inodes freed in the last minutes (its `recently_deleted`),
    so the system time of one full `rex build-site` of 3 000 documents went from 0.4 s to 2.1 s between two builds."""
    if os.path.lexists(path):
        trash(work).mkdir(exist_ok=True)
        path.rename(trash(work) / f"{path.name}-{time.monotonic_ns()}")


def bench_size(rex, work, documents, rounds):
    folder = corpus(work, documents)
    handbook, hugo, markdown = folder / "handbook", folder / "hugo", folder / "all.md"
    site, hugo_out = folder / "site", folder / "hugo-out"
    samples = {name: [] for name in ["cmark", "hugo", "rex-full", "rex-again", "rex-one", "rex-validate", "rex-watch"]}
    original = (handbook / "procedures" / "proc-0001.yml").read_text(encoding="utf-8")
    try:
        for round_number in range(1, rounds + 1):
            samples["cmark"].append(run(["cmark", str(markdown)]))
            set_aside(hugo_out, work)
            samples["hugo"].append(run(["hugo", "--source", str(hugo), "--destination", str(hugo_out), "--quiet"]))
            set_aside(site, work)
            # A full build starts from nothing: without the loads and the replaced site the last build kept beside
            # the site either.
            set_aside(site.parent / f".{site.name}.rex-cache", work)
            set_aside(site.parent / f".{site.name}.rex-kept", work)
            samples["rex-full"].append(run([rex, "build-site", "--root", str(handbook), "--out", str(site)]))
            samples["rex-again"].append(run([rex, "build-site", "--root", str(handbook), "--out", str(site)]))
            touch_procedure(handbook, round_number)
            samples["rex-one"].append(run([rex, "build-site", "--root", str(handbook), "--out", str(site)]))
            samples["rex-validate"].append(run([rex, "validate", "--root", str(handbook)]))
            print(f"  {documents} documents, round {round_number}/{rounds}: "
                  + ", ".join(f"{name} {values[-1]['wall']:.2f} s" for name, values in samples.items() if values),
                  flush=True)
        samples["rex-watch"] = watch_rebuilds(rex, handbook, site, rounds)
    finally:
        (handbook / "procedures" / "proc-0001.yml").write_text(original, encoding="utf-8")
    medians = {name: {key: statistics.median(s[key] for s in values) for key in ["wall", "cpu", "rss"]}
               for name, values in samples.items() if values}
    return {"documents": documents, "rounds": rounds, "medians": medians, "site": site_sizes(site),
            "yaml MB": sum(p.stat().st_size for p in handbook.rglob("*.yml")) / 1e6,
            "markdown MB": markdown.stat().st_size / 1e6}


def report(result):
    lines = [f"\n{result['documents']} documents ({result['yaml MB']:.1f} MB of YAML, "
             f"{result['markdown MB']:.1f} MB of Markdown), medians of {result['rounds']}:",
             f"  {'':14} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}"]
    for name, median in result["medians"].items():
        lines.append(f"  {name:14} {median['wall']:8.2f} {median['cpu']:8.2f} {median['rss']:9.0f}")
    lines.append("  goals (ratio ≤ limit):")
    for label, a, a_key, b, b_key, limit in GOALS:
        ratio = result["medians"][a][a_key] / result["medians"][b][b_key]
        lines.append(f"    {label:44} {ratio:6.2f}  (≤ {limit:.2f}) {'met' if ratio <= limit else 'NOT met'}")
    lines.append("  output: " + ", ".join(f"{key} {value:.1f}" if isinstance(value, float) else f"{key} {value}"
                                         for key, value in result["site"].items()))
    return "\n".join(lines)


def main():
    # A benchmark stopped with kill still puts the changed procedure back (the finally clauses run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: stopped"))
    parser = argparse.ArgumentParser()
    parser.add_argument("--rex", required=True)
    parser.add_argument("--sizes", default="300,3000,15000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/rex-bench"))
    parser.add_argument("--json", type=pathlib.Path, help="also write the medians there")
    args = parser.parse_args()
    for tool in ["hugo", "cmark"]:
        if shutil.which(tool) is None:
            sys.exit(f"bench: '{tool}' is not installed (apt-get install {tool})")
    args.work.mkdir(parents=True, exist_ok=True)
    rex = str(pathlib.Path(args.rex).resolve())
    results = []
    try:
        for documents in [int(size) for size in args.sizes.split(",")]:
            results.append(bench_size(rex, args.work, documents, args.rounds))
            print(report(results[-1]), flush=True)
    finally:
        shutil.rmtree(trash(args.work), ignore_errors=True)
    if len(results) > 1:
        first = results[0]
        print("\nscaling (rex full build, per document, against the smallest corpus):")
        for result in results:
            per_doc = result["medians"]["rex-full"]["wall"] / result["documents"]
            base = first["medians"]["rex-full"]["wall"] / first["documents"]
            print(f"  {result['documents']:6} documents: {per_doc * 1000:6.2f} ms/document ({per_doc / base:4.2f}×), "
                  f"peak {result['medians']['rex-full']['rss']:.0f} MiB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
