//! The report in a real browser: Chromium's headless shell prints the
//! fixture's page to PDF (Letter, its default, and A4) and takes a PNG
//! screenshot; poppler's `pdfinfo` and `pdftotext` read the PDF back.
//! `.ci/run` installs both (Debian packages `chromium-headless-shell` and
//! `poppler-utils`); where they are missing the tests say so and pass.
//! Set `UNKNOT_REPORT_KEEP=DIR` to keep the page, PDFs and PNG in DIR.

mod demo;
mod report_fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use report_fixture as fx;

/// How long the browser may take for one page.
const BROWSER_DEADLINE: Duration = Duration::from_secs(90);

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The browser and poppler's tools, or why the test cannot run.
fn tools() -> Result<(PathBuf, PathBuf, PathBuf), String> {
    let browser = on_path("chromium-headless-shell")
        .or_else(|| on_path("chromium"))
        .ok_or("no chromium-headless-shell or chromium on PATH (apt-get install chromium-headless-shell)")?;
    let info = on_path("pdfinfo").ok_or("no pdfinfo on PATH (apt-get install poppler-utils)")?;
    let text =
        on_path("pdftotext").ok_or("no pdftotext on PATH (apt-get install poppler-utils)")?;
    Ok((browser, info, text))
}

/// Run `cmd` to its end within `deadline`, output to files in `dir`.
fn run(mut cmd: Command, dir: &Path, what: &str, deadline: Duration) -> String {
    let out = dir.join(format!("{what}.out"));
    let err = dir.join(format!("{what}.err"));
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let end = Instant::now() + deadline;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    let stderr = std::fs::read_to_string(&err).unwrap_or_default();
    assert!(status.success(), "{what} failed ({status}): {stderr}");
    std::fs::read_to_string(&out).unwrap()
}

/// The browser with the options every use here needs.
fn browser(exe: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(exe);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--disable-dev-shm-usage",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()))
    // Nothing may be fetched: point any proxy at nowhere.
    .arg("--proxy-server=127.0.0.1:9");
    cmd
}

fn keep(dir: &Path) {
    if let Some(to) = std::env::var_os("UNKNOT_REPORT_KEEP") {
        let to = PathBuf::from(to);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
}

/// Print `page` to PDF; return (pages, text of page 1, text of all).
fn print(
    page: &str,
    name: &str,
    dir: &Path,
    tools: &(PathBuf, PathBuf, PathBuf),
) -> (u32, String, String) {
    let html = dir.join(format!("{name}.html"));
    std::fs::write(&html, page).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    let mut cmd = browser(&tools.0, dir);
    cmd.arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()));
    run(cmd, dir, &format!("{name}-print"), BROWSER_DEADLINE);
    let mut info = Command::new(&tools.1);
    info.arg(&pdf);
    let info = run(
        info,
        dir,
        &format!("{name}-pdfinfo"),
        Duration::from_secs(30),
    );
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    let text = |first_only: bool| {
        let mut cmd = Command::new(&tools.2);
        if first_only {
            cmd.args(["-f", "1", "-l", "1"]);
        }
        cmd.arg(&pdf).arg("-");
        run(cmd, dir, &format!("{name}-text"), Duration::from_secs(30))
    };
    (pages, text(true), text(false))
}

/// The headings of the report, in order.
const HEADINGS: [&str; 6] = [
    "Self-massage progress report",
    "Summary",
    "Pain and how far it reaches",
    "Stops for safety",
    "Techniques",
    "Safety check before sessions",
];

/// `headings` appear in `text` in order.
fn in_order(text: &str, headings: &[&str], what: &str) {
    let mut at = 0;
    for h in headings {
        let found = text[at..]
            .find(h)
            .unwrap_or_else(|| panic!("{what}: '{h}' missing or out of order\n{text}"));
        at += found + h.len();
    }
}

