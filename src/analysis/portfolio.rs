//! The portfolio page of a board pack: one row per account, sorted so the accounts that need
//! attention come first, with totals per currency computed from the unrounded values. Pure:
//! the pack module hands in each account with its readout and gets the page's data back.

use std::collections::BTreeMap;

use serde::Serialize;

use super::format;
use super::trend::{Assessment, Rag};
use super::{Readout, template_title};
use crate::model::{Account, Date, Month, Severity};

/// Renewals this many days away or fewer are flagged on the portfolio page.
pub const RENEWAL_SOON_DAYS: i64 = 90;
/// A top risk longer than this many characters is cut to its first clause.
const TOP_RISK_LENGTH: usize = 70;
/// A headline longer than this many characters is cut at a word on the cover, so that eight
/// accounts to read first still fit on it.
const HEADLINE_LENGTH: usize = 200;
/// How many months the renewals chart shows, from the pack's month.
pub const RENEWAL_MONTHS: u32 = 12;

/// One account of the portfolio, as the page prints it.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioRow {
    pub name: String,
    /// The report and its period: `Business Review · Q3 2026`, so two periods of one account
    /// are told apart.
    pub kind: String,
    pub rag: Rag,
    pub status_word: &'static str,
    pub health: Option<String>,
    /// `+4`, `−6`, or `None` without a previous score.
    pub health_change: Option<String>,
    pub health_assessment: Assessment,
    pub arr: Option<String>,
    pub renewal_date: Option<String>,
    /// `177 d`, `12 d ago`.
    pub renewal_in: Option<String>,
    /// Renews within [`RENEWAL_SOON_DAYS`] of the pack's date.
    pub renewal_soon: bool,
    /// The renewal date is before the pack's date.
    pub renewal_passed: bool,
    pub revenue_at_risk: Option<String>,
    /// The most severe risk, the one with the largest impact among equals; its first clause
    /// when long.
    pub top_risk: Option<String>,
    /// The account's headline, as its readout prints it; cut at a word when very long.
    pub headline: String,
    pub top_risk_severity: Option<Severity>,
}

/// The sums of one currency's accounts.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    pub currency: String,
    pub accounts: usize,
    pub arr: String,
    pub revenue_at_risk: String,
    /// Revenue at risk as a share of the ARR, `12%`; `None` without ARR.
    pub at_risk_share: Option<String>,
    /// ARR of the accounts renewing within [`RENEWAL_SOON_DAYS`], and how many they are.
    pub renewing_soon: String,
    pub renewing_soon_accounts: usize,
}

/// How many accounts have each status.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub red: usize,
    pub amber: usize,
    pub green: usize,
    pub none: usize,
}

/// The portfolio page's data.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Account indexes (into the slice given to [`portfolio`]) in the order of `rows`.
    pub order: Vec<usize>,
    pub rows: Vec<PortfolioRow>,
    pub totals: Vec<Total>,
    pub counts: Counts,
    /// One sentence a reader takes away: how many need attention, what they hold, what renews.
    pub summary: String,
}

/// One account with its readout, as the pack collected them.
pub struct Member<'a> {
    pub account: &'a Account,
    pub readout: &'a Readout,
}

/// Rank for sorting: red first, then amber, green, and unrated last.
fn rag_rank(rag: Rag) -> u8 {
    match rag {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
        Rag::None => 3,
    }
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::High => 0,
        Severity::Medium => 1,
        Severity::Low => 2,
    }
}

/// Days from `today` (the pack's date, the same for every account) to the account's renewal.
fn renewal_days(account: &Account, today: Date) -> Option<i64> {
    let renewal = account.commercial.as_ref()?.renewal_date?;
    Some(today.days_until(renewal))
}

/// Whether the account renews within [`RENEWAL_SOON_DAYS`] of `today` (not before it).
fn renews_soon(account: &Account, today: Date) -> bool {
    renewal_days(account, today).is_some_and(|d| (0..=RENEWAL_SOON_DAYS).contains(&d))
}

fn days_short(days: i64) -> String {
    match days {
        0 => "today".into(),
        d if d > 0 => format!("{d}\u{a0}d"),
        d => format!("{}\u{a0}d ago", -d),
    }
}

/// Whether the amounts of a column are written compact: all of them once one is, so that a
/// column never mixes `$341K` with `$35,658`.
#[derive(Debug, Clone, Copy)]
struct Columns {
    arr: bool,
    at_risk: bool,
}

