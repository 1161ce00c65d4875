//! Every bundled sample renders, and its report says what the account file says: the name,
//! the ARR as formatted, the renewal date, the health score and a month-over-month change
//! worked out by hand from the sample's values.

use crate::support::{page_texts, readout, sample, stderr, xmp, xmp_field};

struct Expected {
    file: &'static str,
    name: &'static str,
    arr: &'static str,
    renewal: &'static str,
    health: &'static str,
    /// A metric's label and its change from August to September, computed by hand.
    change: (&'static str, &'static str),
}

const SAMPLES: [Expected; 3] = [
    Expected {
        file: "northwind-logistics.yaml",
        name: "Northwind Logistics",
        arr: "$1.25M",
        renewal: "31 Mar 2027",
        health: "72",
        // First response time (P1): 4.9 h → 4.0 h = −18.4%.
        change: ("First response time (P1)", "−18%"),
    },
    Expected {
        file: "tarnwick-freight-systems.yaml",
        name: "Tarnwick Freight Systems",
        // 170,046 to three significant figures.
        arr: "$170K",
        renewal: "26 Sep 2027",
        health: "78",
        // Win rate: 71.4% → 87.5% = +16.1 points.
        change: ("Win rate", "+16.1 pts"),
    },
    Expected {
        file: "brisbeck-health.yaml",
        name: "Brisbeck Health",
        arr: "$165K",
        renewal: "30 Sep 2027",
        health: "52",
        // Won revenue: $6,382 → $8,834 = +$2,452, +38.4%.
        change: ("Won revenue", "+$2,452 (+38%)"),
    },
];

#[test]
fn every_sample_report_states_its_key_figures() {
    for e in &SAMPLES {
        let pages = page_texts(&sample(e.file));
        let first = &pages[0];
        let all = pages.join("\n");
        assert!(
            first.starts_with(&format!("BUSINESS REVIEW · Q3 2026 {}", e.name)),
            "{}: {first}",
            e.file
        );
        assert!(
            first.contains(&format!("ARR {} USD", e.arr)),
            "{}: ARR not {} in {first}",
            e.file,
            e.arr
        );
        assert!(
            first.contains(&format!("RENEWAL {}", e.renewal)),
            "{}: {first}",
            e.file
        );
        assert!(
            first.contains(&format!("HEALTH SCORE {}", e.health)),
            "{}: {first}",
            e.file
        );
        let (label, change) = e.change;
        // The metric's chart card: its label, then the arrowed change.
        assert!(
            all.contains(&format!("{label} ↑ {change}"))
                || all.contains(&format!("{label} ↓ {change}")),
            "{}: no change {change} next to {label} in {all}",
            e.file
        );
        // Every page has the footer with the account's name and its page number.
        let count = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {count}", i + 1)),
                "{}: page {}",
                e.file,
                i + 1
            );
            assert!(
                page.contains(e.name),
                "{}: page {} lacks the name",
                e.file,
                i + 1
            );
        }
    }
}

#[test]
fn the_full_sample_has_every_business_review_section() {
    let all = page_texts(&sample("northwind-logistics.yaml")).join("\n");
    for section in [
        "The one-minute summary",
        "What changed",
        "Decisions needed",
        "Value delivered",
        "Commercial",
        "Adoption and success",
        "Service",
        "Risks and opportunities",
        "Next steps",
        "Metric definitions",
    ] {
        assert!(all.contains(section), "missing section {section}");
    }
    // The status is a word, not only a colour, and the generated sentence is exact.
    assert!(all.contains("Needs attention"));
    assert!(all.contains(
        "First response time (P1) improved 18% from August to 4.0 h and is now within the target of 4.0 h."
    ));
    assert!(all.contains("Revenue at risk $400K (32% of ARR)"));
    // Incidents, most severe first, with their time to resolve and SLA outcome.
    assert!(
        all.contains("P1 Label printing outage INC-1042 3 Aug 2026 09:12 6 h 28 min Missed Certificate expiry"),
        "{all}"
    );
    assert!(
        all.contains("P3 Duplicate shipment notifications INC-1071 24 Sep 2026 11:30 Still open")
    );
    assert!(
        all.contains("5 incidents: 2 P1, 1 P2, 1 P3, 1 P4 · 1 still open · SLA missed on 1"),
        "{all}"
    );
}

