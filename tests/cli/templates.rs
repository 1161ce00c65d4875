//! The three templates: each lays out its sections and prints the numbers the account file
//! implies; `--template` overrides the file; long names and ids stay inside the page; every
//! script a customer may write in gets a glyph.

use std::path::Path;

use readout::model::Template;
use typst::layout::{Abs, Frame, FrameItem, Point};

use crate::support::{readout, sample, stderr};

/// The laid-out document of `path` with `template`, and its pages' text, whitespace collapsed.
fn layout_as(path: &Path, template: Template) -> (typst_layout::PagedDocument, Vec<String>) {
    let (mut loaded, _) = readout::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    loaded.account.template = template;
    let report = readout::layout(&loaded).unwrap_or_else(|e| panic!("{e}"));
    let texts = readout::render::page_texts(&report.document)
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    (report.document, texts)
}

fn assert_all(all: &str, wanted: &[&str], what: &str) {
    for w in wanted {
        assert!(all.contains(w), "{what}: missing {w:?} in\n{all}");
    }
}

#[test]
fn the_service_review_has_its_sections_and_numbers() {
    let (_, pages) = layout_as(&sample("halvorsen-maritime.yaml"), Template::ServiceReview);
    assert!(pages.len() <= 4, "{} pages", pages.len());
    assert!(
        pages[0].starts_with("SERVICE REVIEW · Q3 2026 Halvorsen Maritime"),
        "{}",
        pages[0]
    );
    let all = pages.join("\n");
    assert_all(
        &all,
        &[
            "The one-minute summary",
            "What changed",
            "Service against SLA",
            "Priority incidents and root causes",
            "Risks",
            "Improvement plan",
            "Metric definitions",
            // Status in words, the SLA line counted from the file's targets.
            "At risk",
            "0 of 3 service measures on target or within SLA · 3 off target: First response time (median), First response within 24 h, Resolution time (median)",
            // August 19.5 h → September 145.2 h: +125.7 h, said as a rise, not a ratio.
            "First response time (median) rose from 19.5 h in August to 145.2 h and is now above the target of 8.0 h",
            // Backlog, a count: 1 → 1.
            "Open tickets at month end 1 1",
            "3 incidents: 3 P2 · SLA missed on 2",
            "HD-973",
            "Not recorded in the ticket log",
        ],
        "service review",
    );
    // The service review's headline leaves the renewal to the business review.
    assert!(!pages[0].contains("renewal 2"), "{}", pages[0]);
}

#[test]
fn the_account_readout_has_its_sections_and_numbers_on_two_pages() {
    let (_, pages) = layout_as(&sample("corvane-retail.yaml"), Template::AccountManagement);
    assert!(pages.len() <= 2, "{} pages", pages.len());
    assert!(
        pages[0].starts_with("ACCOUNT READOUT · Q3 2026 Corvane Retail Group"),
        "{}",
        pages[0]
    );
    let all = pages.join("\n");
    assert_all(
        &all,
        &[
            "The one-minute summary",
            "What changed since the last readout",
            "Decisions needed",
            "Renewal and pipeline",
            "Open risks",
            "Key measures",
            "Next steps",
            "Needs attention",
            "ARR $195K USD",
            "HEALTH SCORE 63",
            // $6,704 in August → $30,286 in September: +$23,582, more than doubled.
            "Won revenue rose from $6,704 in August to $30,286.",
            "Prepared by Ines Carvalho · 5 Oct 2026",
        ],
        "account readout",
    );
    // A readout has no chart cards: its trends are the sparklines of the measures table.
    assert!(!all.contains("vs Jun 2026"), "{all}");
}