impl Columns {
    fn of(members: &[Member<'_>]) -> Columns {
        let any = |amount: fn(&crate::model::Commercial) -> Option<f64>| {
            members.iter().any(|m| {
                m.account
                    .commercial
                    .as_ref()
                    .is_some_and(|c| amount(c).is_some_and(|a| format::is_compact(a, &c.currency)))
            })
        };
        Columns {
            arr: any(|c| Some(c.arr)),
            at_risk: any(|c| c.revenue_at_risk),
        }
    }
}

fn row(member: &Member<'_>, columns: Columns, today: Date) -> PortfolioRow {
    let account = member.account;
    let readout = member.readout;
    let commercial = account.commercial.as_ref();
    let currency = super::currency(account);
    let top = account.risks.iter().min_by(|a, b| {
        severity_rank(a.severity)
            .cmp(&severity_rank(b.severity))
            .then(b.impact.unwrap_or(0.0).total_cmp(&a.impact.unwrap_or(0.0)))
    });
    let days = renewal_days(account, today);
    PortfolioRow {
        name: account.account.name.clone(),
        kind: format!(
            "{} · {}",
            template_title(account.template),
            account.period.label
        ),
        rag: readout.status.rag,
        status_word: readout.status.word,
        health: readout.health.as_ref().map(|h| h.score.clone()),
        health_change: readout.health.as_ref().and_then(|h| h.change.clone()),
        health_assessment: readout
            .health
            .as_ref()
            .map_or(Assessment::NotAvailable, |h| h.assessment),
        arr: commercial.map(|c| format::money_in_column(c.arr, currency, columns.arr)),
        renewal_date: commercial.and_then(|c| c.renewal_date).map(Date::display),
        renewal_in: days.map(days_short),
        renewal_soon: renews_soon(account, today),
        renewal_passed: days.is_some_and(|d| d < 0),
        revenue_at_risk: commercial
            .and_then(|c| c.revenue_at_risk)
            .map(|r| format::money_in_column(r, currency, columns.at_risk)),
        top_risk: top.map(|r| super::first_clause(&r.title, TOP_RISK_LENGTH)),
        headline: super::shorten(&readout.headline, HEADLINE_LENGTH),
        top_risk_severity: top.map(|r| r.severity),
    }
}

/// The portfolio of `members`: rows sorted by status (red first), then revenue at risk as a
/// share of ARR (most first), then days to renewal (soonest first), then name; totals per currency in the order
/// currencies first appear in the sorted rows.
/// Days to renewal count from `today`, the pack's date.
pub fn portfolio(members: &[Member<'_>], today: Date) -> Portfolio {
    let at_risk = |m: &Member<'_>| {
        m.account
            .commercial
            .as_ref()
            .and_then(|c| c.revenue_at_risk)
            .unwrap_or(0.0)
    };
    // Revenue at risk as a share of the account's ARR: comparable across currencies, where
    // the amounts are not (¥1M at risk is not more than $500K).
    let at_risk_share = |m: &Member<'_>| match m.account.commercial.as_ref() {
        Some(c) if c.arr > 0.0 => c.revenue_at_risk.unwrap_or(0.0) / c.arr,
        _ => 0.0,
    };
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| {
        let (ma, mb) = (&members[a], &members[b]);
        rag_rank(ma.readout.status.rag)
            .cmp(&rag_rank(mb.readout.status.rag))
            .then(at_risk_share(mb).total_cmp(&at_risk_share(ma)))
            .then(at_risk(mb).total_cmp(&at_risk(ma)))
            .then(
                renewal_days(ma.account, today)
                    .unwrap_or(i64::MAX)
                    .cmp(&renewal_days(mb.account, today).unwrap_or(i64::MAX)),
            )
            .then(ma.account.account.name.cmp(&mb.account.account.name))
            .then(a.cmp(&b))
    });

    let mut counts = Counts::default();
    // Per currency, in first-seen order.
    struct Sum {
        currency: String,
        accounts: usize,
        arr: f64,
        at_risk: f64,
        soon: f64,
        soon_accounts: usize,
    }
    let mut sums: Vec<Sum> = Vec::new();
    for &i in &order {
        let m = &members[i];
        match m.readout.status.rag {
            Rag::Red => counts.red += 1,
            Rag::Amber => counts.amber += 1,
            Rag::Green => counts.green += 1,
            Rag::None => counts.none += 1,
        }
        if let Some(c) = &m.account.commercial {
            let code = c.currency.to_ascii_uppercase();
            let at = match sums.iter().position(|s| s.currency == code) {
                Some(at) => at,
                None => {
                    sums.push(Sum {
                        currency: code,
                        accounts: 0,
                        arr: 0.0,
                        at_risk: 0.0,
                        soon: 0.0,
                        soon_accounts: 0,
                    });
                    sums.len() - 1
                }
            };
            let s = &mut sums[at];
            s.accounts += 1;
            s.arr += c.arr;
            s.at_risk += c.revenue_at_risk.unwrap_or(0.0);
            if renews_soon(m.account, today) {
                s.soon += c.arr;
                s.soon_accounts += 1;
            }
        }
    }
    let totals = sums
        .iter()
        .map(|s| Total {
            currency: s.currency.clone(),
            accounts: s.accounts,
            arr: format::money(s.arr, &s.currency),
            revenue_at_risk: format::money(s.at_risk, &s.currency),
            at_risk_share: (s.arr > 0.0)
                .then(|| format!("{}%", format::fixed(s.at_risk / s.arr * 100.0, 0))),
            renewing_soon: format::money(s.soon, &s.currency),
            renewing_soon_accounts: s.soon_accounts,
        })
        .collect();
    let summary = summary(members, &order, counts, today);
    let columns = Columns::of(members);
    let rows = order
        .iter()
        .map(|&i| row(&members[i], columns, today))
        .collect();
    Portfolio {
        order,
        rows,
        totals,
        counts,
        summary,
    }
}

