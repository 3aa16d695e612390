#!/usr/bin/env python3
"""Writes a daily-report history for every residents' committee and village of a city, for the import
benchmark: DAYS days x every committee (Shanghai: 120 x 6,509 = 781,080 rows). Deterministic."""
import csv, random, sys
from datetime import date, timedelta

villages, city, days, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
codes = []
with open(villages, encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    for row in reader:
        if row[4] == city:
            codes.append(row[0])
rng = random.Random(20220401)
start = date(2023, 1, 1)  # after the demo wave, which is reported per street
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "divisionCode", "asymptomatic", "mild", "moderate", "severe", "critical", "imported", "recovered", "died"])
    for d in range(days):
        day = (start + timedelta(days=d)).isoformat()
        for code in codes:
            a = rng.randint(0, 6)
            w.writerow([day, code, a, rng.randint(0, 2), rng.randint(0, 1), 0, 0, 0, rng.randint(0, 3), 0])
print(f"{len(codes)} committees x {days} days = {len(codes) * days} rows -> {out}")