#[test]
fn every_sample_lays_out_with_every_template_with_its_footer() {
    let samples = std::fs::read_dir(crate::support::repo().join("samples")).unwrap();
    let mut checked = 0;
    for entry in samples {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        for template in Template::ALL {
            let (_, pages) = layout_as(&path, template);
            let count = pages.len();
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    page.contains(&format!("Page {} of {count}", i + 1)),
                    "{} as {}: page {}",
                    path.display(),
                    template.name(),
                    i + 1
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} renders");
}

#[test]
fn the_cli_lists_the_templates_and_overrides_the_files_choice() {
    let dir = tempfile::tempdir().unwrap();
    let out = readout(dir.path(), &["templates"]);
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    let names: Vec<&str> = list
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["business-review", "service-review", "account-management"]
    );
    assert!(
        list.contains("support performance against the SLA"),
        "{list}"
    );

    let input = sample("northwind-logistics.yaml");
    let out = readout(
        dir.path(),
        &[
            "render",
            input.to_str().unwrap(),
            "--template",
            "account-management",
            "-o",
            "nw.pdf",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("nw.pdf")).unwrap();
    let meta = crate::support::xmp(&pdf);
    assert_eq!(
        crate::support::xmp_field(&meta, "dc:title"),
        "Northwind Logistics — Account Readout Q3 2026"
    );

    let out = readout(
        dir.path(),
        &["render", input.to_str().unwrap(), "--template", "qbr"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no template \"qbr\"; available: business-review, service-review, account-management"),
        "{}",
        stderr(&out)
    );
}

/// Every text run and image of `frame`, as (left, right) in page coordinates.
fn extents(frame: &Frame, origin: Point, out: &mut Vec<(Abs, Abs, String)>) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let shift = Point::new(group.transform.tx, group.transform.ty);
                extents(&group.frame, at + shift, out);
            }
            FrameItem::Text(text) => out.push((at.x, at.x + text.width(), text.text.to_string())),
            FrameItem::Image(_, size, _) => out.push((at.x, at.x + size.x, "<image>".into())),
            _ => {}
        }
    }
}