/// "1 of 12 accounts is at risk and 2 need attention, holding $2.4M of ARR. 4 renew in the
/// next 90 days." The words are the status words of the cover's tiles.
fn summary(members: &[Member<'_>], order: &[usize], counts: Counts, today: Date) -> String {
    let n = members.len();
    let accounts = |k: usize| if k == 1 { "account" } else { "accounts" };
    let attention = counts.red + counts.amber;
    let is = |k: usize| if k == 1 { "is" } else { "are" };
    let needs = |k: usize| if k == 1 { "needs" } else { "need" };
    let mut text = if n == 0 {
        return "No account could be included.".into();
    } else if attention == 0 {
        match (counts.green, counts.none) {
            (0, _) => format!("None of the {n} {} could be rated.", accounts(n)),
            (_, 0) if n == 1 => "The account is on track.".into(),
            (_, 0) => format!("All {n} accounts are on track."),
            (green, none) => format!(
                "No account is at risk or needs attention ({green} on track, {none} not rated)."
            ),
        }
    } else {
        let mut s = match (counts.red, counts.amber) {
            (1, 0) if n == 1 => "The account is at risk".to_owned(),
            (0, 1) if n == 1 => "The account needs attention".to_owned(),
            (red, 0) => format!("{red} of {n} {} {} at risk", accounts(n), is(red)),
            (0, amber) => format!("{amber} of {n} {} {} attention", accounts(n), needs(amber)),
            (red, amber) => format!(
                "{red} of {n} {} {} at risk and {amber} {} attention",
                accounts(n),
                is(red),
                needs(amber)
            ),
        };
        // What they hold, when they all count in one currency.
        let flagged: Vec<&Member<'_>> = order
            .iter()
            .map(|&i| &members[i])
            .filter(|m| matches!(m.readout.status.rag, Rag::Red | Rag::Amber))
            .collect();
        let currencies: Vec<&str> = flagged
            .iter()
            .filter_map(|m| m.account.commercial.as_ref())
            .map(|c| c.currency.as_str())
            .collect();
        if let Some(first) = currencies.first()
            && currencies.iter().all(|c| c.eq_ignore_ascii_case(first))
        {
            let arr: f64 = flagged
                .iter()
                .filter_map(|m| m.account.commercial.as_ref())
                .map(|c| c.arr)
                .sum();
            s.push_str(&format!(", holding {} of ARR", format::money(arr, first)));
        }
        s.push('.');
        s
    };
    let soon = members
        .iter()
        .filter(|m| renews_soon(m.account, today))
        .count();
    if soon > 0 {
        let verb = if soon == 1 { "renews" } else { "renew" };
        text.push_str(&format!(
            " {soon} {verb} in the next {RENEWAL_SOON_DAYS} days."
        ));
    }
    text
}

/// ARR renewing in each of the [`RENEWAL_MONTHS`] months from `from`, by status, in the
/// currency most accounts use; for the portfolio chart. Accounts in other currencies are
/// counted in `left_out`.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewals {
    pub currency: String,
    pub months: Vec<Month>,
    /// Per month: ARR of red, amber, green and unrated accounts.
    pub by_status: Vec<[f64; 4]>,
    pub left_out: usize,
}

