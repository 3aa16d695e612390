#!/usr/bin/env python3
"""Investigation at scale (SQLite): loads N cases and M contacts (with a week of follow-ups for the
quarantined ones) straight into a demo database, then times the investigators' reads through the
running server (median of 5, warm) beside the database's own time for the core query of each read,
and times adding contacts one by one through the API (the SORMAS complaint: 230 contacts in 30 min).
Usage: bench/investigation.py DB_PATH BASE_URL [cases] [contacts]   (called by bench/investigation.sh)"""
import json, random, sqlite3, statistics, sys, time, uuid, urllib.request
from datetime import datetime, timedelta, timezone

db_path, base = sys.argv[1], sys.argv[2]
n_cases = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
n_contacts = int(sys.argv[4]) if len(sys.argv) > 4 else 300_000
rng = random.Random(7)
now = datetime.now(timezone.utc).replace(tzinfo=None)
fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S")
gid = lambda: str(uuid.uuid4()).upper()

def check_digit(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(first17, w)) % 11]

def load():
    con = sqlite3.connect(db_path)
    committees = [r[0] for r in con.execute("SELECT Code FROM Divisions WHERE length(Code)=12")]
    t0 = time.perf_counter()
    people, cases, contacts, follow = [], [], [], []
    serial = 0
    def person(committee):
        nonlocal serial
        serial += 1
        first17 = f"{committee[:6]}{1950 + serial % 60}{1 + serial % 12:02d}{1 + serial % 28:02d}{serial % 1000:03d}"
        pid = gid()
        people.append((committee[:6], pid, "测试", f"X{serial:017d}", None, None, committee, "1980-01-01", "Male", 1, fmt(now), fmt(now)))
        return pid
    case_rows = []
    for i in range(n_cases):
        c = rng.choice(committees)
        cid = gid()
        detected = now - timedelta(hours=rng.randint(1, 14 * 24))
        case_rows.append((c, cid, detected))
        cases.append((c[:6], cid, f"BENCH-{i:07d}", person(c), c, None, "Confirmed", "Mild", None, fmt(detected), fmt(detected), "Screening", "Active",
                      None, cid, 1, None, "epi", fmt(detected + timedelta(hours=24)), "Assigned", None, None,
                      fmt(detected + timedelta(hours=3)) if rng.random() < 0.8 else None, None, None, None, fmt(now), fmt(now), 1))
    for j in range(n_contacts):
        c, cid, detected = case_rows[j % len(case_rows)]
        residence = c if rng.random() < 0.8 else rng.choice(committees)
        kid = gid()
        quarantined = rng.random() < 0.3
        start = detected + timedelta(hours=6)
        contacts.append((c[:6], kid, cid, c, None, person(residence), residence, "Close", "同住", fmt(detected - timedelta(hours=12)),
                         "Quarantined" if quarantined else "Released", fmt(detected + timedelta(hours=4)), "epi",
                         "Home" if quarantined else None, None, fmt(start) if quarantined else None,
                         (start + timedelta(days=7)).strftime("%Y-%m-%d") if quarantined else None, None, None, None, None, fmt(now), 1))
        if quarantined:
            for d in range(7):
                day = (start + timedelta(days=d)).date()
                due = datetime(day.year, day.month, day.day) + timedelta(hours=16)
                done = fmt(due - timedelta(hours=4)) if due < now and rng.random() < 0.9 else None
                follow.append((c[:6], gid(), kid, c, residence, 0, day.isoformat(), fmt(due), 1 if d in (0, 1, 2, 4, 6) else 0,
                               done, "epi" if done else None, 0 if done else None, None, None, None, 0))
    con.executemany("INSERT INTO People (DistrictCode, Id, Name, IdNumber, Phone, Address, DivisionCode, BirthDate, Sex, Version, CreatedAt, UpdatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", people)
    con.executemany("INSERT INTO Cases VALUES (" + ",".join("?" * 29) + ")", cases)
    con.executemany("INSERT INTO Contacts VALUES (" + ",".join("?" * 23) + ")", contacts)
    con.executemany("INSERT INTO FollowUps VALUES (" + ",".join("?" * 16) + ")", follow)
    con.commit()
    con.execute("ANALYZE")
    print(f"loaded {len(cases):,} cases, {len(contacts):,} contacts, {len(follow):,} follow-ups, {len(people):,} people in {time.perf_counter() - t0:.1f} s")
    return con

