#!/usr/bin/env python3
"""Derive the generated sample account files from the public data in shared/data.

Usage (from the repository root):

    python3 scripts/build_samples.py [--data ../shared/data] [--out samples]

Each generated sample is one invented company made of ONE help-desk customer of the
4TU ticket log (finale.csv) and ONE account of the Maven Analytics CRM export. Both
sources are shifted by a whole number of months so that the last six report months are
2026-04 .. 2026-09; the report period is Q3 2026. The YAML is written by hand (no PyYAML)
so the output is byte-for-byte the same on every run. Every rule used below is also
written into the comment block at the top of each generated file.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import os
import statistics
import sys
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

# --------------------------------------------------------------------------------------
# Fixed report frame
# --------------------------------------------------------------------------------------

PERIOD_LABEL = "Q3 2026"
PERIOD_START = date(2026, 7, 1)
PERIOD_END = date(2026, 9, 30)
PREPARED_ON = date(2026, 10, 5)
LAST_MONTH = (2026, 9)  # the last of the six report months
N_MONTHS = 6  # 3 months before the period + the 3 period months
MIN_TICKETS_PER_MONTH = 3  # every month of the help-desk window needs at least this many

# Help-desk thresholds (the log has no SLA flags or targets; these are our choices)
FR_TARGET_H = 8  # aim: median first response within one working day (8 h)
FR_SLA_H = 24  # contractual first-response SLA: one calendar day (timestamps are calendar time)
RES_TARGET_D = 5  # median resolution within 5 days (about the log-wide median of 160 h = 6.7 d)
SLA_ATTAIN_TARGET = 80  # percent of tickets answered within FR_SLA_H
WIN_RATE_TARGET = 60  # percent; portfolio-wide 2017 win rate in the CRM data is 63.2 %

# Due dates of actions, by severity (all inside Oct-Dec 2026)
DUE_BY_SEVERITY = {"high": date(2026, 10, 30), "medium": date(2026, 11, 27), "low": date(2026, 12, 18)}
DUE_OPEN_DEALS = date(2026, 12, 11)
DUE_NEW_SERIES = date(2026, 11, 20)

ESCALATION_STEPS = ("Create SW anomaly", "Require upgrade")

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]

# --------------------------------------------------------------------------------------
# The samples. Names, ids and people are invented; source ids are the real source codes.
# --------------------------------------------------------------------------------------

SAMPLES = [
    {
        "file": "tarnwick-freight-systems.yaml",
        "name": "Tarnwick Freight Systems",
        "id": "TFS-0311",
        "helpdesk_customer": "Value 9",
        "crm_account": "Warephase",
        "team": {"owner": "Imogen Hartley", "csm": "Rafael Okonjo", "support_lead": "Mira Castell"},
        "sponsor": {"name": "Jonas Whitcombe", "title": "Chief Operating Officer",
                    "last_contact": date(2026, 9, 17)},
        "confidentiality": "Internal - sample data",
    },
    {
        "file": "brisbeck-health.yaml",
        "name": "Brisbeck Health",
        "id": "BH-0227",
        "helpdesk_customer": "Value 22",
        "crm_account": "Isdom",
        "team": {"owner": "Theo Vance", "csm": "Priya Lindqvist", "support_lead": "Aurelio Banks"},
        "sponsor": {"name": "Dr. Helena Marsh", "title": "VP Clinical Systems",
                    "last_contact": date(2026, 8, 26)},
        "confidentiality": "Internal - sample data",
    },
    {
        "file": "halvorsen-maritime.yaml",
        "template": "service-review",
        "name": "Halvorsen Maritime",
        "id": "HM-0519",
        "helpdesk_customer": "Value 8",
        "crm_account": "Kan-code",
        "team": {"owner": "Sigrid Aalto", "csm": "Tomasz Wren", "support_lead": "Keiko Brandt"},
        "sponsor": {"name": "Eirik Solberg", "title": "Head of Fleet IT",
                    "last_contact": date(2026, 9, 22)},
        "confidentiality": "Internal - sample data",
        "incidents": True,
    },
    {
        "file": "corvane-retail.yaml",
        "template": "account-management",
        "name": "Corvane Retail Group",
        "id": "CRG-0788",
        "helpdesk_customer": "Value 92",
        "crm_account": "Hottechi",
        "team": {"owner": "Marcus Feld", "csm": "Ines Carvalho", "support_lead": "Dev Raman"},
        "sponsor": {"name": "Paula Greer", "title": "Chief Digital Officer",
                    "last_contact": date(2026, 9, 29)},
        "asks": [("Approve a 5% loyalty discount band for the GTK series demo", "VP Sales"),
                 ("Join the loss review of the lost Q3 deals", "Regional Sales Director")],
        "confidentiality": "Internal - sample data",
    },
]

REGION_OF_COUNTRY = {"United States": "North America"}  # only countries the chosen accounts use


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------

def round1(x: float) -> float:
    """Round half up to one decimal (Python's round() is half-to-even on binary floats)."""
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def round0(x: float) -> int:
    return int(Decimal(repr(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def month_index(y: int, m: int) -> int:
    return y * 12 + (m - 1)


def month_of_index(i: int) -> tuple[int, int]:
    return i // 12, i % 12 + 1


def mkey(i: int) -> str:
    y, m = month_of_index(i)
    return f"{y:04d}-{m:02d}"


def shift_date(d: date, months: int) -> date:
    """Shift by whole months, keeping the day of month, clamped to the month's last day."""
    y, m = month_of_index(month_index(d.year, d.month) + months)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def pct(num: int, den: int) -> float | None:
    return None if den == 0 else round1(100.0 * num / den)


def money(x: int) -> str:
    return f"${x:,}"


def fmt_num(x) -> str:
    if isinstance(x, bool):
        raise TypeError("bool is not a number here")
    if isinstance(x, int):
        return str(x)
    return f"{x:.1f}"


def q(s: str) -> str:
    """A YAML double-quoted scalar. Every free-text string goes through this."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# --------------------------------------------------------------------------------------
# Help desk (4TU finale.csv)
# --------------------------------------------------------------------------------------

def parse_ts(s: str) -> datetime:
    return datetime.strptime(s, "%Y/%m/%d %H:%M:%S.%f")


def load_tickets(path: str) -> list[dict]:
    """One record per ticket (Case ID). Events keep file order inside equal timestamps."""
    events: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}  # 'Variant' is duplicated; unused
        for n, row in enumerate(reader):
            events[row[col["Case ID"]]].append((n, row))
    tickets = []
    for case_id, evs in events.items():
        evs.sort(key=lambda e: (parse_ts(e[1][col["Complete Timestamp"]]), e[0]))
        rows = [e[1] for e in evs]
        acts = [r[col["Activity"]] for r in rows]
        times = [parse_ts(r[col["Complete Timestamp"]]) for r in rows]
        opened = times[0]
        tic = [t for a, t in zip(acts, times) if a == "Take in charge ticket"]
        res = [t for a, t in zip(acts, times) if a == "Resolve ticket"]
        first_resp = tic[0] if tic else (res[0] if res else None)
        steps = [a for a in acts if a in ESCALATION_STEPS]
        first_res_pos = acts.index("Resolve ticket") if "Resolve ticket" in acts else None
        reopened = first_res_pos is not None and "Take in charge ticket" in acts[first_res_pos + 1:]
        tickets.append({
            "case": case_id,
            "customer": rows[0][col["customer"]],
            "opened": opened,
            "fr_hours": None if first_resp is None else (first_resp - opened).total_seconds() / 3600,
            "res_days": None if not res else (res[-1] - opened).total_seconds() / 86400,
            "escalated": bool(steps),
            "escalation": steps[0] if steps else None,
            "resolved": res[-1] if res else None,
            "reopened": reopened,
        })
    tickets.sort(key=lambda t: int(t["case"].split()[-1]))
    return tickets


def busiest_window(month_counts: Counter) -> int:
    """First month index of the 6 consecutive months with the most tickets, every month
    having at least MIN_TICKETS_PER_MONTH tickets; ties go to the earliest window."""
    months = sorted(month_counts)
    best = None
    for start in range(months[0], months[-1] - N_MONTHS + 2):
        counts = [month_counts.get(start + k, 0) for k in range(N_MONTHS)]
        if min(counts) < MIN_TICKETS_PER_MONTH:
            continue
        total = sum(counts)
        if best is None or total > best[0]:
            best = (total, start)
    if best is None:
        raise SystemExit("no help-desk window with enough tickets in every month")
    return best[1]


def helpdesk_stats(tickets: list[dict]) -> dict:
    n = len(tickets)
    fr = [t["fr_hours"] for t in tickets if t["fr_hours"] is not None]
    rd = [t["res_days"] for t in tickets if t["res_days"] is not None]
    within = sum(1 for x in fr if x <= FR_SLA_H)
    return {
        "volume": n,
        "fr_median": round1(statistics.median(fr)) if fr else None,
        "res_median": round1(statistics.median(rd)) if rd else None,
        "sla_attainment": pct(within, n),
        "within": within,
        "escalated": sum(1 for t in tickets if t["escalated"]),
        "reopened": sum(1 for t in tickets if t["reopened"]),
        "no_response": n - len(fr),
        "unresolved": n - len(rd),
    }


# --------------------------------------------------------------------------------------
# CRM (Maven sales_pipeline.csv, accounts.csv, products.csv)
# --------------------------------------------------------------------------------------

def read_csv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def product_key(p: str) -> str:
    return "GTX Pro" if p == "GTXPro" else p  # pipeline spells it GTXPro, products.csv GTX Pro


def breakdown(deals: list[dict]) -> str:
    c = Counter(product_key(d["product"]) for d in deals)
    return ", ".join(f"{p} x{n}" for p, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------------------
# Building one sample
# --------------------------------------------------------------------------------------

def build(sample: dict, tickets: list[dict], pipeline: list[dict], accounts: dict, products: dict) -> str:
    last = month_index(*LAST_MONTH)
    report_months = [last - N_MONTHS + 1 + k for k in range(N_MONTHS)]
    period_months = report_months[-3:]
    prev_months = report_months[:3]
    mname = lambda i: MONTH_NAMES[month_of_index(i)[1] - 1]
    prev_label = f"Q{(month_of_index(prev_months[0])[1] - 1) // 3 + 1} {month_of_index(prev_months[0])[0]}"

    # ---- help desk -------------------------------------------------------------------
    cust = sample["helpdesk_customer"]
    mine = [t for t in tickets if t["customer"] == cust]
    counts = Counter(month_index(t["opened"].year, t["opened"].month) for t in mine)
    hd_start = busiest_window(counts)
    hd_offset = report_months[0] - hd_start
    hd_by_month = defaultdict(list)
    for t in mine:
        hd_by_month[month_index(t["opened"].year, t["opened"].month) + hd_offset].append(t)
    hd = {m: helpdesk_stats(hd_by_month.get(m, [])) for m in report_months}
    # Backlog: the customer's tickets open at the end of each report month (opened before the
    # month's end, not yet finally resolved then), counted in source time.
    for m in report_months:
        sy, sm = month_of_index(m - hd_offset + 1)
        end = datetime(sy, sm, 1)
        hd[m]["backlog"] = sum(1 for t in mine if t["opened"] < end
                               and (t["resolved"] is None or t["resolved"] >= end))
    hd_q = helpdesk_stats([t for m in period_months for t in hd_by_month.get(m, [])])
    hd_pq = helpdesk_stats([t for m in prev_months for t in hd_by_month.get(m, [])])

    # ---- CRM --------------------------------------------------------------------------
    acc_name = sample["crm_account"]
    acc = accounts[acc_name]
    deals = [d for d in pipeline if d["account"] == acc_name]
    last_close = max(date.fromisoformat(d["close_date"]) for d in pipeline if d["close_date"])
    crm_offset = last - month_index(last_close.year, last_close.month)

    def close_m(d):
        c = date.fromisoformat(d["close_date"])
        return month_index(c.year, c.month) + crm_offset

    won = [d for d in deals if d["deal_stage"] == "Won"]
    lost = [d for d in deals if d["deal_stage"] == "Lost"]
    engaging = [d for d in deals if d["deal_stage"] == "Engaging"]
    crm = {}
    for m in report_months:
        w = [d for d in won if close_m(d) == m]
        l = [d for d in lost if close_m(d) == m]
        crm[m] = {"won_rev": sum(int(d["close_value"]) for d in w), "won_n": len(w),
                  "win_rate": pct(len(w), len(w) + len(l))}

    def quarter(ms):
        w = [d for d in won if close_m(d) in ms]
        l = [d for d in lost if close_m(d) in ms]
        return {"won": w, "lost": l, "won_rev": sum(int(d["close_value"]) for d in w),
                "win_rate": pct(len(w), len(w) + len(l))}

    cq, cpq = quarter(period_months), quarter(prev_months)

    arr_months = set(range(last - 11, last + 1))
    arr = sum(int(d["close_value"]) for d in won if close_m(d) in arr_months)
    arr_src = [mkey(m - crm_offset) for m in (last - 11, last)]
    last_won = max(date.fromisoformat(d["close_date"]) for d in won)
    renewal = shift_date(last_won, crm_offset + 12)
    revenue_at_risk = sum(products[product_key(d["product"])]["price"] for d in cq["lost"])
    pipeline_value = sum(products[product_key(d["product"])]["price"] for d in engaging)
    largest_open = max(engaging, key=lambda d: (products[product_key(d["product"])]["price"],
                                                 d["opportunity_id"])) if engaging else None

    # ---- derived scores -----------------------------------------------------------------
    def health_of(sla, wr):
        return round0(0.5 * (sla or 0) + 0.5 * (wr or 0))

    health = health_of(hd_q["sla_attainment"], cq["win_rate"])
    # The same score over the trailing three months ending with each report month that has
    # two months before it: the last is the period's score, the first the previous quarter's.
    health_values = {}
    for m in report_months[2:]:
        ms = [m - 2, m - 1, m]
        sla = helpdesk_stats([t for k in ms for t in hd_by_month.get(k, [])])["sla_attainment"]
        health_values[m] = health_of(sla, quarter(ms)["win_rate"])
    health_prev = health_of(hd_pq["sla_attainment"], cpq["win_rate"])
    renewal_probability = min(95, max(5, 5 * round0(health / 5)))
    sponsor_status = "at-risk" if health < 60 else "active"

    employees = int(acc["employees"])
    segment = "SMB" if employees < 1000 else ("Mid-Market" if employees <= 5000 else "Enterprise")
    region = REGION_OF_COUNTRY.get(acc["office_location"], acc["office_location"])

    team = sample["team"]
    name = sample["name"]

    # ---- risks ------------------------------------------------------------------------
    risks = []
    wr, wrp = cq["win_rate"], cpq["win_rate"]
    if cq["lost"]:
        if wr is not None and wr < 50:
            sev = "high"
        elif wr is not None and (wr < WIN_RATE_TARGET or (wrp is not None and wrp - wr >= 5)):
            sev = "medium"
        else:
            sev = "low"
        n_closed = len(cq["won"]) + len(cq["lost"])
        risks.append({
            "title": (f"{len(cq['lost'])} of {n_closed} deals closed in {PERIOD_LABEL} were lost "
                      f"({breakdown(cq['lost'])}); win rate {wr:.1f}% vs {wrp:.1f}% in {prev_label}"),
            "severity": sev,
            "impact": revenue_at_risk,
            "action": {"what": f"Run a loss review of the {len(cq['lost'])} lost deals with the buyer and re-quote the top two",
                       "owner": team["owner"], "due": DUE_BY_SEVERITY[sev]},
        })
    cur, prv = hd[last], hd[last - 1]
    cm, pm = mname(last), mname(last - 1)
    if cur["fr_median"] is not None and prv["fr_median"] is not None \
            and cur["fr_median"] > FR_TARGET_H and cur["fr_median"] > prv["fr_median"]:
        sev = "high" if cur["fr_median"] > FR_SLA_H else "medium"
        risks.append({
            "title": (f"Median first response rose to {cur['fr_median']:.1f} h in {cm} "
                      f"({pm}: {prv['fr_median']:.1f} h), above the {FR_TARGET_H} h target"),
            "severity": sev,
            "action": {"what": f"Name a first responder for {name} tickets and review the support rota",
                       "owner": team["support_lead"], "due": DUE_BY_SEVERITY[sev]},
        })
    if cur["sla_attainment"] is not None and prv["sla_attainment"] is not None \
            and cur["sla_attainment"] < SLA_ATTAIN_TARGET and cur["sla_attainment"] < prv["sla_attainment"]:
        sev = "high" if cur["sla_attainment"] < 50 else "medium"
        risks.append({
            "title": (f"First responses within {FR_SLA_H} h fell to {cur['sla_attainment']:.1f}% in {cm} "
                      f"({pm}: {prv['sla_attainment']:.1f}%), below the {SLA_ATTAIN_TARGET}% target"),
            "severity": sev,
            "action": {"what": f"Report {FR_SLA_H} h first-response attainment weekly until it is back above {SLA_ATTAIN_TARGET}%",
                       "owner": team["support_lead"], "due": DUE_BY_SEVERITY[sev]},
        })
    if cur["res_median"] is not None and prv["res_median"] is not None \
            and cur["res_median"] > RES_TARGET_D and cur["res_median"] > prv["res_median"]:
        sev = "high" if cur["res_median"] > 2 * RES_TARGET_D else "medium"
        risks.append({
            "title": (f"Median resolution time rose to {cur['res_median']:.1f} days in {cm} "
                      f"({pm}: {prv['res_median']:.1f} days), above the {RES_TARGET_D}-day target"),
            "severity": sev,
            "action": {"what": f"Review every {name} ticket open longer than {RES_TARGET_D} days in the weekly service call",
                       "owner": team["support_lead"], "due": DUE_BY_SEVERITY[sev]},
        })
    for key, label, what, owner in (
        ("escalated", "escalated to development",
         "Agree fix dates for the escalated {t} with development", team["support_lead"]),
        ("reopened", "reopened after resolution",
         "Walk through the reopened {t} with the customer and confirm the {f}", team["csm"]),
    ):
        if cur[key] > 0 and cur[key] > prv[key]:
            what = what.format(t="ticket" if cur[key] == 1 else "tickets", f="fix" if cur[key] == 1 else "fixes")
            risks.append({
                "title": f"{plural(cur[key], 'ticket')} {label} in {cm} ({pm}: {prv[key]})",
                "severity": "low",
                "action": {"what": what, "owner": owner, "due": DUE_BY_SEVERITY["low"]},
            })
    order = {"high": 0, "medium": 1, "low": 2}
    risks.sort(key=lambda r: order[r["severity"]])  # stable: keeps rule order within a severity

    # ---- opportunities -----------------------------------------------------------------
    opps = []
    bought = {products[product_key(d["product"])]["series"] for d in won}
    open_series = {products[product_key(d["product"])]["series"] for d in engaging}
    if engaging:
        lp = products[product_key(largest_open["product"])]["price"]
        first = sorted(open_series - bought)
        opps.append({
            "title": (f"{plural(len(engaging), 'open deal')} in engagement ({breakdown(engaging)}); "
                      f"largest {product_key(largest_open['product'])} at {money(lp)}"
                      + (f"; first {' and '.join(first)} purchase" if first else "")),
            "value": pipeline_value,
            "action": {"what": "Take the open deals to a decision before year end",
                       "owner": team["owner"], "due": DUE_OPEN_DEALS},
        })
    for series in sorted({p["series"] for p in products.values()} - bought - open_series):
        top = max((p for p in products.values() if p["series"] == series), key=lambda p: p["price"])
        opps.append({
            "title": f"{series} series not yet bought; {top['name']} lists at {money(top['price'])}",
            "value": top["price"],
            "action": {"what": f"Demo the {series} series to the buying team",
                       "owner": team["owner"], "due": DUE_NEW_SERIES},
        })

    # ---- highlights --------------------------------------------------------------------
    # Three true statements; the won-revenue one only when revenue did not fall, the
    # escalation one only when there was none; the largest win fills the gaps.
    big = max(cq["won"], key=lambda d: (int(d["close_value"]), d["opportunity_id"]))
    big_text = (f"Largest win of the quarter: {product_key(big['product'])} for {money(int(big['close_value']))}, "
                f"closed {shift_date(date.fromisoformat(big['close_date']), crm_offset).isoformat()}")
    highlights = []
    if cq["won_rev"] >= cpq["won_rev"]:
        highlights.append(f"{plural(len(cq['won']), 'deal')} won in {PERIOD_LABEL} worth {money(cq['won_rev'])} "
                          f"({prev_label}: {len(cpq['won'])} deals, {money(cpq['won_rev'])})")
    else:
        highlights.append(big_text)
    highlights.append(f"{hd_q['sla_attainment']:.1f}% of the quarter's {hd_q['volume']} tickets got a first response "
                      f"within {FR_SLA_H} h ({prev_label}: {hd_pq['sla_attainment']:.1f}%)")
    if hd_q["escalated"] == 0:
        highlights.append(f"No ticket escalated to development in {PERIOD_LABEL}")
    elif big_text not in highlights:
        highlights.append(big_text)

    # ---- incidents (service-review samples) ----------------------------------------------
    # The period's escalated tickets (P1) and tickets resolved after more than twice the
    # resolution target (P2), longest first, six at most; times shifted like the months.
    def shifted(ts):
        d = shift_date(ts.date(), hd_offset)
        return datetime(d.year, d.month, d.day, ts.hour, ts.minute)
    period_tickets = [t for m in period_months for t in hd_by_month.get(m, [])]
    picked = [t for t in period_tickets if t["escalated"]
              or (t["res_days"] is not None and t["res_days"] > 2 * RES_TARGET_D)]
    picked.sort(key=lambda t: (not t["escalated"], -(t["res_days"] or 1e9), t["case"]))
    incidents = []
    for t in picked[:6]:
        number = t["case"].split()[-1]
        cause = {"Create SW anomaly": "Software defect, passed to development",
                 "Require upgrade": "Fixed in a later release; upgrade required"}.get(t["escalation"])
        incidents.append({
            "id": f"HD-{number}",
            "title": ("Ticket escalated to development" if t["escalated"]
                      else f"Ticket open {t['res_days']:.0f} days before resolution"),
            "priority": "P1" if t["escalated"] else "P2",
            "opened": shifted(t["opened"]).strftime("%Y-%m-%dT%H:%M"),
            "resolved": shifted(t["resolved"]).strftime("%Y-%m-%dT%H:%M") if t["resolved"] else None,
            "sla_met": t["fr_hours"] is not None and t["fr_hours"] <= FR_SLA_H,
            "root_cause": cause or "Not recorded in the ticket log",
        })

    # ---- metrics -----------------------------------------------------------------------
    # Short system names: `source:` is printed in the customer-facing report. The file names,
    # customer code and CRM account behind them are in the comment block at the top of the file.
    hd_source = "Help desk ticket log"
    crm_source = "CRM opportunities"
    metrics = [
        dict(id="ticket_volume", label="Tickets opened", group="service", unit="count", better="lower",
             source=hd_source, owner="Support Operations",
             definition="Number of tickets opened in the month",
             values={m: hd[m]["volume"] for m in report_months}),
        dict(id="first_response_median", label="First response time (median)", group="service", unit="hours",
             better="lower", target=FR_TARGET_H, sla=FR_SLA_H, source=hd_source, owner="Support Operations",
             definition=("Median calendar hours from a ticket being opened to the first response from support "
                         "(or to its resolution if it got no earlier response), tickets opened in the month"),
             values={m: hd[m]["fr_median"] for m in report_months if hd[m]["fr_median"] is not None}),
        dict(id="first_response_sla", label=f"First response within {FR_SLA_H} h", group="service", unit="percent",
             better="higher", target=SLA_ATTAIN_TARGET, source=hd_source, owner="Support Operations",
             definition=(f"Share of tickets opened in the month that got a first response within {FR_SLA_H} h; "
                         "a ticket with no response counts as missed"),
             values={m: hd[m]["sla_attainment"] for m in report_months if hd[m]["sla_attainment"] is not None}),
        dict(id="resolution_time_median", label="Resolution time (median)", group="service", unit="days",
             better="lower", target=RES_TARGET_D, source=hd_source, owner="Support Operations",
             definition="Median days from a ticket being opened to its final resolution, tickets opened in the month",
             values={m: hd[m]["res_median"] for m in report_months if hd[m]["res_median"] is not None}),
        dict(id="backlog", label="Open tickets at month end", group="service", unit="count", better="lower",
             source=hd_source, owner="Support Operations",
             definition="Tickets opened and not yet finally resolved at the end of the month, whenever they were opened",
             values={m: hd[m]["backlog"] for m in report_months}),
        dict(id="escalations_to_development", label="Escalations to development", group="service", unit="count",
             better="lower", source=hd_source, owner="Support Operations",
             definition=("Tickets opened in the month that were passed to development "
                         "as a software defect or an upgrade request"),
             values={m: hd[m]["escalated"] for m in report_months}),
        dict(id="reopened_tickets", label="Reopened tickets", group="service", unit="count", better="lower",
             source=hd_source, owner="Support Operations",
             definition="Tickets opened in the month that were picked up again after first being resolved",
             values={m: hd[m]["reopened"] for m in report_months}),
        dict(id="won_revenue", label="Won revenue", group="sales", unit="currency", better="higher",
             source=crm_source, owner="Sales Operations",
             definition="Sum of the value of deals won, by the month they closed",
             values={m: crm[m]["won_rev"] for m in report_months}),
        dict(id="win_rate", label="Win rate", group="sales", unit="percent", better="higher",
             target=WIN_RATE_TARGET, source=crm_source, owner="Sales Operations",
             definition="Deals won as a share of all deals closed (won or lost), by the month they closed",
             values={m: crm[m]["win_rate"] for m in report_months if crm[m]["win_rate"] is not None}),
        dict(id="deals_won", label="Deals won", group="sales", unit="count", better="higher",
             source=crm_source, owner="Sales Operations",
             definition="Number of deals won, by the month they closed",
             values={m: crm[m]["won_n"] for m in report_months}),
    ]

    # ---- comment block -----------------------------------------------------------------
    hd_map = ", ".join(f"{mkey(m - hd_offset)}->{mkey(m)}" for m in report_months)
    crm_map = ", ".join(f"{mkey(m - crm_offset)}->{mkey(m)}" for m in report_months)
    ym = lambda n: f"{n // 12} y {n % 12} m"
    lines = [
        "# yaml-language-server: $schema=../schema/readout.schema.json",
        "# GENERATED by scripts/build_samples.py - do not edit by hand. Change the script and re-run:",
        "#   python3 scripts/build_samples.py --data ../shared/data --out samples",
        "#",
        f"# {name} is an invented company. It joins two unrelated public sources (they share no keys):",
        f"#   service:    help-desk customer code \"{cust}\" ({len(mine)} tickets in the whole log) of the real,",
        "#               anonymised ticket log of an Italian software company: Polato, M. (2017), \"Dataset",
        "#               belonging to the help desk log of an Italian Company\", 4TU.ResearchData,",
        "#               DOI 10.4121/uuid:0c60edf1-6f83-4e75-9367-4c63b3e9d5bb (finale.csv; 4TU General Terms of Use).",
        f"#   commercial: CRM account \"{acc_name}\" (sector {acc['sector']}, {employees:,} employees,",
        f"#               {acc['office_location']}) of Maven Analytics, \"CRM + Sales Opportunities\"",
        "#               (invented practice data, public domain).",
        "#   Invented here: the company name, account id, team, sponsor, owners, the asks and the next step.",
        "#   Metric sources as printed in the report (short system names; the provenance is here only):",
        f"#     \"{hd_source}\" = 4TU finale.csv, help-desk customer code \"{cust}\";",
        f"#     \"{crm_source}\" = Maven sales_pipeline.csv (with accounts.csv, products.csv), CRM account \"{acc_name}\".",
        "#",
        "# Dates are shifted by whole months (day of month kept, clamped to the month's last day) so that",
        f"# the six report months are {mkey(report_months[0])} .. {mkey(last)}; the period is {PERIOD_LABEL}.",
        f"#   help desk: +{hd_offset} months ({ym(hd_offset)}). Source month -> report month:",
        f"#     {hd_map}",
        f"#     The source window is the 6 consecutive months with the most {cust} tickets in which every",
        f"#     month has at least {MIN_TICKETS_PER_MONTH} tickets (ties: earliest); {sum(hd[m]['volume'] for m in report_months)} tickets.",
        f"#   CRM: +{crm_offset} months ({ym(crm_offset)}), so the last close month of the data ({mkey(last - crm_offset)}) is {mkey(last)}:",
        f"#     {crm_map}",
        "#",
        "# How each value was computed:",
        "#   tickets: one per Case ID; opened = first event; customer = customer of the first event;",
        "#     first response = first 'Take in charge ticket' (if none, first 'Resolve ticket'); resolved = last",
        "#     'Resolve ticket'; escalated = has a 'Create SW anomaly' or 'Require upgrade' step; reopened = a",
        "#     'Take in charge ticket' after the first 'Resolve ticket'. Hours are calendar hours (no time zone or",
        "#     business hours in the log). A ticket counts in the month it was opened (shifted).",
        "#   help-desk metrics per month: count of tickets; median first-response hours; median resolution days;",
        f"#     share of tickets answered within {FR_SLA_H} h (no response = missed); escalated and reopened counts.",
        "#     Count metrics are 0 in a month without tickets; medians and percentages leave such a month out.",
        "#     The metric definitions say 'first response', 'final resolution', 'passed to development' and",
        "#     'picked up again' for the log steps named in the tickets rule above.",
        f"#   targets (our choice; the log has no SLA): first response median target {FR_TARGET_H} h (one working day),",
        f"#     SLA {FR_SLA_H} h (one calendar day; 53.6% of all tickets in the log meet it); attainment target",
        f"#     {SLA_ATTAIN_TARGET}%; resolution median target {RES_TARGET_D} days (the log-wide median is 160 h = 6.7 days);",
        f"#     win-rate target {WIN_RATE_TARGET}% (the whole CRM data set wins 63.2% of closed deals).",
        "#   CRM metrics per month of close_date ('the month they closed'): won revenue = sum of Won",
        "#     close_value ('the value of deals won'); deals won = count;",
        "#     win rate = won / (won + lost), left out for a month with no closed deal.",
        f"#   arr = sum of Won close_value over the 12 report months {mkey(last - 11)} .. {mkey(last)} (source {arr_src[0]} .. {arr_src[1]},",
        f"#     i.e. the whole of the data, whose deals close 2017-03 .. 2017-12) = {money(arr)}.",
        f"#   renewal_date = last Won close_date ({last_won.isoformat()}) shifted +{crm_offset} months, plus 12 months = {renewal.isoformat()}.",
        "#   revenue_at_risk = deals Lost in the period, each valued at its products.csv sales_price (lost deals have",
        f"#     close_value 0; the pipeline's 'GTXPro' is products.csv 'GTX Pro') = {len(cq['lost'])} deals, {money(revenue_at_risk)}.",
        f"#   expansion_pipeline = all open 'Engaging' deals valued at sales_price = {len(engaging)} deals, {money(pipeline_value)}.",
        f"#     ('Prospecting' deals are not counted.)",
        f"#   health.score = round(0.5 * first-response-within-{FR_SLA_H}h share of the period's tickets",
        f"#     + 0.5 * period win rate) = round(0.5 * {hd_q['sla_attainment']:.1f} + 0.5 * {wr:.1f}) = {health};",
        f"#     health.previous = the same for {prev_label} = round(0.5 * {hd_pq['sla_attainment']:.1f} + 0.5 * {wrp:.1f}) = {health_prev}.",
        "#     health.values = the same formula over the three months ending with each month (so the last",
        "#     is health.score and the first health.previous).",
        f"#   renewal_probability = health score rounded to the nearest 5, limited to 5..95 = {renewal_probability}.",
        f"#   segment from employees (<1,000 SMB, 1,000-5,000 Mid-Market, >5,000 Enterprise); region from",
        f"#     office_location; sponsor.status = at-risk when health < 60, else active.",
        "#   risks: lost deals in the period (high if win rate < 50%, medium if < target or down >= 5 points,",
        "#     else low); September vs August service metrics that got worse and miss their target (first",
        "#     response: high above the SLA, else medium; attainment: high below 50%, else medium; resolution:",
        "#     high above twice the target, else medium); escalations or reopened tickets up on the month (low).",
        "#     Action due dates: high 2026-10-30, medium 2026-11-27, low 2026-12-18.",
        "#   opportunities: open Engaging deals (value at sales_price); each product series never bought and not",
        "#     in an open deal (value: that series' highest sales_price).",
        "#   highlights: computed from the same numbers (won revenue only if not below the previous quarter,",
        "#     'no escalation' only if none, otherwise the largest win).",
        "#   backlog = the customer's tickets opened before the end of the month and not finally resolved by then.",
        "#   incidents (service-review samples only): tickets opened in the period that were escalated to development",
        f"#     (P1; root cause from the escalation step) or resolved after more than {2 * RES_TARGET_D} days (P2), longest first,",
        f"#     six at most; opened/resolved times shifted like the months; sla_met = first response within {FR_SLA_H} h.",
        "#   Rounding: half up; 1 decimal for hours, days and percentages; whole dollars.",
        "",
    ]

    # ---- YAML body ---------------------------------------------------------------------
    y = lines
    y.append("readout: 1")
    y.append(f"template: {sample.get('template', 'business-review')}")
    y.append("account:")
    y.append(f"  name: {q(name)}")
    y.append(f"  id: {q(sample['id'])}")
    y.append(f"  segment: {q(segment)}")
    y.append(f"  region: {q(region)}")
    y.append("  team:")
    for k in ("owner", "csm", "support_lead"):
        y.append(f"    {k}: {q(team[k])}")
    sp = sample["sponsor"]
    y.append("  sponsor:")
    y.append(f"    name: {q(sp['name'])}")
    y.append(f"    title: {q(sp['title'])}")
    y.append(f"    status: {sponsor_status}")
    y.append(f"    last_contact: {sp['last_contact'].isoformat()}")
    y.append(f"period: {{ label: {q(PERIOD_LABEL)}, start: {PERIOD_START.isoformat()}, end: {PERIOD_END.isoformat()} }}")
    y.append(f"prepared: {{ by: {q(team['csm'])}, on: {PREPARED_ON.isoformat()}, confidentiality: {q(sample['confidentiality'])} }}")
    y.append("commercial:")
    y.append("  currency: USD")
    y.append(f"  arr: {arr}")
    y.append(f"  renewal_date: {renewal.isoformat()}")
    y.append(f"  renewal_probability: {renewal_probability}")
    y.append(f"  revenue_at_risk: {revenue_at_risk}")
    y.append(f"  expansion_pipeline: {pipeline_value}")
    hv = ", ".join(f"{mkey(m)}: {v}" for m, v in health_values.items())
    y.append(f"health: {{ score: {health}, previous: {health_prev}, values: {{ {hv} }} }}")
    y.append("metrics:")
    for mt in metrics:
        y.append(f"  - id: {mt['id']}")
        y.append(f"    label: {q(mt['label'])}")
        y.append(f"    group: {mt['group']}")
        y.append(f"    unit: {mt['unit']}")
        y.append(f"    better: {mt['better']}")
        for k in ("target", "sla"):
            if k in mt:
                y.append(f"    {k}: {fmt_num(mt[k])}")
        y.append(f"    source: {q(mt['source'])}")
        y.append(f"    owner: {q(mt['owner'])}")
        y.append(f"    definition: {q(mt['definition'])}")
        vals = ", ".join(f"{mkey(m)}: {fmt_num(v)}" for m, v in mt["values"].items())
        y.append(f"    values: {{ {vals} }}")

    def action_lines(a, indent):
        out = [f"{indent}action:", f"{indent}  what: {q(a['what'])}"]
        if a.get("owner"):
            out.append(f"{indent}  owner: {q(a['owner'])}")
        if a.get("due"):
            out.append(f"{indent}  due: {a['due'].isoformat()}")
        return out

    y.append("risks:")
    for r in risks:
        y.append(f"  - title: {q(r['title'])}")
        y.append(f"    severity: {r['severity']}")
        if "impact" in r:
            y.append(f"    impact: {r['impact']}")
        y.extend(action_lines(r["action"], "    "))
    if opps:
        y.append("opportunities:")
        for o in opps:
            y.append(f"  - title: {q(o['title'])}")
            y.append(f"    value: {o['value']}")
            y.extend(action_lines(o["action"], "    "))
    if sample.get("asks"):
        y.append("asks:")
        for ask, of in sample["asks"]:
            y.append(f"  - {{ ask: {q(ask)}, of: {q(of)} }}")
    y.append("highlights:")
    for h in highlights:
        y.append(f"  - {q(h)}")
    if sample.get("incidents"):
        y.append("incidents:")
        for inc in incidents:
            y.append(f"  - id: {q(inc['id'])}")
            y.append(f"    title: {q(inc['title'])}")
            y.append(f"    priority: {inc['priority']}")
            y.append(f"    opened: {inc['opened']}")
            if inc["resolved"]:
                y.append(f"    resolved: {inc['resolved']}")
            y.append(f"    sla_met: {'true' if inc['sla_met'] else 'false'}")
            y.append(f"    root_cause: {q(inc['root_cause'])}")
    y.append("next_steps:")
    y.append(f"  - what: {q('Walk ' + sp['name'] + ' through this ' + PERIOD_LABEL + ' review')}")
    y.append(f"    owner: {q(team['csm'])}")
    y.append("    due: 2026-10-16")
    y.append("")

    summary = {
        "file": sample["file"], "name": name, "helpdesk": cust, "crm": acc_name,
        "hd_offset": hd_offset, "crm_offset": crm_offset, "window": f"{mkey(hd_start)}..{mkey(hd_start + 5)}",
        "arr": arr, "renewal": renewal.isoformat(), "renewal_probability": renewal_probability,
        "revenue_at_risk": revenue_at_risk, "pipeline": pipeline_value,
        "health": health, "health_prev": health_prev, "metrics": metrics,
        "risks": [(r["severity"], r["title"]) for r in risks],
    }
    return "\n".join(y), summary


def main(argv: list[str]) -> int:
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"),
                    help="folder holding helpdesk-italian-software-company/ and maven-crm-sales-opportunities/ "
                         "(default: ../shared/data relative to the repository root)")
    ap.add_argument("--out", default=os.path.join(repo, "samples"),
                    help="output folder (default: samples/ in the repository root)")
    ap.add_argument("--quiet", action="store_true", help="do not print the summary table")
    args = ap.parse_args(argv)

    hd_path = os.path.join(args.data, "helpdesk-italian-software-company", "finale.csv")
    crm_dir = os.path.join(args.data, "maven-crm-sales-opportunities")
    tickets = load_tickets(hd_path)
    pipeline = read_csv(os.path.join(crm_dir, "sales_pipeline.csv"))
    accounts = {a["account"]: a for a in read_csv(os.path.join(crm_dir, "accounts.csv"))}
    products = {p["product"]: {"name": p["product"], "series": p["series"], "price": int(p["sales_price"])}
                for p in read_csv(os.path.join(crm_dir, "products.csv"))}

    os.makedirs(args.out, exist_ok=True)
    for sample in SAMPLES:
        text, s = build(sample, tickets, pipeline, accounts, products)
        path = os.path.join(args.out, sample["file"])
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
        if not args.quiet:
            print(f"{path}: {s['name']} = help desk {s['helpdesk']} (window {s['window']}, +{s['hd_offset']} months)"
                  f" + CRM {s['crm']} (+{s['crm_offset']} months)")
            print(f"  arr {s['arr']}  renewal {s['renewal']} ({s['renewal_probability']}%)  at risk {s['revenue_at_risk']}"
                  f"  pipeline {s['pipeline']}  health {s['health']} (prev {s['health_prev']})")
            months = [mkey(month_index(*LAST_MONTH) - N_MONTHS + 1 + k) for k in range(N_MONTHS)]
            print("  " + f"{'metric':28}" + "".join(f"{m:>10}" for m in months))
            for mt in s["metrics"]:
                vals = {mkey(k): v for k, v in mt["values"].items()}
                print("  " + f"{mt['id']:28}" + "".join(f"{fmt_num(vals[m]) if m in vals else '-':>10}" for m in months))
            for sev, title in s["risks"]:
                print(f"  risk {sev:6} {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