pub fn renewals(members: &[Member<'_>], from: Month) -> Option<Renewals> {
    let mut uses: BTreeMap<String, usize> = BTreeMap::new();
    for c in members.iter().filter_map(|m| m.account.commercial.as_ref()) {
        *uses.entry(c.currency.to_ascii_uppercase()).or_default() += 1;
    }
    // The most used currency; the first in alphabetical order among equals.
    let currency = uses
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?
        .0
        .clone();
    let months: Vec<Month> = (0..RENEWAL_MONTHS).map(|k| from.forward(k)).collect();
    let mut by_status = vec![[0.0; 4]; months.len()];
    let mut left_out = 0;
    let mut any = false;
    for m in members {
        let Some(c) = &m.account.commercial else {
            continue;
        };
        let Some(date) = c.renewal_date else { continue };
        if !c.currency.eq_ignore_ascii_case(&currency) {
            left_out += 1;
            continue;
        }
        if let Some(k) = months.iter().position(|month| *month == date.month()) {
            by_status[k][usize::from(rag_rank(m.readout.status.rag))] += c.arr;
            any = true;
        }
    }
    any.then_some(Renewals {
        currency,
        months,
        by_status,
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;

    /// An account with the given health, ARR, revenue at risk, renewal and risks (YAML lines).
    fn account(
        name: &str,
        health: u32,
        arr: u64,
        at_risk: u64,
        renewal: &str,
        risks: &str,
    ) -> Account {
        let text = format!(
            "readout: 1\naccount: {{ name: \"{name}\" }}\n\
             period: {{ label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }}\n\
             prepared: {{ by: Lee, on: 2026-10-05 }}\n\
             commercial: {{ currency: USD, arr: {arr}, revenue_at_risk: {at_risk}, renewal_date: {renewal} }}\n\
             health: {{ score: {health}, previous: 70 }}\n{risks}"
        );
        crate::model::parse("test.yaml", &text)
            .unwrap_or_else(|e| panic!("{e:?}"))
            .0
    }

    /// Each account with its readout.
    fn members<'a>(accounts: &'a [Account], readouts: &'a [Readout]) -> Vec<Member<'a>> {
        accounts
            .iter()
            .zip(readouts)
            .map(|(account, readout)| Member { account, readout })
            .collect()
    }

    const HIGH: &str = "risks:\n  - { title: Sponsor left, severity: high, impact: 100000, action: { what: Map, owner: Dana, due: 2026-10-20 } }\n  - { title: Minor gap, severity: low }\n";

    #[test]
    fn rows_are_sorted_by_status_then_revenue_at_risk_and_totals_use_unrounded_values() {
        let accounts = [
            account("Green Co", 90, 1_236_000, 0, "2027-06-30", ""),
            account("Amber Small", 60, 200_000, 10_000, "2026-11-30", ""),
            account("Red Co", 40, 1_236_000, 200_000, "2027-01-31", HIGH),
            account("Amber Big", 65, 300_000, 90_000, "2026-12-15", ""),
        ];
        let readouts: Vec<Readout> = accounts.iter().map(analyse).collect();
        let members = members(&accounts, &readouts);
        let p = portfolio(&members, Date::new(2026, 10, 5).unwrap());
        let names: Vec<&str> = p.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Red Co", "Amber Big", "Amber Small", "Green Co"]);
        assert_eq!(p.order, [2, 3, 1, 0]);
        let red = &p.rows[0];
        assert_eq!(red.status_word, "At risk");
        assert_eq!(red.health.as_deref(), Some("40"));
        assert_eq!(red.health_change.as_deref(), Some("−30"));
        assert_eq!(red.renewal_in.as_deref(), Some("118\u{a0}d"));
        assert!(!red.renewal_soon);
        assert_eq!(red.top_risk.as_deref(), Some("Sponsor left"));
        assert_eq!(red.top_risk_severity, Some(Severity::High));
        assert!(p.rows[1].renewal_soon && p.rows[2].renewal_soon);
        // A column of amounts is compact throughout once one amount is.
        let at_risk: Vec<&str> = p
            .rows
            .iter()
            .map(|r| r.revenue_at_risk.as_deref().unwrap())
            .collect();
        assert_eq!(at_risk, ["$200K", "$90K", "$10K", "$0"]);
        assert_eq!(p.rows[0].arr.as_deref(), Some("$1.24M"));
        // 1,236,000 × 2 + 300,000 + 200,000 = $2.97M, from the unrounded values (the shown
        // parts, $1.24M × 2 + $300K + $200K, would make $2.98M).
        assert_eq!(p.totals.len(), 1);
        assert_eq!(p.totals[0].arr, "$2.97M");
        assert_eq!(p.totals[0].revenue_at_risk, "$300K");
        assert_eq!(p.totals[0].at_risk_share.as_deref(), Some("10%"));
        // Amber Small and Amber Big renew within 90 days of 5 Oct 2026.
        assert_eq!(p.totals[0].renewing_soon, "$500K");
        assert_eq!(p.totals[0].renewing_soon_accounts, 2);
        assert_eq!((p.counts.red, p.counts.amber, p.counts.green), (1, 2, 1));
        assert_eq!(
            p.summary,
            "1 of 4 accounts is at risk and 2 need attention, holding $1.74M of ARR. \
             2 renew in the next 90 days."
        );

        // Days to renewal count from the pack's date, the same for every row: on 1 Dec 2026,
        // Red Co renews in 61 days and Amber Small's renewal was yesterday.
        let later = portfolio(&members, Date::new(2026, 12, 1).unwrap());
        assert_eq!(later.rows[0].renewal_in.as_deref(), Some("61\u{a0}d"));
        assert!(later.rows[0].renewal_soon);
        assert_eq!(later.rows[2].renewal_in.as_deref(), Some("1\u{a0}d ago"));
        assert!(!later.rows[2].renewal_soon);
        assert_eq!(later.totals[0].renewing_soon, "$1.54M");
    }

    #[test]
    fn the_summary_uses_the_status_words_and_counts() {
        let summary_of = |accounts: &[Account]| {
            let readouts: Vec<Readout> = accounts.iter().map(analyse).collect();
            let members = members(accounts, &readouts);
            portfolio(&members, Date::new(2026, 10, 5).unwrap()).summary
        };
        let green = || account("Green Co", 90, 100_000, 0, "2027-06-30", "");
        let red = || account("Red Co", 40, 100_000, 50_000, "2027-06-30", HIGH);
        let amber = || account("Amber Co", 60, 100_000, 0, "2027-06-30", "");
        assert_eq!(summary_of(&[green()]), "The account is on track.");
        assert_eq!(
            summary_of(&[green(), green()]),
            "All 2 accounts are on track."
        );
        assert_eq!(
            summary_of(&[red()]),
            "The account is at risk, holding $100K of ARR."
        );
        assert_eq!(
            summary_of(&[amber(), amber(), green()]),
            "2 of 3 accounts need attention, holding $200K of ARR."
        );
        assert_eq!(
            summary_of(&[red(), amber(), amber()]),
            "1 of 3 accounts is at risk and 2 need attention, holding $300K of ARR."
        );
    }

    #[test]
    fn renewals_fall_in_their_month_by_status() {
        let accounts = [
            account("Red Co", 40, 500_000, 0, "2026-11-03", HIGH),
            account("Green Co", 90, 250_000, 0, "2026-11-30", ""),
            account("Later", 90, 100_000, 0, "2028-01-31", ""),
        ];
        let readouts: Vec<Readout> = accounts.iter().map(analyse).collect();
        let members = members(&accounts, &readouts);
        let r = renewals(&members, Month::new(2026, 10).unwrap()).unwrap();
        assert_eq!(r.months.len(), 12);
        assert_eq!(r.months[11], Month::new(2027, 9).unwrap());
        assert_eq!(r.by_status[1], [500_000.0, 0.0, 250_000.0, 0.0]);
        assert_eq!(r.by_status.iter().flatten().sum::<f64>(), 750_000.0);
        assert_eq!(r.left_out, 0);
    }
}
