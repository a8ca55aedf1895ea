#!/usr/bin/python3
"""Compares two resilience results (nqi_bench_resilience --result FILE, or nqi plan resilience
--json) number by number: the same keys, strings and array lengths, and every number within a
relative 1e-9 of the other (absolute 1e-9 near zero). For a change that sums the same figures
in another order, which moves the last bits but nothing a user reads.
Usage: bench/compare_results.py A.json B.json"""
import json
import sys


def walk(a, b, where, out):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            out["structure"].append(f"{where}: keys differ: {sorted(a.keys() ^ b.keys())}")
            return
        for key in a:
            walk(a[key], b[key], f"{where}.{key}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out["structure"].append(f"{where}: {len(a)} entries against {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{where}[{i}]", out)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        out["numbers"] += 1
        if a != b:
            out["differ"] += 1
            scale = max(abs(a), abs(b), 1.0)
            error = abs(a - b) / scale
            out["worst"] = max(out["worst"], error)
            if error > 1e-9:
                out["beyond"].append(f"{where}: {a!r} against {b!r}")
    elif a != b:
        out["structure"].append(f"{where}: {a!r} against {b!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as fa, open(sys.argv[2]) as fb:
        a, b = json.load(fa), json.load(fb)
    out = {"numbers": 0, "differ": 0, "worst": 0.0, "beyond": [], "structure": []}
    walk(a, b, "$", out)
    print(f"{out['numbers']} numbers, {out['differ']} differ, largest relative difference "
          f"{out['worst']:.3g}")
    for line in (out["structure"] + out["beyond"])[:20]:
        print(line)
    sys.exit(1 if out["structure"] or out["beyond"] else 0)


if __name__ == "__main__":
    main()
