//! `readout pack`: many accounts in one run. A bad account never stops the others; the output
//! does not depend on the number of threads; the board pack's contents give the page each
//! readout starts on.

use std::path::{Path, PathBuf};

use crate::support::{readout, sample, stderr};

/// A folder holding copies of the given samples (and the Northwind logo they may name).
fn accounts(dir: &Path, samples: &[&str]) -> PathBuf {
    let folder = dir.join("accounts");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(sample("northwind.png"), folder.join("northwind.png")).unwrap();
    for s in samples {
        std::fs::copy(sample(s), folder.join(s)).unwrap();
    }
    folder
}

const GOOD: [&str; 4] = [
    "northwind-logistics.yaml",
    "halvorsen-maritime.yaml",
    "corvane-retail.yaml",
    "brisbeck-health.yaml",
];

fn pdf_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_bad_account_is_reported_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &GOOD[..2]);
    // Wrong type on line 3 and an unknown key: both named with the file.
    std::fs::write(
        folder.join("broken.yaml"),
        "readout: 1\naccount: { name: Broken }\nperiod: { label: Q3, start: 2026-07-01, end: 2026-09-30 }\nhealth: { score: high }\n",
    )
    .unwrap();
    let out = readout(dir.path(), &["pack", "accounts", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        pdf_names(&dir.path().join("out")),
        ["halvorsen-maritime.pdf", "northwind-logistics.pdf"]
    );
    assert!(err.contains("broken.yaml:4:"), "{err}");
    assert!(err.contains("health.score"), "{err}");
    assert!(err.contains("rendered 2 of 3 accounts to out in"), "{err}");
    assert!(err.contains("; 1 failed: accounts/broken.yaml"), "{err}");
    // Each PDF written is whole.
    for name in ["halvorsen-maritime.pdf", "northwind-logistics.pdf"] {
        let bytes = std::fs::read(dir.path().join("out").join(name)).unwrap();
        assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    }
}

#[test]
fn fail_fast_stops_starting_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &GOOD);
    std::fs::write(folder.join("aaa-broken.yaml"), "readout: 1\n").unwrap();
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts",
            "-o",
            "out",
            "--jobs",
            "1",
            "--fail-fast",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The broken file sorts first: with one thread nothing else is started.
    assert!(err.contains("rendered 0 of 5 accounts"), "{err}");
    assert!(err.contains("4 not started (--fail-fast)"), "{err}");
    assert!(!dir.path().join("out/northwind-logistics.pdf").exists());
}

