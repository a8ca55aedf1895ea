#!/usr/bin/python3
"""python-sgp4 (pure Python on Debian) propagating the same satellites over the same window as
`nqi plan satellite`: every satellite of a TLE file at every step. Prints JSON."""
import json
import sys
import time

from sgp4.api import Satrec, accelerated, jday


def main():
    path, start, hours, step = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    lines = open(path).read().splitlines()
    t0 = time.perf_counter()
    satellites = [Satrec.twoline2rv(line, lines[i + 1])
                  for i, line in enumerate(lines) if line.startswith('1 ')]
    year, month, day = (int(x) for x in start.split('-'))
    jd, fr = jday(year, month, day, 0, 0, 0)
    steps = int(hours * 3600 / step) + 1
    errors = 0
    for satellite in satellites:
        for k in range(steps):
            e, r, v = satellite.sgp4(jd, fr + k * step / 86400.0)
            errors += e != 0
    elapsed = time.perf_counter() - t0
    print(json.dumps({'satellites': len(satellites), 'steps': steps,
                      'propagations': len(satellites) * steps, 'seconds': round(elapsed, 2),
                      'errors': errors, 'accelerated': accelerated}))


main()