def call(path, token, method="GET", body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        data = r.read()
    return time.perf_counter() - t, data

def token(user):
    req = urllib.request.Request(base + "/api/auth/token", data=json.dumps({"userName": user, "password": "Fangkong-Demo-2026"}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["accessToken"]

def median_ms(f, runs=5):
    f()
    return statistics.median(f() for _ in range(runs)) * 1000

con = load()
epi = token("epi")
district = "310115"
reads = [
    ("cases, district, page 1", f"/api/investigation/cases?division={district}&pageSize=50",
     f"SELECT * FROM Cases WHERE DivisionCode LIKE '{district}%' AND Status='Active' ORDER BY InvestigationStatus='Completed', InvestigationDueAt LIMIT 50"),
    ("contacts, district, page 1", f"/api/investigation/contacts?division={district}&pageSize=50",
     f"SELECT * FROM Contacts WHERE ResidenceDivisionCode LIKE '{district}%' OR DivisionCode LIKE '{district}%' ORDER BY IdentifiedAt DESC LIMIT 50"),
    ("follow-ups due, district", f"/api/investigation/follow-ups?division={district}",
     f"SELECT * FROM FollowUps WHERE DoneAt IS NULL AND Cancelled=0 AND ResidenceDivisionCode LIKE '{district}%' ORDER BY DueAt LIMIT 200"),
    ("workload, city", "/api/investigation/workload?division=3101",
     "SELECT substr(ResidenceDivisionCode,1,6), count(*) FROM FollowUps WHERE ResidenceDivisionCode LIKE '3101%' AND Cancelled=0 GROUP BY 1"),
    ("four categories, district", f"/api/investigation/four-categories?division={district}",
     f"SELECT Id, DivisionCode, Category, DetectedAt, IsolatedAt, AdmittedAt FROM Cases WHERE DivisionCode LIKE '{district}%' AND Status='Active'"),
    ("four categories, city", "/api/investigation/four-categories?division=3101",
     "SELECT Id, DivisionCode, Category, DetectedAt, IsolatedAt, AdmittedAt FROM Cases WHERE DivisionCode LIKE '3101%' AND Status='Active'"),
    ("clusters, city", "/api/investigation/clusters?division=3101&minCases=2",
     "SELECT ClusterId, count(*) FROM Cases WHERE Category='Confirmed' GROUP BY ClusterId HAVING count(*) >= 2"),
]
print(f"{'read':32} {'ours (ms)':>10} {'sqlite raw (ms)':>16} {'ratio':>7}")
for name, path, sql in reads:
    ours = median_ms(lambda: call(path, epi)[0])
    raw = median_ms(lambda: (lambda t: (con.execute(sql).fetchall(), time.perf_counter() - t)[1])(time.perf_counter()))
    print(f"{name:32} {ours:10.1f} {raw:16.1f} {ours / raw if raw > 0 else float('inf'):7.1f}")

# 230 contacts of one case, one request each, as an investigator would enter them.
committee = con.execute(f"SELECT Code FROM Divisions WHERE Code LIKE '{district}%' AND length(Code)=12 LIMIT 1").fetchone()[0]
def id_number(i):
    first17 = f"{district}1985{1 + i % 12:02d}{1 + i % 28:02d}{(500 + i) % 1000:03d}"
    return first17 + check_digit(first17)
_, created = call("/api/investigation/cases", epi, "POST", {"name": "基准病例", "idNumber": id_number(9999), "divisionCode": committee,
                                                            "category": "Confirmed", "severity": "Mild"})
case_id = json.loads(created)["case"]["id"]
t = time.perf_counter()
for i in range(230):
    call(f"/api/investigation/cases/{case_id}/contacts", epi, "POST", {"name": "接触者", "idNumber": id_number(i), "divisionCode": committee,
         "exposure": "同一办公室", "lastExposureAt": fmt(now - timedelta(days=1)).replace(" ", "T") + "Z", "quarantine": "Home"})
elapsed = time.perf_counter() - t
print(f"230 contacts added one by one through the API: {elapsed:.1f} s ({230 / elapsed:.1f}/s); SORMAS reported 30 min")
