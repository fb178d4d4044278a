#!/usr/bin/env python3
"""End-to-end benchmark: brief and less on the same generated text, in one run.

Uses ttybench.py and the generators from the shared bench folder (BRIEF_BENCH_TOOLS,
default ../shared/bench relative to the repository). Inputs are generated at run time
under bench/out/ (git-ignored), never committed. Prints a table of medians with the
ratio brief / less.

    python3 bench/e2e.py [--runs 5] [--sizes 100K,50M] [--library 10000]
                         [--archive 100000] [--archive-dir DIR]

The archive rows (`--archive N`, 0 to skip) time the catalogue from the command line:
the first `brief index` from nothing, a refresh with nothing changed, `index --check`,
a rare-term `brief search` through the index, and one briefing edited then found
again. `--archive-dir DIR` reuses an archive generated before (1.1 GB for 100,000);
it is restored as it was after the edit.

Needs: a release build (`cargo build --release`), less, and a Python venv with pyte,
ptyprocess and psutil (created in .venv-bench/ on first run).
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
VENV = os.path.join(ROOT, ".venv-bench")


def tools_dir():
    d = os.environ.get("BRIEF_BENCH_TOOLS", os.path.join(ROOT, "..", "shared", "bench"))
    if not os.path.exists(os.path.join(d, "ttybench.py")):
        sys.exit(f"ttybench.py not found in {d}: set BRIEF_BENCH_TOOLS")
    return os.path.abspath(d)


def python():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "pyte", "ptyprocess", "psutil"], check=True)
    return py


def generate(tools, sizes, library):
    os.makedirs(OUT, exist_ok=True)
    for size in sizes:
        b = os.path.join(OUT, f"b{size}.toml")
        if not os.path.exists(b):
            subprocess.run([sys.executable, os.path.join(tools, "gen_briefing.py"), "one", b, size], check=True)
        d = os.path.join(OUT, "docs", f"doc_{size}.md")
        if not os.path.exists(d):
            subprocess.run([sys.executable, os.path.join(tools, "gen_docs.py"), os.path.join(OUT, "docs"), size], check=True)
    if library:
        lib = os.path.join(OUT, f"lib{library}")
        if not os.path.exists(lib):
            subprocess.run([sys.executable, os.path.join(tools, "gen_briefing.py"), "library", lib, str(library)], check=True)


def ttybench(py, tools, runs, start, steps, argv, env=None, pre=None, extra=()):
    cmd = [py, os.path.join(tools, "ttybench.py"), "--runs", str(runs), "--start", start, *extra]
    if pre:
        cmd += ["--pre", pre]
    for keys, marker in steps:
        cmd += ["--step", keys, marker]
    cmd += ["--quit", "q", "--"] + argv
    full_env = dict(os.environ, **(env or {}))
    out = subprocess.run(cmd, capture_output=True, text=True, env=full_env)
    for line in reversed(out.stdout.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    sys.exit(f"ttybench failed:\n{out.stdout}\n{out.stderr}")


def timed(argv, env):
    """Runs argv; returns (wall seconds, peak RSS in KB, exit code)."""
    import time
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=dict(os.environ, **env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss, proc.returncode


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def archive_rows(brief, tools, py, n, folder, runs):
    """The catalogue on an archive of n briefings: the command line (first build,
    refresh, check, search, an edited briefing found again), then the reader on it
    (start → first paint, the list complete and sortable, `S` rare term → all results
    on screen, peak RSS; and the first paint while a first build runs)."""
    import shutil
    if not folder:
        folder = os.path.join(OUT, f"archive{n}")
    if not os.path.exists(folder):
        subprocess.run([sys.executable, os.path.join(tools, "gen_briefing.py"), "library", folder, str(n)], check=True)
    cache = os.path.join(OUT, f"archive{n}-cache")
    config = os.path.join(OUT, "archive-config.toml")
    with open(config, "w") as f:
        f.write(f"cache_dir = {json.dumps(cache)}\ndata_dir = {json.dumps(os.path.join(OUT, 'archive-data'))}\n")
    env = {"BRIEF_CONFIG": config}
    shutil.rmtree(cache, ignore_errors=True)
    rows = []
    name = f"archive {n}"
    build, build_rss, code = timed([brief, "index", folder], env)
    if code != 0:
        sys.exit(f"brief index failed on {folder}")
    size = sum(os.path.getsize(os.path.join(cache, "catalogue", f)) for f in os.listdir(os.path.join(cache, "catalogue")))
    rows.append((f"{name}: first index build (1 run)", ms(build), "", ""))
    rows.append((f"{name}: first index build peak RSS", f"{build_rss / 1024:.1f} MB", "", ""))
    rows.append((f"{name}: cache size", f"{size / 1e6:.0f} MB", "", ""))
    warm = [timed([brief, "index", folder], env) for _ in range(runs)]
    rows.append((f"{name}: refresh, nothing changed", ms(median([w[0] for w in warm])), "", ""))
    check = [timed([brief, "index", "--check", folder], env) for _ in range(runs)]
    rows.append((f"{name}: index --check", ms(median([c[0] for c in check])), "", ""))
    search = [timed([brief, "search", "ZQXNEEDLE", folder], env) for _ in range(runs)]
    if any(s[2] != 0 for s in search):
        sys.exit("brief search found nothing through the index")
    rows.append((f"{name}: search rare term (CLI)", ms(median([s[0] for s in search])), "", ""))
    rows.append((f"{name}: search peak RSS", f"{max(s[1] for s in search) / 1024:.1f} MB", "", ""))
    # One briefing edited: refreshed, then its new word found.
    target = os.path.join(folder, sorted(os.listdir(folder))[1])
    original = open(target, "rb").read()
    edits = []
    try:
        for run in range(runs):
            word = f"QZVEDIT{run}MARK"
            text = original.decode().replace('title = "Section 1"', f'title = "Section 1 {word}"', 1)
            open(target, "w").write(text)
            refresh, _, _ = timed([brief, "index", folder], env)
            found, _, code = timed([brief, "search", word, folder], env)
            if code != 0:
                sys.exit(f"{word} not found after the refresh")
            edits.append(refresh + found)
    finally:
        open(target, "wb").write(original)
        timed([brief, "index", folder], env)
    rows.append((f"{name}: one edited → refreshed + found", ms(median(edits)), "", ""))
    # The reader, the index up to date.
    complete = f"{n:,} of {n:,} briefings"
    steps = [("S", "type to search"), ("ZQXNEEDLE", "1 found   ")]
    first = ttybench(py, tools, runs, "Library ·", [], [brief, folder], env)
    full = ttybench(py, tools, runs, complete, steps, [brief, folder], env)
    rows.append((f"{name}: reader start → first paint", ms(first.get("startup_s")), "", ""))
    rows.append((f"{name}: reader list complete", ms(full.get("startup_s")), "", ""))
    rows.append((f"{name}: reader S rare term → results", ms(full.get("step1:ZQXNEEDLE")), "", ""))
    rows.append((f"{name}: reader peak RSS", mb(full.get('rss_peak_tree_kb')), "", ""))
    # The reader on a first build: usable at once (the build goes on behind it).
    # `?` (help) and Esc always change the screen; `j` on a list still empty changes
    # nothing, and would time the next progress frame instead.
    cold = ttybench(py, tools, 1, "Library ·", [("?", "*"), ("<Esc>", "*")], [brief, folder], env, f"rm -rf '{cache}'")
    rows.append((f"{name}: reader first paint during the first build", ms(cold.get("startup_s")), "", ""))
    rows.append((f"{name}: reader key ? → frame during the first build", ms(cold.get("step0:?")), "", ""))
    rows.append((f"{name}: reader key Esc → frame during the first build", ms(cold.get("step1:<Esc>")), "", ""))
    timed([brief, "index", folder], env)
    return rows


def busy_rows(brief, tools, py, runs, size, env, data):
    """Key → frame while work runs in the background: `j` sent as soon as `E` (export
    every annotated briefing; the briefing has a bookmark) has drawn its first frame,
    without waiting for the screen to settle; and `j` while the briefing is reloaded
    again and again (its file touched every 0.4 s for 6 s from the start)."""
    path = os.path.join(OUT, f"b{size}.toml")
    exports = os.path.join(OUT, "exports")
    fresh = f"rm -rf '{data}' '{exports}'"
    conf = os.path.join(OUT, "export-config.toml")
    with open(conf, "w") as f:
        f.write(f"export_dir = {json.dumps(exports)}\n")
    busy_env = dict(env, BRIEF_CONFIG=conf)
    e = ttybench(py, tools, runs, "ZQXSTARTMARK", [("b", "*"), ("E", "*"), ("j", "*")],
                 [brief, path], busy_env, fresh, extra=["--settle", "0"])
    touch = f"{fresh}; (for i in $(seq 15); do sleep 0.4; touch '{path}'; done) >/dev/null 2>&1 &"
    r = ttybench(py, tools, runs, "ZQXSTARTMARK", [("j", "*"), ("j", "*"), ("j", "*")],
                 [brief, path], env, touch, extra=["--settle", "0.05"])
    return [
        (f"{size}: key j → frame during E", ms(e.get("step2:j")), "", ""),
        (f"{size}: key j → frame during reloads", ms(median([r.get(f"step{i}:j") or 0 for i in range(3)])), "", ""),
    ]


def mb(kb):
    return "–" if kb is None else f"{kb / 1024:.1f} MB"


def ms(v):
    return "–" if v is None else f"{v * 1000:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="100K,50M")
    ap.add_argument("--library", type=int, default=10000)
    ap.add_argument("--archive", type=int, default=100000)
    ap.add_argument("--archive-dir", default=None)
    args = ap.parse_args()
    tools = tools_dir()
    py = python()
    sizes = [s for s in args.sizes.split(",") if s]
    generate(tools, sizes, args.library)
    brief = os.environ.get("BRIEF_BIN", os.path.join(ROOT, "target", "release", "brief"))
    if not os.path.exists(brief):
        sys.exit("build first: cargo build --release")
    data = os.path.join(OUT, "data")
    env = {"BRIEF_DATA_DIR": data, "BRIEF_CONFIG": os.path.join(OUT, "empty-config.toml")}
    open(env["BRIEF_CONFIG"], "w").close()
    steps = [("j", "*"), ("G", "ZQXENDMARK"), ("g", "ZQXSTARTMARK"), ("/ZQXNEEDLE<Enter>", "QWFPGJLUY")]
    rows = []
    # The bundled briefing, and less on the same file.
    bundled = os.path.join(ROOT, "briefings", "kim-putin-vladivostok.fr.toml")
    fresh = f"rm -rf '{data}'"
    b = ttybench(py, tools, args.runs, "Vladivostok", [("j", "*")], [brief, bundled], env, fresh)
    l = ttybench(py, tools, args.runs, "Vladivostok", [("j", "*")], ["less", bundled])
    for name, key in [("first paint", "startup_s"), ("key j → frame", "step0:j")]:
        bv, lv = b.get(key), l.get(key)
        ratio = "–" if not bv or not lv else f"{bv / lv:.2f}×"
        rows.append((f"bundled: {name}", ms(bv), ms(lv), ratio))
    for size in sizes:
        # Every run starts afresh: brief would reopen where the previous run left off.
        fresh = f"rm -rf '{data}'"
        b = ttybench(py, tools, args.runs, "ZQXSTARTMARK", steps, [brief, os.path.join(OUT, f"b{size}.toml")], env, fresh)
        l = ttybench(py, tools, args.runs, "ZQXSTARTMARK", steps, ["less", os.path.join(OUT, "docs", f"doc_{size}.md")])
        names = ["first paint", "key j → frame", "G to end", "g to top", "search to end"]
        keys = ["startup_s", "step0:j", "step1:G", "step2:g", "step3:/ZQXNEEDLE<Enter>"]
        for name, key in zip(names, keys):
            bv, lv = b.get(key), l.get(key)
            ratio = "–" if not bv or not lv else f"{bv / lv:.2f}×"
            rows.append((f"{size}: {name}", ms(bv), ms(lv), ratio))
        rows.append((f"{size}: peak RSS", mb(b.get('rss_peak_tree_kb')), mb(l.get('rss_peak_tree_kb')), ""))
        rows += busy_rows(brief, tools, py, args.runs, size, env, data)
    print_rows(rows)
    rows = []
    if args.library:
        lib = os.path.join(OUT, f"lib{args.library}")
        fresh = f"rm -rf '{data}'"
        # Measured warm: the library's catalogue built once before (its first build is
        # in the archive rows).
        env = dict(env, BRIEF_CACHE_DIR=os.path.join(OUT, "cache"))
        timed([brief, "index", lib], env)
        first = ttybench(py, tools, args.runs, "Library ·", [], [brief, lib], env, fresh)
        # Once every file is in, the title no longer says "loading".
        done = f"{args.library:,} of {args.library:,} briefings · by date   "
        # Library-wide search: S builds the index on first use (timed on its own), then
        # the query runs to its complete result list ("1 found" without "searching").
        search_steps = [("<Enter>", "Outline"), ("S", "type to search titles"), ("ZQXNEEDLE", "1 found   ")]
        full = ttybench(py, tools, args.runs, done, search_steps, [brief, lib], env, fresh)
        rows.append((f"library {args.library}: first paint", ms(first.get("startup_s")), "", ""))
        rows.append((f"library {args.library}: fully loaded", ms(full.get("startup_s")), "", ""))
        rows.append((f"library {args.library}: S opens", ms(full.get("step1:S")), "", ""))
        rows.append((f"library {args.library}: search to full results", ms(full.get("step2:ZQXNEEDLE")), "", ""))
        rows.append((f"library {args.library}: peak RSS", mb(full.get('rss_peak_tree_kb')), "", ""))
    print_rows(rows)
    rows = []
    if args.archive:
        rows += archive_rows(brief, tools, py, args.archive, args.archive_dir, args.runs)
    print_rows(rows)


def print_rows(rows):
    if not rows:
        return
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'brief':>12}  {'less':>12}  ratio", flush=True)
    for what, bv, lv, ratio in rows:
        print(f"{what:<{width}}  {bv:>12}  {lv:>12}  {ratio}", flush=True)


if __name__ == "__main__":
    main()