#[test]
fn a_typical_month_prints_on_one_page_with_its_routine_after_it() {
    let tools = match tools() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("SKIPPED: the report was not checked in a browser: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let page = fx::typical_page();
    let a4 = page.replace("@page {", "@page { size: A4;");
    assert_ne!(a4, page);
    for (name, page) in [("month-letter", page.as_str()), ("month-a4", a4.as_str())] {
        let (pages, first, all) = print(page, name, dir.path(), &tools);
        keep(dir.path());
        assert_eq!(
            pages, 2,
            "{name}: the report on page 1, its routine on page 2\n{all}"
        );
        in_order(&first, &HEADINGS, name);
        assert!(
            !first.contains("Appendix"),
            "{name}: the appendix starts on page 1"
        );
        for number in [
            "2010-03-01 to 2010-03-31 (31 days)",
            "31 (7.0 a week)",
            "29 completed · 2 stopped for safety",
            "Stops for safety (2)",
            "drawing back toward the back",
            "not a diagnosis",
        ] {
            assert!(
                first.contains(number),
                "{name}: '{number}' not on page 1\n{first}"
            );
        }
        assert!(all.contains("Appendix: the routines used"), "{name}");
        assert!(all.contains("name = \"gentle-lower-back\""), "{name}");
    }
}

#[test]
fn a_heavy_month_takes_the_pages_it_needs() {
    let tools = match tools() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("SKIPPED: the report was not checked in a browser: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    // The fixture: twice a day, three routines, many stops, checks with signs.
    let page = fx::page();
    let (pages, first, all) = print(&page, "heavy", dir.path(), &tools);
    // The number of stops as the page has it (the golden file holds it).
    let at = page.find("Stops for safety (").unwrap();
    let stops = &page[at..at + page[at..].find(')').unwrap() + 1];
    keep(dir.path());
    assert_eq!(pages, 3, "two pages of report, one of routines\n{all}");
    in_order(&all, &HEADINGS, "heavy");
    in_order(
        &all,
        &[
            "Safety check before sessions",
            "Appendix: the routines used",
        ],
        "heavy",
    );
    for number in [
        "2010-01-01 to 2010-01-31 (31 days)".to_string(),
        format!("{} (14.9 a week)", fx::DEMO_SESSIONS + fx::HAND_SESSIONS),
        "not a diagnosis".to_string(),
    ] {
        assert!(first.contains(&number), "'{number}' not on page 1\n{first}");
    }
    for text in [
        "2 ended at the safety check",
        "Go to an emergency department now.",
        stops,
        "name = \"forum-routine\"",
        "onerror=alert(1)>",
    ] {
        assert!(all.contains(text), "'{text}' not in the PDF");
    }
}

#[test]
fn the_report_on_screen_is_not_blank() {
    let tools = match tools() {
        Ok(t) => t,
        Err(why) => {
            eprintln!("SKIPPED: the report was not checked in a browser: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("screen.html");
    std::fs::write(&html, fx::page()).unwrap();
    let png = dir.path().join("screen.png");
    let mut cmd = browser(&tools.0, dir.path());
    cmd.arg("--window-size=900,1300")
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()));
    run(cmd, dir.path(), "screenshot", BROWSER_DEADLINE);
    keep(dir.path());
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!((frame.width, frame.height), (900, 1300));
    let px = frame.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..frame.buffer_size()].chunks(px).collect();
    let ink = pixels
        .iter()
        .filter(|p| p[..3].iter().any(|&c| c < 200))
        .count();
    let share = ink as f64 / pixels.len() as f64;
    assert!(
        share > 0.02,
        "only {:.2} % of the screen is not white",
        share * 100.0
    );
    // The two colours of the charts are there: before (orange) and after (blue).
    let near = |p: &[u8], c: [u8; 3]| p[..3].iter().zip(c).all(|(&a, b)| a.abs_diff(b) < 40);
    assert!(
        pixels.iter().any(|p| near(p, [0xb3, 0x59, 0x00])),
        "no 'before' marks"
    );
    assert!(
        pixels.iter().any(|p| near(p, [0x1f, 0x4e, 0x99])),
        "no 'after' marks"
    );
}
