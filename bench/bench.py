#!/usr/bin/env python3
"""Helpers for scripts/bench.sh (Python 3 standard library only).

wait       until a URL answers 200 or a loopback port accepts connections
slots      how many free starts a /api/availability URL lists
seed       16 bench patients for the races and 128 accounts for the stream (copies of the demo patient, same
           password, email confirmed), N past visits with the demo's two practitioners, about 25 a patient (more
           patients are added for them), and 40 more practitioners (copies of a demo practitioner and their hours)
           for the stream; prints key=value lines
wrk        one interleaved hello/app pair of wrk outputs -> a result line
booking    the booking races' key=value output plus the database's own count -> a result line
stream     the booking stream's key=value output plus the database's own count -> a result line
drain      wait until the outbox has nothing due (or being sent)
latency    booking commit -> SMTP sink receipt for the load's confirmations; lost and duplicate Message-IDs
burst      N future visits with a queued confirmation each (the app's email burst); prints the first outbox id
burst-done wait for the burst to be sent, then its throughput at the sink
raw        the same number of emails sent straight to the sink with smtplib, and its throughput there
report     the Markdown report from the result lines

Results are JSON lines appended to one file; the report reads them back.
"""
import argparse
import datetime as dt
import email.message
import email.utils
import json
import math
import re
import smtplib
import socket
import sqlite3
import sys
import time
import urllib.error
import urllib.request
import uuid

UTC = dt.timezone.utc


def sql_time(t):
    """EF Core's SQLite text for a DateTime (yyyy-MM-dd HH:mm:ss.FFFFFFF), so values compare as the app's do."""
    fraction = f"{t.microsecond:06d}0".rstrip("0")
    return t.strftime("%Y-%m-%d %H:%M:%S") + (f".{fraction}" if fraction else "")


