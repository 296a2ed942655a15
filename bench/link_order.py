#!/usr/bin/env python3
"""Writes bench/link-order.txt: the functions a release `rex` runs, hottest first, for the linker to put together.

`make release` links each function in a section of its own and asks lld to place these first, so that the code a
build runs sits in a few megabytes instead of being spread over the binary's 19 MB of code: the system maps code in
64 KB blocks around each page a process touches, so spread-out code costs a process its whole neighbourhood in memory.
A function missing from the list (new code, a renamed one) is placed after the listed ones, as before: the list
only needs remaking after large changes, with this script.

The functions are those valgrind's callgrind sees run in a full `rex build-site` of the benchmark's 300-document
handbook, a second build with nothing changed, a build after one procedure's title changed, and `rex validate`;
they are ordered by the instructions run in them and in what they call, summed over the four runs. Only names the
binary defines are kept (`nm`).

usage: bench/link_order.py [--rex .build/release/rex] [--work /tmp/rex-bench]   (needs valgrind; then make release)
"""
import argparse
import collections
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import bench

OUTPUT = bench.HERE / "link-order.txt"
# Fewer names than this means something went wrong (valgrind, nm): the list the release is linked with stays as it is.
FEWEST = 1000
COST_LINE = re.compile(r"^(?:[+-]?\d+|\*)\s+(\d+)")


def executed(profile):
    """Function name → instructions run in it and in what it called (callgrind's inclusive cost), from one callgrind
    output file: ordered by it, a caller comes before what it calls. (Ordered by each function's own instructions,
    or by lld's call-graph placement, a full build took as much memory.) A recursive call is named `name'2` by
    callgrind, which nm does not know: it counts in its callers' cost."""
    names, cost, current = {}, collections.Counter(), None
    for line in profile.read_text(errors="replace").splitlines():
        match = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line)
        if match:
            kind, number, name = match.groups()
            if name:
                names[number] = name
            if kind == "fn":
                current = names[number]
            cost[names[number]] += 0
        elif current and (match := COST_LINE.match(line)):
            # Both its own cost lines and, after each `calls=` line, what that call cost.
            cost[current] += int(match.group(1))
    return cost


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rex", type=pathlib.Path, default=bench.HERE.parent / ".build" / "release" / "rex")
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/rex-bench"))
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("link_order: valgrind is not installed (apt-get install valgrind)")
    if not args.rex.is_file():
        sys.exit(f"link_order: {args.rex} does not exist: run make release first")
    args.work.mkdir(parents=True, exist_ok=True)
    handbook = bench.corpus(args.work, 300) / "handbook"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = pathlib.Path(scratch)
        # Valgrind 3.19 cannot read the toolchain's DWARF 5; the symbol table is all it needs.
        rex = scratch / "rex"
        subprocess.run(["strip", "--strip-debug", "-o", str(rex), str(args.rex)], check=True)
        copy = scratch / "handbook"
        shutil.copytree(handbook, copy)
        site = scratch / "site"
        runs = [("full", ["build-site", "--root", str(copy), "--out", str(site)]),
                ("again", ["build-site", "--root", str(copy), "--out", str(site)]),
                ("one", ["build-site", "--root", str(copy), "--out", str(site)]),
                ("validate", ["validate", "--root", str(copy)])]
        cost = collections.Counter()
        for name, command in runs:
            if name == "one":
                # A title: the index, the binder and the pages that name the procedure are made again too, so the
                # list also names what they need.
                procedure = copy / "procedures" / "proc-0001.yml"
                procedure.write_text(procedure.read_text(encoding="utf-8").replace("title: ", "title: X ", 1),
                                     encoding="utf-8")
            profile = scratch / f"{name}.callgrind"
            run = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                                  f"--callgrind-out-file={profile}", str(rex), *command],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if run.returncode != 0:
                sys.exit(f"link_order: rex {' '.join(command)} failed under valgrind:\n{run.stderr[-3000:]}")
            cost.update(executed(profile))
        symbols = subprocess.run(["nm", "--defined-only", str(rex)], check=True, capture_output=True, text=True)
        defined = {fields[2] for fields in map(str.split, symbols.stdout.splitlines())
                   if len(fields) == 3 and fields[1] in "tTwW"}
    order = sorted((name for name in cost if name in defined), key=lambda name: (-cost[name], name))
    if len(order) < FEWEST:
        sys.exit(f"link_order: only {len(order)} functions found; {OUTPUT} left as it was")
    written = OUTPUT.with_suffix(".new")
    written.write_text("".join(name + "\n" for name in order))
    os.replace(written, OUTPUT)
    print(f"link_order: {len(order)} functions in {OUTPUT}; make release links with them")


if __name__ == "__main__":
    main()
