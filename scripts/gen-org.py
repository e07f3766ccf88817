#!/usr/bin/env python3
"""Synthetic organisation for timing the investigation commands.

Writes actors.csv, subjects.csv, cases.csv, case_assignments.csv,
incidents-all.csv (planted + unrelated; not loaded by `wachter load`) and events.jsonl into OUT.

  scripts/gen-org.py OUT [--actors 300] [--subjects 200000] [--days 365]
                        [--per-day 40] [--unrelated 91] [--seed 1]

Planted: actor "finder" (a low-volume clerk) looks up the 9 addresses that
are later hit, 3..25 days before; actors "ring-a" and "ring-b" (different
units) share 4 unexplained subjects.  Everyone else looks up subjects of
their own cases (explained), with ~6 % unexplained look-ups at random.
"""
import argparse, json, os, random

DAY = 86400000
T0 = 1735689600000  # 2025-01-01

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--actors", type=int, default=300)
    ap.add_argument("--subjects", type=int, default=200000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--per-day", type=float, default=40)
    ap.add_argument("--unrelated", type=int, default=91)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    units = ["burgerzaken", "belastingen", "handhaving", "wijkteam", "vergunningen",
             "sociaal", "parkeren", "archief"]
    actors = [("finder", "burgerzaken"), ("ring-a", "handhaving"), ("ring-b", "belastingen")]
    actors += [("emp%04d" % i, units[i % len(units)]) for i in range(a.actors - 3)]
    with open(os.path.join(a.out, "actors.csv"), "w") as f:
        f.write("actor,unit,role,start,end\n")
        for name, unit in actors:
            f.write("%s,%s,clerk,2020-01-01,\n" % (name, unit))
    subj = ["S%07d" % i for i in range(a.subjects)]
    with open(os.path.join(a.out, "subjects.csv"), "w") as f:
        f.write("subject,surname,postcode,house_number\n")
        for i, s in enumerate(subj):
            f.write("%s,name%d,%04dAB,%d\n" % (s, i % 5000, 1000 + i % 8000, i % 200 + 1))
    # Each actor has a pool of cases; a case links 1..3 subjects and lasts the year.
    cases, asg, pool = [], [], {}
    for name, unit in actors:
        mine = []
        for k in range(60):
            cid = "Z-%s-%d" % (name, k)
            ss = rnd.sample(subj, rnd.randint(1, 3))
            for s in ss:
                cases.append((cid, s))
            asg.append((cid, name if k % 4 else "unit:" + unit))
            mine.append((cid, ss))
        pool[name] = mine
    with open(os.path.join(a.out, "cases.csv"), "w") as f:
        f.write("case,subject,opened,closed\n")
        for cid, s in cases:
            f.write("%s,%s,2024-12-01,\n" % (cid, s))
    with open(os.path.join(a.out, "case_assignments.csv"), "w") as f:
        f.write("case,assignee,from,to\n")
        for cid, who in asg:
            f.write("%s,%s,2024-12-01,\n" % (cid, who))
    targets = rnd.sample(subj, 9 + a.unrelated)
    inc = []
    for i, s in enumerate(targets):
        day = rnd.randint(40, a.days - 1)
        inc.append(("I-%03d" % i, s, T0 + day * DAY + 3 * 3600000, "explosion" if i < 9 else "other"))
    with open(os.path.join(a.out, "incidents-all.csv"), "w") as f:
        f.write("incident,subject,ts,kind\n")
        for i in inc:
            f.write("%s,%s,%d,%s\n" % i)
    with open(os.path.join(a.out, "incidents-planted.csv"), "w") as f:
        f.write("incident,subject,ts,kind\n")
        for i in inc[:9]:
            f.write("%s,%s,%d,%s\n" % i)
    vol = {name: max(2.0, rnd.lognormvariate(0, 0.6) * a.per_day) for name, _ in actors}
    vol["finder"] = a.per_day / 3
    ring = rnd.sample(subj, 4)
    n = 0
    with open(os.path.join(a.out, "events.jsonl"), "w") as f:
        def ev(ts, actor, s, case=""):
            nonlocal n
            n += 1
            f.write(json.dumps({"id": "e%d" % n, "ts": ts, "actor": actor, "system": "brp",
                                "action": "view", "subject": s, "subject_type": "person",
                                "case": case, "purpose": "taak"}, separators=(",", ":")) + "\n")
        for d in range(a.days):
            if d % 7 in (5, 6):
                continue
            for name, _ in actors:
                k = int(rnd.gauss(vol[name], vol[name] / 5))
                for _ in range(max(0, k)):
                    ts = T0 + d * DAY + rnd.randint(7 * 3600000, 17 * 3600000)
                    if rnd.random() < 0.06:
                        ev(ts, name, rnd.choice(subj))
                    else:
                        cid, ss = rnd.choice(pool[name])
                        ev(ts, name, rnd.choice(ss), cid if rnd.random() < 0.5 else "")
            for who in ("ring-a", "ring-b"):
                if d in (20, 45, 70, 95):
                    ev(T0 + d * DAY + 11 * 3600000 + (who == "ring-b") * 7200000, who,
                       ring[[20, 45, 70, 95].index(d)])
        for iid, s, ts, kind in inc[:9]:
            ev(ts - rnd.randint(3, 25) * DAY, "finder", s)
    print("%d events, %d actors, %d subjects, %d incidents" % (n, len(actors), len(subj), len(inc)))

main()