#[test]
fn long_names_titles_and_ids_stay_inside_the_margins() {
    let name = "Vandenberghe-Kowalczyk Intercontinental Refrigerated Freight Holdings Worldwide.";
    assert_eq!(name.chars().count(), 80);
    let risk = "The regional distribution partner has announced a consolidation of its cold-chain \
                warehouses, moving three of our customer's sites onto a platform we do not support";
    assert!(risk.chars().count() >= 150);
    let id = "ACCT-7F3A9C2E5B1D4F6A8C0E2B4D6F8A0C2E4B6D8F0A2C4E6B8D0F2A4C6";
    assert_eq!(id.chars().count(), 60);
    let yaml = format!(
        "readout: 1\n\
         account: {{ name: \"{name}\", id: \"{id}\", segment: Enterprise, region: EMEA,\n  team: {{ owner: Dana Ruiz, csm: Lee Park, support_lead: Sam Ortiz }} }}\n\
         period: {{ label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }}\n\
         prepared: {{ by: Lee Park, on: 2026-10-05 }}\n\
         commercial: {{ currency: USD, arr: 1250000, renewal_date: 2027-03-31, revenue_at_risk: 400000 }}\n\
         health: {{ score: 61, previous: 70 }}\n\
         metrics:\n\
         \x20 - {{ id: m1, label: \"{id}\", group: service, unit: hours, better: lower, sla: 4, source: \"{id}\", owner: Ops,\n\
         \x20     values: {{ 2026-07: 5.1, 2026-08: 4.9, 2026-09: 4.0 }} }}\n\
         risks:\n\
         \x20 - {{ title: \"{risk}\", severity: high, impact: 400000,\n\
         \x20     action: {{ what: \"Confirm the plan for {id}\", owner: Dana Ruiz, due: 2026-10-20 }} }}\n\
         incidents:\n\
         \x20 - {{ id: \"{id}\", title: \"{risk}\", priority: P1, opened: 2026-08-03T09:12, resolved: 2026-08-03T15:40, sla_met: false, root_cause: \"{id}\" }}\n\
         asks: [ {{ ask: \"Approve {id}\", of: \"{name}\" }} ]\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, yaml).unwrap();
    for template in Template::ALL {
        let (document, pages) = layout_as(&path, template);
        // The name is printed whole (perhaps over two lines) on the first page.
        let first = pages[0].replace('\u{200B}', "");
        assert!(
            name.split(' ').all(|w| first.contains(w)),
            "{}: {first}",
            template.name()
        );
        for (n, page) in document.pages().iter().enumerate() {
            let width = page.frame.width();
            // The page's side margins are 18 mm; a hair of tolerance for rounding.
            let margin = Abs::mm(18.0) - Abs::pt(0.5);
            let mut items = Vec::new();
            extents(&page.frame, Point::zero(), &mut items);
            assert!(!items.is_empty());
            for (left, right, text) in items {
                assert!(
                    left >= margin && right <= width - margin,
                    "{} page {}: {text:?} runs from {left:?} to {right:?}, outside {margin:?}..{:?}",
                    template.name(),
                    n + 1,
                    width - margin
                );
            }
        }
    }
}

#[test]
fn every_script_a_customer_may_use_has_a_glyph() {
    let names = [
        ("accented Latin", "Société Générale Ålborg Øresund Łódź"),
        ("Greek", "Ελληνικά Ναυτιλιακά"),
        ("Cyrillic", "Северсталь Логистика"),
        ("Chinese", "华东物流集团"),
        ("Japanese", "東京ロジスティクス株式会社"),
        ("Korean", "서울물류 주식회사"),
        ("Arabic", "شركة الخليج للنقل 2026"),
        ("Hebrew", "חברת הובלה 42"),
    ];
    let highlights: Vec<String> = names.iter().map(|(_, n)| format!("  - \"{n}\"")).collect();
    let yaml = format!(
        "readout: 1\naccount: {{ name: \"{}\" }}\nperiod: {{ label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }}\nhighlights:\n{}\n",
        names[5].1,
        highlights.join("\n")
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scripts.yaml"), yaml).unwrap();
    let out = readout(dir.path(), &["render", "scripts.yaml", "-o", "scripts.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("no embedded font"),
        "{}",
        stderr(&out)
    );
    let (_, pages) = layout_as(&dir.path().join("scripts.yaml"), Template::BusinessReview);
    let all = pages.join("\n");
    for (script, text) in names {
        // Right-to-left text keeps its logical order, digits included.
        for word in text.split(' ') {
            assert!(all.contains(word), "{script}: {word} missing from {all}");
        }
    }
}

#[test]
fn the_business_review_charts_health_over_time_and_checks_its_months() {
    let (_, pages) = layout_as(
        &sample("northwind-logistics.yaml"),
        Template::BusinessReview,
    );
    let all = pages.join("\n");
    // The health card: score 72 in September, 78 at the last report (June in `values`).
    assert_all(
        &all,
        &[
            "Health score −6 Now 72, from 78 at the last report.",
            "Adoption and success",
        ],
        "business review",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("h.yaml"),
        "readout: 1\naccount: { name: A }\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\nhealth: { score: 50, values: { 2026-08: 40, 2026-10: 120 } }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["validate", "h.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("h.yaml:4:45: health.values.2026-10: must be between 0 and 100, found 120"),
        "{err}"
    );
    assert!(
        err.contains(
            "h.yaml:4:45: health.values.2026-10: Oct 2026 is after the period ends (30 Sep 2026)"
        ),
        "{err}"
    );
}

#[test]
fn a_generated_headline_quotes_whole_clauses_with_one_level_of_brackets() {
    let (_, pages) = layout_as(&sample("brisbeck-health.yaml"), Template::BusinessReview);
    // The top risk's title up to its bracket, never cut mid-phrase with an ellipsis.
    assert!(
        pages[0].contains("top risk: 16 of 26 deals closed in Q3 2026 were lost."),
        "{}",
        pages[0]
    );
    let (_, pages) = layout_as(&sample("corvane-retail.yaml"), Template::BusinessReview);
    assert!(!pages[0].contains("…"), "{}", pages[0]);
}

#[test]
fn a_long_table_repeats_its_header_on_every_page_and_no_heading_ends_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut risks = String::from("risks:\n");
    for k in 1..=45 {
        risks.push_str(&format!(
            "  - title: \"Risk number {k:02} raised in the quarterly review with the customer\"\n    \
             severity: medium\n    impact: {}\n    action: {{ what: \"Answer risk {k:02}\", owner: \"Lee Park\", due: 2026-11-13 }}\n",
            1000 * k
        ));
    }
    let text = std::fs::read_to_string(sample("northwind-logistics.yaml"))
        .unwrap()
        .replacen("risks:\n", &risks, 1);
    std::fs::write(dir.path().join("many.yaml"), text).unwrap();
    std::fs::copy(sample("northwind.png"), dir.path().join("northwind.png")).unwrap();
    for template in Template::ALL {
        let (_, pages) = layout_as(&dir.path().join("many.yaml"), template);
        // The risk table and the table of next steps each run over pages, and each page of
        // them starts with its header.
        for (row, header) in [
            ("MEDIUM Risk number", "SEVERITY RISK"),
            ("Lee Park Risk: Risk number", "DUE ACTION OWNER"),
        ] {
            let with_rows: Vec<&String> = pages.iter().filter(|p| p.contains(row)).collect();
            assert!(with_rows.len() >= 2, "{template:?}: {row:?} fits one page?");
            for page in &with_rows {
                let first_row = page.find(row).unwrap();
                assert!(
                    page[..first_row].contains(header),
                    "{template:?}: a page of {row:?} has no {header:?} above its rows:\n{page}"
                );
            }
        }
        // Every risk is there.
        let all = pages.join(" ");
        for k in 1..=45 {
            let title = format!("MEDIUM Risk number {k:02} raised");
            assert!(all.contains(&title), "{template:?}: {title} missing");
        }
        // No page ends with a section heading: a heading always has its content after it.
        for (n, page) in pages.iter().enumerate() {
            let body = page
                .rsplit_once("CONFIDENTIAL")
                .map_or(page.as_str(), |(body, _)| body);
            for heading in [
                "Risks",
                "Next steps",
                "Metric definitions",
                "Open risks",
                "Improvement plan",
            ] {
                assert!(
                    !body.trim_end().ends_with(heading),
                    "{template:?}: page {} ends with the heading {heading:?}",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn a_long_confidentiality_notice_is_printed_in_full_on_every_page() {
    let notice =
        "Strictly confidential — prepared for the Northwind board, not for onward distribution";
    let (mut loaded, _) = readout::load(&sample("northwind-logistics.yaml")).unwrap();
    loaded.account.prepared.as_mut().unwrap().confidentiality = Some(notice.to_owned());
    for template in Template::ALL {
        loaded.account.template = template;
        let report = readout::layout(&loaded).unwrap();
        let pages = readout::render::page_texts(&report.document);
        for (n, page) in pages.iter().enumerate() {
            let page = page.split_whitespace().collect::<Vec<_>>().join(" ");
            // Too long for the centre of the footer: as written, across the page, in full.
            assert!(
                page.contains(notice),
                "{template:?} page {}: the notice is cut:\n{page}",
                n + 1
            );
        }
    }
    // A short one is set in capitals in the centre; one over 160 characters is refused.
    loaded.account.prepared.as_mut().unwrap().confidentiality = Some("Acme only".into());
    let report = readout::layout(&loaded).unwrap();
    assert!(readout::render::page_texts(&report.document)[0].contains("ACME ONLY"));
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(161);
    let text = std::fs::read_to_string(sample("northwind-logistics.yaml"))
        .unwrap()
        .replace(
            "confidentiality: \"Confidential\"",
            &format!("confidentiality: \"{long}\""),
        );
    std::fs::write(dir.path().join("long.yaml"), text).unwrap();
    std::fs::copy(sample("northwind.png"), dir.path().join("northwind.png")).unwrap();
    let out = crate::support::readout(dir.path(), &["render", "long.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("prepared.confidentiality: the confidentiality notice is 161 characters; the page footer prints at most 160"),
        "{err}"
    );
}