#[test]
fn two_inputs_with_one_output_name_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let a = accounts(dir.path(), &GOOD[..1]);
    let b = dir.path().join("other");
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(sample(GOOD[0]), b.join(GOOD[0])).unwrap();
    let out = readout(dir.path(), &["pack", "accounts", "other", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("would both be written to out/northwind-logistics.pdf"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists());
    drop(a);
}

#[test]
fn globs_and_folders_find_account_files_once_each() {
    let dir = tempfile::tempdir().unwrap();
    accounts(dir.path(), &GOOD[..2]);
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts/*.yaml",
            "accounts",
            "accounts/northwind-logistics.yaml",
            "-o",
            "out",
            "--quiet",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        pdf_names(&dir.path().join("out")),
        ["halvorsen-maritime.pdf", "northwind-logistics.pdf"]
    );
    // Quiet, and it went well: nothing to say.
    assert_eq!(stderr(&out), "");
    let none = readout(dir.path(), &["pack", "nothing/*.yaml", "-o", "out"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("the pattern nothing/*.yaml matches no file"));
}

#[test]
fn the_same_folder_gives_the_same_bytes_at_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    accounts(dir.path(), &GOOD);
    for jobs in ["1", "2"] {
        let out = readout(
            dir.path(),
            &[
                "pack",
                "accounts",
                "-o",
                &format!("out-{jobs}"),
                "--jobs",
                jobs,
                "--board-pack",
                &format!("pack-{jobs}.pdf"),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let names = pdf_names(&dir.path().join("out-1"));
    assert_eq!(names.len(), 4);
    assert_eq!(names, pdf_names(&dir.path().join("out-2")));
    for name in &names {
        let one = std::fs::read(dir.path().join("out-1").join(name)).unwrap();
        let two = std::fs::read(dir.path().join("out-2").join(name)).unwrap();
        assert!(one == two, "{name} differs between 1 and 2 threads");
        // And the same as `readout render` of that account alone.
        let input = dir
            .path()
            .join("accounts")
            .join(name)
            .with_extension("yaml");
        let alone = dir.path().join("alone.pdf");
        let out = readout(
            dir.path(),
            &[
                "render",
                input.to_str().unwrap(),
                "-o",
                alone.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0));
        assert!(
            std::fs::read(&alone).unwrap() == one,
            "{name} differs from render"
        );
    }
    let one = std::fs::read(dir.path().join("pack-1.pdf")).unwrap();
    let two = std::fs::read(dir.path().join("pack-2.pdf")).unwrap();
    assert!(one == two, "the board pack differs between 1 and 2 threads");
}

/// The pack page (1-based) whose text starts with `start`, the first after `after`.
fn page_starting(pages: &[String], start: &str, after: usize) -> usize {
    pages
        .iter()
        .enumerate()
        .skip(after)
        .find(|(_, p)| p.starts_with(start))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no page starts with {start:?}"))
}

#[test]
fn the_board_pack_contents_give_the_page_each_readout_starts_on() {
    let mut members = Vec::new();
    for s in GOOD {
        members.push(readout::load(&sample(s)).unwrap().0);
    }
    // The pack speaks from the latest of its accounts' dates.
    let later = readout::model::Date::new(2026, 10, 6).unwrap();
    members[3].account.prepared.as_mut().unwrap().on = later;
    let failed = vec!["accounts/broken.yaml".to_owned()];
    let (report, date) = readout::pack::layout_board_pack(
        &members,
        &failed,
        "Q3 portfolio review",
        &Default::default(),
    )
    .unwrap();
    assert_eq!(date.to_string(), "2026-10-06");
    let pages: Vec<String> = readout::render::page_texts(&report.document)
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // The cover: title, counts, what was left out.
    assert!(
        pages[0].starts_with("BOARD PACK Q3 portfolio review 4 accounts · 6 Oct 2026"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("could not be rendered and is left out: accounts/broken.yaml"),
        "{}",
        pages[0]
    );
    assert!(pages[1].starts_with("Contents"), "{}", pages[1]);

    // The readouts in the portfolio's order (at risk first, then by revenue at risk as a share
    // of ARR: Halvorsen 30% before Brisbeck 19%; Corvane 37% before Northwind 32%), each
    // starting on the page the contents give.
    let expected = [
        (
            "Halvorsen Maritime",
            "Service Review",
            "SERVICE REVIEW · Q3 2026 Halvorsen Maritime",
        ),
        (
            "Brisbeck Health",
            "Business Review",
            "BUSINESS REVIEW · Q3 2026 Brisbeck Health",
        ),
        (
            "Corvane Retail Group",
            "Account Readout",
            "ACCOUNT READOUT · Q3 2026 Corvane Retail Group",
        ),
        (
            "Northwind Logistics",
            "Business Review",
            "BUSINESS REVIEW · Q3 2026 Northwind Logistics",
        ),
    ];
    let portfolio_page = page_starting(&pages, "Portfolio", 2);
    assert!(
        pages[1].contains(&format!("Portfolio {portfolio_page}")),
        "{}",
        pages[1]
    );
    let mut after = portfolio_page;
    for (i, (name, kind, band)) in expected.iter().enumerate() {
        let start = page_starting(&pages, band, after);
        let row = format!("{} {name} {kind} · Q3 2026 ", i + 1);
        let at = pages[1]
            .find(&row)
            .unwrap_or_else(|| panic!("no {row:?} in {}", pages[1]));
        let rest = &pages[1][at + row.len()..];
        let page: usize = rest.split(' ').find_map(|w| w.parse().ok()).unwrap();
        assert_eq!(
            page, start,
            "{name}: contents say {page}, it starts on {start}"
        );
        // Its own numbering restarts; the pack's page is in the footer too.
        assert!(
            pages[start - 1].contains("Page 1 of")
                && pages[start - 1].contains(&format!("(pack page {start})")),
            "{}",
            pages[start - 1]
        );
        after = start;
    }
}

#[test]
fn a_title_no_font_can_draw_is_refused_under_a_standard_and_warned_without() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &["corvane-retail.yaml"]);
    let folder = folder.to_str().unwrap();
    let args = |standard: bool| {
        let mut a = vec![
            "pack",
            folder,
            "-o",
            "out",
            "--board-pack",
            "board.pdf",
            "--title",
            "Q3 ทดสอบ",
            "--quiet",
        ];
        if standard {
            a.extend(["--pdf-standard", "a-1b"]);
        }
        a
    };
    let out = readout(dir.path(), &args(true));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--title: no embedded font has a glyph for ท ด ส อ บ, and a PDF/A-1b file must draw every character with an embedded font"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("board.pdf").exists());
    let out = readout(dir.path(), &args(false));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: --title: no embedded font has a glyph for ท ด ส อ บ;"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_right_to_left_title_keeps_the_footers_date_whole() {
    let members = vec![readout::load(&sample("corvane-retail.yaml")).unwrap().0];
    let title = "مراجعة المحفظة 2026";
    let (report, _) =
        readout::pack::layout_board_pack(&members, &[], title, &Default::default()).unwrap();
    // The footer's runs as they are placed, left to right (the order a reader sees).
    fn runs(
        frame: &typst::layout::Frame,
        origin: typst::layout::Point,
        out: &mut Vec<(f64, f64, String)>,
    ) {
        for (pos, item) in frame.items() {
            let at = origin + *pos;
            match item {
                typst::layout::FrameItem::Group(g) => {
                    let shift = typst::layout::Point::new(g.transform.tx, g.transform.ty);
                    runs(&g.frame, at + shift, out);
                }
                typst::layout::FrameItem::Text(t) => {
                    out.push((at.y.to_pt(), at.x.to_pt(), t.text.to_string()))
                }
                _ => {}
            }
        }
    }
    let page = &report.document.pages()[0].frame;
    let mut found = Vec::new();
    runs(page, typst::layout::Point::zero(), &mut found);
    let bottom = page.height().to_pt() - 60.0;
    let mut footer: Vec<(f64, String)> = found
        .into_iter()
        .filter(|(y, _, _)| *y > bottom)
        .map(|(_, x, t)| (x, t))
        .collect();
    footer.sort_by(|a, b| a.0.total_cmp(&b.0));
    let seen: String = footer
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let seen = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(seen.contains("· 5 Oct 2026"), "{seen}");
    // Without invisible direction marks in the text a reader copies.
    assert!(
        !seen.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
        "{seen:?}"
    );
}

#[test]
fn a_theme_kept_beside_the_accounts_is_not_taken_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &["corvane-retail.yaml"]);
    std::fs::write(
        folder.join("brand.yaml"),
        "accent: \"#C2410C\"\nprimary: \"#0B4F6C\"\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(folder.join("corvane-retail.yaml")).unwrap();
    std::fs::write(
        folder.join("corvane-retail.yaml"),
        format!("theme: brand.yaml\n{text}"),
    )
    .unwrap();
    let out = readout(
        dir.path(),
        &[
            "pack",
            folder.to_str().unwrap(),
            "-o",
            "out",
            "--board-pack",
            "board.pdf",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(pdf_names(&dir.path().join("out")), ["corvane-retail.pdf"]);
}

#[test]
fn a_readouts_first_page_in_a_pack_has_its_logo_once() {
    let members = vec![
        readout::load(&sample("corvane-retail.yaml")).unwrap().0,
        readout::load(&sample("northwind-logistics.yaml"))
            .unwrap()
            .0,
    ];
    let (report, _) =
        readout::pack::layout_board_pack(&members, &[], "Review", &Default::default()).unwrap();
    let pages = readout::render::page_texts(&report.document);
    let mut northwind = 0;
    for (n, page) in report.document.pages().iter().enumerate() {
        if !pages[n].contains("Northwind Logistics · Business Review") {
            continue;
        }
        let mut found = Vec::new();
        crate::support::images(&page.frame, &mut found);
        // Sparklines (16 pt) and charts are images too: only the logo's heights count.
        let heights: Vec<f64> = found
            .iter()
            .map(|(_, h)| *h)
            .filter(|h| [11.0, 34.0].contains(h))
            .collect();
        // The 240×80 logo: 34 pt in the first page's band, 11 pt in the later pages' header.
        if pages[n].contains("Page 1 of") {
            assert_eq!(heights, vec![34.0], "page {}", n + 1);
        } else {
            assert_eq!(heights, vec![11.0], "page {}", n + 1);
        }
        northwind += 1;
    }
    assert_eq!(northwind, 5);
}

#[test]
fn the_cover_carries_the_preparing_companys_logo_under_a_theme() {
    let members = vec![readout::load(&sample("halvorsen-maritime.yaml")).unwrap().0];
    let brand = crate::support::repo().join("samples/brand/theme.yaml");
    let style = readout::render::Style {
        theme: readout::model::load_theme(&brand).unwrap(),
        ..Default::default()
    };
    let (report, _) = readout::pack::layout_board_pack(&members, &[], "Review", &style).unwrap();
    let mut found = Vec::new();
    crate::support::images(&report.document.pages()[0].frame, &mut found);
    // samples/brand/logo.svg is 120×40: 102×34 pt in the cover's band.
    assert_eq!(found, vec![(102.0, 34.0)]);
    // A title of long unbroken runs is set smaller, and stays left of the logo.
    let long = "W".repeat(100);
    let (report, _) = readout::pack::layout_board_pack(&members, &[], &long, &style).unwrap();
    let page = &report.document.pages()[0].frame;
    let mut logo = Vec::new();
    crate::support::images(page, &mut logo);
    fn ws(frame: &typst::layout::Frame, x: f64, out: &mut Vec<(f64, f64)>) {
        for (pos, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => {
                    ws(&g.frame, x + pos.x.to_pt() + g.transform.tx.to_pt(), out)
                }
                typst::layout::FrameItem::Text(t) if t.text.starts_with('W') => {
                    out.push((t.size.to_pt(), x + pos.x.to_pt() + t.width().to_pt()))
                }
                _ => {}
            }
        }
    }
    let mut runs = Vec::new();
    ws(page, 0.0, &mut runs);
    // The cover's title, not the footer's short one.
    runs.retain(|(size, _)| *size > 10.0);
    assert!(!runs.is_empty());
    let page_width = report.document.pages()[0].frame.width().to_pt();
    // The band's logo box: 102 pt of logo, 6 pt inset each side, 20 pt inside the band,
    // which ends at the right margin (18 mm).
    let logo_left = page_width - 18.0 * 72.0 / 25.4 - 20.0 - 114.0;
    for (size, right) in runs {
        assert_eq!(size, 20.0);
        assert!(
            right < logo_left,
            "a run ends at {right}, the logo starts at {logo_left}"
        );
    }
    let (plain, _) =
        readout::pack::layout_board_pack(&members, &[], "Review", &Default::default()).unwrap();
    let mut found = Vec::new();
    crate::support::images(&plain.document.pages()[0].frame, &mut found);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_portfolio_page_lists_every_account_by_risk_with_totals() {
    let mut members = Vec::new();
    for s in GOOD {
        members.push(readout::load(&sample(s)).unwrap().0);
    }
    let (report, _) =
        readout::pack::layout_board_pack(&members, &[], "Review", &Default::default()).unwrap();
    let pages: Vec<String> = readout::render::page_texts(&report.document)
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let page = &pages[page_starting(&pages, "Portfolio", 2) - 1];
    for wanted in [
        "ACCOUNT STATUS HEALTH ARR RENEWAL AT RISK TOP RISK",
        "Northwind Logistics Business Review · Q3 2026 Needs attention 72 −6 $1.25M 31 Mar 2027 177 d $400K HIGH Executive sponsor left the customer organisation",
        "Renewals by month",
    ] {
        assert!(page.contains(wanted), "missing {wanted:?} in {page}");
    }
}

#[test]
fn an_interrupted_run_leaves_only_whole_reports() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &[]);
    for k in 0..60 {
        std::fs::copy(sample(GOOD[0]), folder.join(format!("account-{k:02}.yaml"))).unwrap();
    }
    let out_dir = dir.path().join("out");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["pack", "accounts", "-o", "out", "--jobs", "2"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Interrupt once the first reports are in place.
    let started = std::time::Instant::now();
    let finished = |dir: &Path| -> usize {
        std::fs::read_dir(dir).map_or(0, |d| {
            d.filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.') && name.ends_with(".pdf")
            })
            .count()
        })
    };
    while finished(&out_dir) < 2 {
        assert!(started.elapsed().as_secs() < 60, "no report written");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(err.contains("not started (interrupted)"), "{err}");
    let names = pdf_names(&out_dir);
    assert!(!names.is_empty() && names.len() < 60, "{names:?}");
    for name in &names {
        // No temporary file is left, and every report is whole.
        assert!(name.ends_with(".pdf"), "{name} left behind");
        let bytes = std::fs::read(out_dir.join(name)).unwrap();
        assert!(
            bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "{name} is cut off"
        );
    }
}

#[test]
fn renewals_count_their_days_from_the_packs_date() {
    let mut members = Vec::new();
    for s in GOOD {
        members.push(readout::load(&sample(s)).unwrap().0);
    }
    // Halvorsen's readout is a month later than the others: the pack speaks from 5 Nov 2026,
    // and Northwind's renewal on 31 Mar 2027 is 146 days from then (177 from its own 5 Oct).
    let later = readout::model::Date::new(2026, 11, 5).unwrap();
    members[1].account.prepared.as_mut().unwrap().on = later;
    let (report, _) =
        readout::pack::layout_board_pack(&members, &[], "Review", &Default::default()).unwrap();
    let pages: Vec<String> = readout::render::page_texts(&report.document)
        .into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let page = &pages[page_starting(&pages, "Portfolio", 2) - 1];
    assert!(page.contains("31 Mar 2027 146 d $400K"), "{page}");
}

#[test]
fn the_board_pack_never_replaces_an_input_or_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &GOOD[..2]);
    let before = std::fs::read(folder.join(GOOD[0])).unwrap();
    let logo = std::fs::read(folder.join("northwind.png")).unwrap();
    for (pack, why) in [
        ("accounts/northwind.png", "must be a .pdf file"),
        ("accounts/northwind-logistics.yaml", "must be a .pdf file"),
        ("out", "must be a .pdf file"),
        (
            "./out/../out/halvorsen-maritime.pdf",
            "is also the report of accounts/halvorsen-maritime.yaml",
        ),
    ] {
        let out = readout(
            dir.path(),
            &["pack", "accounts", "-o", "out", "--board-pack", pack],
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{pack}: {err}");
        assert!(err.contains(why), "{pack}: {err}");
        assert!(!dir.path().join("out").exists(), "{pack}: work was done");
    }
    let out = readout(
        dir.path(),
        &["pack", "accounts", "-o", "p.pdf", "--board-pack", "p.pdf"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is the output folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(folder.join(GOOD[0])).unwrap(), before);
    assert_eq!(std::fs::read(folder.join("northwind.png")).unwrap(), logo);
}

#[test]
fn output_folders_are_made_and_checked_before_any_account_renders() {
    let dir = tempfile::tempdir().unwrap();
    accounts(dir.path(), &GOOD[..1]);
    std::fs::write(dir.path().join("a-file"), b"not a folder").unwrap();
    // A folder that cannot be made: one error naming it, exit 3, nothing rendered.
    let out = readout(dir.path(), &["pack", "accounts", "-o", "a-file/out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("a-file/out"), "{err}");
    assert!(!err.contains("rendered"), "{err}");
    // The board pack's folder is made like the reports'.
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts",
            "-o",
            "out",
            "--board-pack",
            "packs/q3/board.pdf",
            "--title",
            "Q3 2026 portfolio review",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("wrote the board pack packs/q3/board.pdf ("),
        "{err}"
    );
    assert!(dir.path().join("packs/q3/board.pdf").is_file());
}

#[test]
fn reports_keep_every_dot_of_their_file_names_and_titles_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("accounts");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(sample("northwind.png"), folder.join("northwind.png")).unwrap();
    for name in ["northwind.2026-q3.yaml", "northwind.2026-q4.YAML"] {
        std::fs::copy(sample(GOOD[0]), folder.join(name)).unwrap();
    }
    let out = readout(dir.path(), &["pack", "accounts", "-o", "out", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        pdf_names(&dir.path().join("out")),
        ["northwind.2026-q3.pdf", "northwind.2026-q4.pdf"]
    );
    // Both are the same account and period: a pack of them warns that it counts it twice.
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts",
            "-o",
            "out",
            "--board-pack",
            "out/pack.pdf",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: the board pack holds Northwind Logistics (Q3 2026) 2 times"),
        "{err}"
    );
    for (args, why) in [
        (vec!["--board-pack", "p.pdf", "--title", " "], "--title"),
        (vec!["--title", "Review"], "--board-pack"),
    ] {
        let mut all = vec!["pack", "accounts", "-o", "out2"];
        all.extend(args);
        let out = readout(dir.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
    }
}

#[test]
fn pack_spares_what_the_user_had_and_says_what_the_pack_rests_on() {
    let dir = tempfile::tempdir().unwrap();
    let folder = accounts(dir.path(), &GOOD[..2]);
    // A hidden copy (the resource fork macOS leaves) is not an account.
    std::fs::write(folder.join("._northwind-logistics.yaml"), b"\0\x05\x16\x07").unwrap();
    // A read-only report already there is not written over.
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    let locked = dir.path().join("out/halvorsen-maritime.pdf");
    std::fs::write(&locked, b"mine").unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let out = readout(dir.path(), &["pack", "accounts", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("out/halvorsen-maritime.pdf is read-only"),
        "{err}"
    );
    assert_eq!(std::fs::read(&locked).unwrap(), b"mine");
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&locked, permissions).unwrap();

    // An account file named like its own report is not replaced by it.
    std::fs::copy(sample(GOOD[2]), dir.path().join("acct.pdf")).unwrap();
    let out = readout(dir.path(), &["pack", "acct.pdf", "-o", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("would be written over the account file"));
    assert_eq!(
        std::fs::read(dir.path().join("acct.pdf")).unwrap(),
        std::fs::read(sample(GOOD[2])).unwrap()
    );

    // Report dates far apart are said; the hidden file is never named.
    let mut text = std::fs::read_to_string(folder.join(GOOD[1])).unwrap();
    text = text.replace("on: 2026-10-05", "on: 2026-11-20");
    assert!(text.contains("2026-11-20"), "the sample's date moved");
    std::fs::write(folder.join(GOOD[1]), text).unwrap();
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts",
            "-o",
            "out",
            "--board-pack",
            "out/pack.pdf",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("rendered 2 of 2 accounts"), "{err}");
    assert!(!err.contains("._northwind"), "{err}");
    assert!(
        err.contains("warning: the accounts' report dates run from 5 Oct 2026 to 20 Nov 2026"),
        "{err}"
    );

    // With --fail-fast, a pack missing the accounts never started is not written.
    std::fs::write(folder.join("aaa-broken.yaml"), "readout: 1\n").unwrap();
    let out = readout(
        dir.path(),
        &[
            "pack",
            "accounts",
            "-o",
            "ff",
            "--board-pack",
            "ff/pack.pdf",
            "--fail-fast",
            "--jobs",
            "1",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no board pack was written: 2 not started (--fail-fast)"),
        "{err}"
    );
    assert!(!dir.path().join("ff/pack.pdf").exists());

    // A title is one line.
    let out = readout(
        dir.path(),
        &[
            "pack",
            "acct.pdf",
            "-o",
            "t",
            "--board-pack",
            "t/p.pdf",
            "--title",
            "a\nb",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no line breaks"));
}