def parse_sql_time(text):
    text = text.strip()
    head, _, frac = text.partition(".")
    t = dt.datetime.strptime(head, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return t.timestamp() + (float("0." + frac) if frac else 0.0)


def connect(path):
    db = sqlite3.connect(path, timeout=30)
    db.execute("PRAGMA busy_timeout = 30000")
    return db


def append(results, record):
    with open(results, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]


def sink_lines(path):
    """(receipt time, Message-ID) per message the sink accepted."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            when, _, mid = line.rstrip("\n").partition("\t")
            if when:
                out.append((float(when), mid))
    return out


# ---------------------------------------------------------------------------------------------------------- wait, slots

def wait(args):
    deadline = time.time() + args.timeout
    while True:
        try:
            if args.target.startswith("http"):
                with urllib.request.urlopen(args.target, timeout=5) as response:
                    if response.status == 200:
                        return
            else:
                socket.create_connection(("127.0.0.1", int(args.target)), timeout=5).close()
                return
        except (OSError, urllib.error.URLError):
            pass
        if time.time() > deadline:
            raise SystemExit(f"{args.target} did not answer within {args.timeout} s.")
        time.sleep(0.2)


def slots(args):
    with urllib.request.urlopen(args.url, timeout=30) as response:
        print(len(json.load(response)["slots"]))


# ---------------------------------------------------------------------------------------------------------- seed

def seed(args):
    db = connect(args.db)
    with db:
        columns = [c[1] for c in db.execute("PRAGMA table_info(AspNetUsers)")]

        def copier(template_email):
            template = db.execute("SELECT * FROM AspNetUsers WHERE NormalizedEmail = ?", (template_email.upper(),)).fetchone()
            role = db.execute("SELECT RoleId FROM AspNetUserRoles WHERE UserId = ?", (template[columns.index("Id")],)).fetchone()[0]

            def add_user(address, name):
                row = dict(zip(columns, template))
                # The demo account's password hash works for the copy: the bench signs in with the demo password.
                row.update(Id=str(uuid.uuid4()), FullName=name, UserName=address, NormalizedUserName=address.upper(),
                           Email=address, NormalizedEmail=address.upper(), EmailConfirmed=1,
                           SecurityStamp=uuid.uuid4().hex.upper(), ConcurrencyStamp=str(uuid.uuid4()))
                db.execute(f"INSERT INTO AspNetUsers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           [row[c] for c in columns])
                db.execute("INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES (?, ?)", (row["Id"], role))
                return row["Id"]

            return template[columns.index("Id")], add_user

        pat_id, add_patient = copier(args.template)
        emails = [f"bench{i:02d}@clinic.test" for i in range(1, args.patients + 1)]
        owners = [pat_id] + [add_patient(e, f"Bench Patient {i + 1}") for i, e in enumerate(emails)]
        # The stream's accounts book only ahead, so they stay out of the history.
        stream_accounts = [f"stream{i:03d}@clinic.test" for i in range(1, args.stream_accounts + 1)]
        for i, e in enumerate(stream_accounts):
            add_patient(e, f"Stream Patient {i + 1}")
        # A clinic's history belongs to many patients, each with a course of visits: about 25 past visits a patient,
        # so the bench patients' own pages and checks see a usual history, not thousands of visits each.
        owners += [add_patient(f"past{i:05d}@clinic.test", f"Past Patient {i}")
                   for i in range(max(0, math.ceil(args.past / args.visits_per_patient) - len(owners)))]

        # Past visits in clinic hours (14:00-21:00 UTC on weekdays is 09:00-16:00 in New York in winter), both demo
        # practitioners (the ones the wrk endpoints and the races use), going back from yesterday.
        practitioners = [r[0] for r in db.execute("SELECT Id FROM Practitioners ORDER BY Id")]
        service, minutes, buffer = db.execute(
            "SELECT Id, DurationMinutes, BufferMinutes FROM Services WHERE RequiresIntake = 0 ORDER BY Id").fetchone()
        day = dt.datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
        rows, n = [], 0
        while n < args.past:
            if day.weekday() < 5:
                for hour in range(14, 22):
                    for p in practitioners:
                        if n == args.past:
                            break
                        start = day.replace(hour=hour)
                        rows.append((owners[n % len(owners)], p, service, sql_time(start), sql_time(start + dt.timedelta(minutes=minutes)),
                                     sql_time(start + dt.timedelta(minutes=minutes + buffer)), sql_time(start - dt.timedelta(days=7))))
                        n += 1
            day -= dt.timedelta(days=1)
        db.executemany("""INSERT INTO Appointments (PatientId, PractitionerId, ServiceId, StartUtc, EndUtc, BlockedUntilUtc,
                                                    Status, CreatedUtc, Sequence)
                          VALUES (?, ?, ?, ?, ?, ?, 'Booked', ?, 0)""", rows)

        # More practitioners for the stream: two have too few free times for it (about 8 visits a day each). Each is
        # a copy of the first demo practitioner, with their weekly hours, active.
        _, add_practitioner = copier(args.practitioner_template)
        model = db.execute("""SELECT p.Id FROM Practitioners p JOIN AspNetUsers u ON u.Id = p.UserId
                              WHERE u.NormalizedEmail = ?""", (args.practitioner_template.upper(),)).fetchone()[0]
        added = []
        for i in range(1, args.practitioners + 1):
            name = f"Stream Practitioner {i:02d}"
            user = add_practitioner(f"prac{i:02d}@clinic.test", name)
            added.append(db.execute("INSERT INTO Practitioners (UserId, DisplayName, Bio, IsActive) VALUES (?, ?, '', 1)",
                                    (user, name)).lastrowid)
            db.execute("""INSERT INTO WorkingIntervals (PractitionerId, DayOfWeek, Start, "End")
                          SELECT ?, DayOfWeek, Start, "End" FROM WorkingIntervals WHERE PractitionerId = ?""", (added[-1], model))
        # As the app does when practitioners or hours change: the clinic-wide availability stamp moves, so no cached
        # free times outlive the change (the app is stopped here, so its cache is empty anyway).
        db.execute("""INSERT INTO AvailabilityStamps (PractitionerId, Version) VALUES (0, 1)
                      ON CONFLICT (PractitionerId) DO UPDATE SET Version = Version + 1""")
    print("patients=" + ",".join(emails))
    print("stream_accounts=" + ",".join(stream_accounts))
    print("race_practitioners=" + ",".join(map(str, practitioners)))
    print("stream_practitioners=" + ",".join(map(str, added)))


# ---------------------------------------------------------------------------------------------------------- wrk

def parse_wrk(path):
    text = open(path, encoding="utf-8").read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if not rps or not p99:
        raise SystemExit(f"Could not read wrk's output in {path}:\n{text}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    return {"rps": float(rps.group(1)), "p99_ms": float(p99.group(1)) * scale,
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": sum(int(x) for x in errors.groups()) if errors else 0}


def wrk(args):
    app, hello = parse_wrk(args.app), parse_wrk(args.hello)
    append(args.results, {"type": "wrk", "history": args.history, "name": args.name, "path": args.path, "detail": args.detail,
                          **app, "hello_rps": hello["rps"], "hello_p99_ms": hello["p99_ms"],
                          "hello_bad": hello["non2xx"] + hello["socket_errors"]})


# ---------------------------------------------------------------------------------------------------------- booking

OVERLAPS = """SELECT COUNT(*) FROM (
                SELECT StartUtc, MAX(BlockedUntilUtc) OVER (PARTITION BY PractitionerId ORDER BY StartUtc, Id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS EarlierBlockedUntil
                  FROM Appointments WHERE Status = 'Booked')
              WHERE StartUtc < EarlierBlockedUntil"""


def key_values(path):
    values = {}
    for line in open(path, encoding="utf-8"):
        key, sep, value = line.strip().partition("=")
        if sep:
            values[key] = value
    return values


def booking(args):
    values = key_values(args.output)
    db = connect(args.db)
    now = sql_time(dt.datetime.now(UTC))
    booked_ahead = db.execute("SELECT COUNT(*) FROM Appointments WHERE Status = 'Booked' AND StartUtc > ?", (now,)).fetchone()[0]
    overlaps = db.execute(OVERLAPS).fetchone()[0]
    append(args.results, {"type": "booking", "history": args.history, **values,
                          "db_booked_ahead": booked_ahead, "db_overlapping": overlaps})


def stream(args):
    values = key_values(args.output)
    practitioners = [int(p) for p in args.practitioners.split(",")]
    db = connect(args.db)
    now = sql_time(dt.datetime.now(UTC))
    booked_ahead = db.execute(f"""SELECT COUNT(*) FROM Appointments WHERE Status = 'Booked' AND StartUtc > ?
                                  AND PractitionerId IN ({', '.join('?' * len(practitioners))})""",
                              (now, *practitioners)).fetchone()[0]
    overlaps = db.execute(OVERLAPS).fetchone()[0]
    append(args.results, {"type": "stream", "history": args.history, **values,
                          "db_booked_ahead": booked_ahead, "db_overlapping": overlaps})


# ---------------------------------------------------------------------------------------------------------- email

def drain(args):
    db = connect(args.db)
    deadline = time.time() + args.timeout
    while True:
        now = sql_time(dt.datetime.now(UTC))
        left = db.execute("""SELECT COUNT(*) FROM Outbox WHERE Id >= ?
                             AND (Status = 'Sending' OR (Status = 'Pending' AND NextAttemptUtc <= ?))""",
                          (args.min_id, now)).fetchone()[0]
        if left == 0:
            return
        if time.time() > deadline:
            raise SystemExit(f"The outbox still had {left} emails due after {args.timeout} s.")
        time.sleep(0.2)


def sent_rows(db, kind, min_id, max_id):
    return db.execute("""SELECT Id, Status, MessageId, CreatedUtc FROM Outbox
                         WHERE Kind = ? AND Id >= ? AND Id <= ?""", (kind, min_id, max_id)).fetchall()


def check_delivery(rows, sink):
    """Every row sent once and received once: (received times by Message-ID, lost, duplicates, unsent)."""
    receipts = {}
    for when, mid in sink:
        receipts.setdefault(mid, []).append(when)
    unsent = sum(1 for r in rows if r[1] != "Sent")
    lost = sum(1 for r in rows if r[1] == "Sent" and r[2] not in receipts)
    duplicates = sum(len(receipts[r[2]]) - 1 for r in rows if r[1] == "Sent" and r[2] in receipts)
    # Two rows with one Message-ID would be one email sent twice under two rows.
    ids = [r[2] for r in rows if r[1] == "Sent"]
    duplicates += len(ids) - len(set(ids))
    return receipts, lost, duplicates, unsent


def latency(args):
    db = connect(args.db)
    rows = sent_rows(db, "BookingConfirmation", 0, args.max_id)
    receipts, lost, duplicates, unsent = check_delivery(rows, sink_lines(args.sink))
    delays = [min(receipts[mid]) - parse_sql_time(created) for _, status, mid, created in rows
              if status == "Sent" and mid in receipts]
    append(args.results, {"type": "latency", "history": args.history, "emails": len(rows), "received": len(delays),
                          "p50_s": percentile(delays, 0.5), "p95_s": percentile(delays, 0.95), "max_s": max(delays, default=float("nan")),
                          "lost": lost, "duplicates": duplicates, "unsent": unsent})


def burst(args):
    db = connect(args.db)
    with db:
        patients = [r[0] for r in db.execute("SELECT Id, Email FROM AspNetUsers WHERE Email LIKE 'bench%@clinic.test' ORDER BY Email")]
        emails = dict(db.execute("SELECT Id, Email FROM AspNetUsers"))
        practitioners = [r[0] for r in db.execute("SELECT Id FROM Practitioners ORDER BY Id")]
        service, minutes, buffer = db.execute(
            "SELECT Id, DurationMinutes, BufferMinutes FROM Services WHERE RequiresIntake = 0 ORDER BY Id").fetchone()
        now = dt.datetime.now(UTC)
        # Off the app's 15-minute grid (:07), so these never meet the load's bookings in the unique index; each is a
        # real booked visit the renderer reads, as it does for a confirmation written by POST /book.
        first = now.replace(minute=7, second=0, microsecond=0) + dt.timedelta(days=3)
        first_id = None
        for i in range(args.count):
            start = first + dt.timedelta(hours=i // len(practitioners))
            patient = patients[i % len(patients)]
            cursor = db.execute("""INSERT INTO Appointments (PatientId, PractitionerId, ServiceId, StartUtc, EndUtc, BlockedUntilUtc,
                                                              Status, CreatedUtc, Sequence)
                                   VALUES (?, ?, ?, ?, ?, ?, 'Booked', ?, 0)""",
                                (patient, practitioners[i % len(practitioners)], service, sql_time(start),
                                 sql_time(start + dt.timedelta(minutes=minutes)),
                                 sql_time(start + dt.timedelta(minutes=minutes + buffer)), sql_time(now)))
            cursor = db.execute("""INSERT INTO Outbox (Kind, Recipient, AppointmentId, AppointmentStartUtc, DueUtc, Status, Attempts,
                                                       NextAttemptUtc, CreatedUtc)
                                   VALUES ('BookingConfirmation', ?, ?, ?, ?, 'Pending', 0, ?, ?)""",
                                (emails[patient], cursor.lastrowid, sql_time(start), sql_time(now), sql_time(now), sql_time(now)))
            first_id = first_id or cursor.lastrowid
    print(first_id)


def throughput(receipt_times):
    """Messages per second between the first and the last receipt."""
    if len(receipt_times) < 2:
        return float("nan"), float("nan")
    span = max(receipt_times) - min(receipt_times)
    return (len(receipt_times) - 1) / span if span > 0 else float("inf"), span


def burst_done(args):
    db = connect(args.db)
    # The burst's rows were inserted in one transaction, so their ids follow each other.
    rows = sent_rows(db, "BookingConfirmation", args.first_id, args.first_id + args.count - 1)
    receipts, lost, duplicates, unsent = check_delivery(rows, sink_lines(args.sink))
    firsts = [min(receipts[r[2]]) for r in rows if r[1] == "Sent" and r[2] in receipts]
    rate, span = throughput(firsts)
    append(args.results, {"type": "burst", "history": args.history, "emails": len(rows), "received": len(firsts),
                          "per_s": rate, "span_s": span, "lost": lost, "duplicates": duplicates, "unsent": unsent})


def raw(args):
    tag = uuid.uuid4().hex[:8]
    ids = []
    started = time.time()
    # One connection for all, the way a plain script would send; the app opens one per batch of 50.
    with smtplib.SMTP("127.0.0.1", args.port, timeout=30) as smtp:
        for i in range(args.count):
            msg = email.message.EmailMessage()
            msg["From"] = "Bench <no-reply@clinic.test>"
            msg["To"] = f"bench{i % 16 + 1:02d}@clinic.test"
            msg["Subject"] = "Your visit is booked"
            msg["Date"] = email.utils.formatdate(localtime=False)
            msg["Message-ID"] = email.utils.make_msgid(idstring=f"{tag}.{i}", domain="raw.bench")
            msg.set_content("Your visit is booked.\n\n" + "A line of text about the visit.\n" * 20)
            smtp.send_message(msg)
            ids.append(msg["Message-ID"].strip("<>"))
    client_s = time.time() - started
    deadline = time.time() + 30
    wanted = set(ids)
    while True:
        seen = [(when, mid) for when, mid in sink_lines(args.sink) if mid in wanted]
        if len({mid for _, mid in seen}) == len(wanted) or time.time() > deadline:
            break
        time.sleep(0.1)
    counts = {}
    for _, mid in seen:
        counts[mid] = counts.get(mid, 0) + 1
    rate, span = throughput([min(w for w, m in seen if m == mid) for mid in counts])
    append(args.results, {"type": "raw", "emails": len(ids), "received": len(counts), "per_s": rate, "span_s": span,
                          "client_s": client_s, "lost": len(wanted) - len(counts),
                          "duplicates": sum(c - 1 for c in counts.values())})


# ---------------------------------------------------------------------------------------------------------- report

def fmt(x, digits=0):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.{digits}f}"


def report(args):
    records = [json.loads(line) for line in open(args.results, encoding="utf-8") if line.strip()]
    histories = list(dict.fromkeys(r["history"] for r in records if "history" in r))
    raw_rec = next((r for r in records if r["type"] == "raw"), None)
    out = [f"# ClinicBooking bench, {args.when}", "", args.setup, ""]
    endpoints = [r for r in records if r["type"] == "wrk" and r["history"] == histories[0]] if histories else []
    if endpoints:
        out += ["Endpoints: " + "; ".join(f"{r['name']} = `{r['path']}`" + (f" ({r['detail']})" if r["detail"] else "")
                                          for r in endpoints) + ".", ""]
    problems = []
    for h in histories:
        wrks = [r for r in records if r["type"] == "wrk" and r["history"] == h]
        out += [f"## {int(h):,} past appointments", "",
                "| endpoint | req/s | % of hello | p99 | hello req/s | hello p99 |",
                "|---|---:|---:|---:|---:|---:|"]
        for r in wrks:
            out.append(f"| {r['name']} | {fmt(r['rps'])} | {fmt(100 * r['rps'] / r['hello_rps'], 1)} % | {fmt(r['p99_ms'], 1)} ms "
                       f"| {fmt(r['hello_rps'])} | {fmt(r['hello_p99_ms'], 1)} ms |")
            if r["non2xx"] or r["socket_errors"] or r["hello_bad"]:
                problems.append(f"{h} past, {r['name']}: {r['non2xx']} non-2xx/3xx answers, {r['socket_errors']} socket errors "
                                f"(hello: {r['hello_bad']})")
        out.append("")
        b = next((r for r in records if r["type"] == "booking" and r["history"] == h), None)
        if b:
            ok = int(b["races"]) - int(b["races_bad"])
            out.append(f"- Booking races: {b['patients']} signed-in patients, {fmt(float(b['bookings_per_s']), 1)} bookings/s "
                       f"({b['bookings']} bookings in {fmt(float(b['seconds']), 1)} s, {b['races']} races of "
                       f"{int(b['posts']) // max(1, int(b['races']))}), POST /book p50 {fmt(float(b['post_p50_ms']), 1)} ms, "
                       f"p99 {fmt(float(b['post_p99_ms']), 1)} ms (confirm page p99 {fmt(float(b['confirm_p99_ms']), 1)} ms); "
                       f"exactly one winner in {ok} of {b['races']} races; answers {b['answers']}; "
                       f"database: {b['db_booked_ahead']} visits ahead, {b['db_overlapping']} overlapping.")
            if int(b["races_bad"]) or int(b["db_overlapping"]) or int(b["db_booked_ahead"]) != int(b["bookings"]):
                problems.append(f"{h} past, booking races: {b['races_bad']} bad races, {b['db_overlapping']} overlapping visits, "
                                f"{b['db_booked_ahead']} booked in the database for {b['bookings']} winners")
        lat = next((r for r in records if r["type"] == "latency" and r["history"] == h), None)
        if lat:
            out.append(f"- Email, booking commit to SMTP sink (the races' confirmations): p50 {fmt(lat['p50_s'], 2)} s, "
                       f"p95 {fmt(lat['p95_s'], 2)} s, "
                       f"max {fmt(lat['max_s'], 2)} s (goal ≤ 2 s) over {lat['received']} of {lat['emails']} confirmations; "
                       f"{lat['lost']} lost, {lat['duplicates']} sent twice, {lat['unsent']} not sent.")
            if lat["lost"] or lat["duplicates"] or lat["unsent"]:
                problems.append(f"{h} past, booking emails: {lat['lost']} lost, {lat['duplicates']} twice, {lat['unsent']} not sent")
        st = next((r for r in records if r["type"] == "stream" and r["history"] == h), None)
        if st:
            # The accounts' first bookings (one each, before the clock) are in the database too.
            expected = int(st["bookings"]) + int(st["first_bookings"])
            out.append(f"- Booking stream: {st['patients']} concurrent patients, {fmt(float(st['bookings_per_s']), 1)} bookings/s "
                       f"({st['bookings']} bookings in {fmt(float(st['seconds']), 1)} s; goal ≥ 300), POST /book p50 "
                       f"{fmt(float(st['post_p50_ms']), 1)} ms, p99 {fmt(float(st['post_p99_ms']), 1)} ms (goal ≤ 100 ms); "
                       f"{st['not_302']} answers not 302 (answers {st['answers']}); database: {st['db_booked_ahead']} visits "
                       f"ahead with the stream's practitioners ({st['bookings']} + the accounts' {st['first_bookings']} first "
                       f"bookings), {st['db_overlapping']} overlapping.")
            if int(st["not_302"]) or int(st["db_overlapping"]) or int(st["db_booked_ahead"]) != expected:
                problems.append(f"{h} past, booking stream: {st['not_302']} answers not 302, {st['db_overlapping']} overlapping "
                                f"visits, {st['db_booked_ahead']} booked in the database for {expected} bookings")
            if int(st["loops_out_of_starts"]):
                problems.append(f"{h} past, booking stream: {st['loops_out_of_starts']} of {st['patients']} patients ran out of "
                                f"free times before the end (seed more practitioners)")
        bu = next((r for r in records if r["type"] == "burst" and r["history"] == h), None)
        if bu:
            share = f", {fmt(100 * bu['per_s'] / raw_rec['per_s'], 1)} % of smtplib's" if raw_rec else ""
            out.append(f"- Email burst: {bu['received']} of {bu['emails']} confirmations through the app's outbox at "
                       f"{fmt(bu['per_s'])} emails/s (first to last receipt, {fmt(bu['span_s'], 2)} s){share}; "
                       f"{bu['lost']} lost, {bu['duplicates']} sent twice, {bu['unsent']} not sent.")
            if bu["lost"] or bu["duplicates"] or bu["unsent"]:
                problems.append(f"{h} past, burst: {bu['lost']} lost, {bu['duplicates']} twice, {bu['unsent']} not sent")
        out.append("")
    if raw_rec:
        out.append(f"Raw SMTP from Python's smtplib to the same sink (one connection): {raw_rec['received']} of {raw_rec['emails']} "
                   f"at {fmt(raw_rec['per_s'])} emails/s (first to last receipt, {fmt(raw_rec['span_s'], 2)} s; client "
                   f"{fmt(raw_rec['client_s'], 2)} s); {raw_rec['lost']} lost, {raw_rec['duplicates']} twice.")
        if raw_rec["lost"] or raw_rec["duplicates"]:
            problems.append(f"raw SMTP: {raw_rec['lost']} lost, {raw_rec['duplicates']} twice")
        out.append("")
    out.append("Problems: " + ("; ".join(problems) if problems else "none (every answer 2xx/3xx, one winner a race, every "
                                                                   "stream booking 302 with no overlap, every email received "
                                                                   "exactly once)."))
    print("\n".join(out))
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("wait"); p.add_argument("target"); p.add_argument("--timeout", type=float, default=120); p.set_defaults(run=wait)
    p = sub.add_parser("slots"); p.add_argument("url"); p.set_defaults(run=slots)
    p = sub.add_parser("seed"); p.add_argument("db"); p.add_argument("--patients", type=int, default=16)
    p.add_argument("--past", type=int, default=0); p.add_argument("--visits-per-patient", type=int, default=25)
    p.add_argument("--template", default="pat@clinic.test"); p.add_argument("--stream-accounts", type=int, default=128)
    p.add_argument("--practitioners", type=int, default=40, help="extra practitioners, for the stream")
    p.add_argument("--practitioner-template", default="ana@clinic.test"); p.set_defaults(run=seed)
    p = sub.add_parser("wrk"); [p.add_argument(a) for a in ("results", "history", "name", "path", "detail", "hello", "app")]
    p.set_defaults(run=wrk)
    p = sub.add_parser("booking"); [p.add_argument(a) for a in ("results", "history", "db", "output")]; p.set_defaults(run=booking)
    p = sub.add_parser("stream"); [p.add_argument(a) for a in ("results", "history", "db", "output")]
    p.add_argument("--practitioners", required=True); p.set_defaults(run=stream)
    p = sub.add_parser("drain"); p.add_argument("db"); p.add_argument("--min-id", type=int, default=0)
    p.add_argument("--timeout", type=float, default=120); p.set_defaults(run=drain)
    p = sub.add_parser("latency"); [p.add_argument(a) for a in ("results", "history", "db", "sink")]
    p.add_argument("--max-id", type=int, default=2 ** 62); p.set_defaults(run=latency)
    p = sub.add_parser("burst"); p.add_argument("db"); p.add_argument("--count", type=int, default=1000); p.set_defaults(run=burst)
    p = sub.add_parser("burst-done"); [p.add_argument(a) for a in ("results", "history", "db", "sink")]
    p.add_argument("--first-id", type=int, required=True); p.add_argument("--count", type=int, default=1000); p.set_defaults(run=burst_done)
    p = sub.add_parser("raw"); [p.add_argument(a) for a in ("results", "sink")]; p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=1000); p.set_defaults(run=raw)
    p = sub.add_parser("report"); p.add_argument("results"); p.add_argument("--when", default="")
    p.add_argument("--setup", default=""); p.set_defaults(run=report)
    args = parser.parse_args()
    sys.exit(args.run(args) or 0)


if __name__ == "__main__":
    main()