#[test]
fn a_section_without_data_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bare.yaml");
    std::fs::write(
        &path,
        "readout: 1\naccount: { name: Bare Co }\nperiod: { label: Q3 2026, start: 2026-07-01, end: 2026-09-30 }\n",
    )
    .unwrap();
    let pages = page_texts(&path);
    assert_eq!(pages.len(), 1);
    for absent in [
        "Commercial",
        "Value delivered",
        "Risks",
        "Next steps",
        "What changed",
        "Metric definitions",
    ] {
        assert!(
            !pages[0].contains(absent),
            "{absent} printed without data: {}",
            pages[0]
        );
    }
    // Nothing to rate: no colour it has not earned.
    assert!(pages[0].contains("Not rated"), "{}", pages[0]);
    assert!(!pages[0].contains("On track"), "{}", pages[0]);
    assert!(pages[0].contains(
        "Bare Co, Q3 2026: no health score, renewal outlook, risks, incidents or metric measured against a target was reported, so there is no status to give."
    ));
}

#[test]
fn the_cli_writes_a_pdf_with_metadata_and_the_same_bytes_twice() {
    let dir = tempfile::tempdir().unwrap();
    let input = sample("northwind-logistics.yaml");
    let input = input.to_str().unwrap();
    // The second run is in another time zone and locale, and claims another build date: the
    // document's date comes from the account, never the clock or the environment.
    for (name, env) in [
        ("a.pdf", vec![("TZ", "UTC")]),
        (
            "b.pdf",
            vec![
                ("TZ", "Pacific/Kiritimati"),
                ("LC_ALL", "de_DE.UTF-8"),
                ("LANG", "ja_JP.UTF-8"),
                ("SOURCE_DATE_EPOCH", "0"),
            ],
        ),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
            .args(["render", input, "-o", name])
            .envs(env)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("wrote {name} (5 pages")),
            "{}",
            stderr(&out)
        );
    }
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "two renders of the same input differ");
    let meta = xmp(&a);
    assert_eq!(
        xmp_field(&meta, "dc:title"),
        "Northwind Logistics — Business Review Q3 2026"
    );
    assert_eq!(xmp_field(&meta, "dc:creator"), "Lee Park");
    assert_eq!(
        xmp_field(&meta, "dc:description"),
        "Business Review for Northwind Logistics, Q3 2026"
    );
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn the_default_output_is_named_after_the_account_file_and_sits_next_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let accounts = dir.path().join("accounts");
    std::fs::create_dir_all(&accounts).unwrap();
    std::fs::copy(
        sample("brisbeck-health.yaml"),
        accounts.join("brisbeck.q3.yaml"),
    )
    .unwrap();
    let out = readout(dir.path(), &["render", "accounts/brisbeck.q3.yaml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("wrote accounts/brisbeck.q3.pdf ("));
    assert!(accounts.join("brisbeck.q3.pdf").is_file());
    assert!(!dir.path().join("brisbeck.q3.pdf").exists());
}

#[test]
fn every_file_in_samples_renders_without_render_warnings() {
    let mut seen = 0;
    for entry in std::fs::read_dir(crate::support::repo().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        seen += 1;
        let (loaded, _) =
            readout::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let pdf =
            readout::render_pdf(&loaded).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            pdf.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            pdf.warnings
        );
        assert!(
            (1..=6).contains(&pdf.pages),
            "{}: {} pages",
            path.display(),
            pdf.pages
        );
    }
    assert!(seen >= 4, "only {seen} samples found");
}

#[test]
fn the_design_example_is_the_version_1_contract_and_renders() {
    let path = crate::support::repo().join("tests/fixtures/design-example.yaml");
    let pages = page_texts(&path);
    let all = pages.join("\n");
    assert_eq!(pages.len(), 2, "{all}");
    for expected in [
        "Northwind Logistics",
        "ARR $1.25M USD",
        "RENEWAL 31 Mar 2027 in 177 days · 80% likely",
        "HEALTH SCORE 72 −6 from 78",
        "REVENUE AT RISK $400K 32% of ARR",
        "Adoption is growing but the sponsor left; renewal needs a new executive map.",
        "First response time (P1) improved 18% from August to 4.0 h and is now within the target of 4.0 h.",
        "Confirm the new decision-maker map",
        "Introduction to the new COO",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in {all}");
    }
}
