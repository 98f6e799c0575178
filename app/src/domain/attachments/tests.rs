use super::*;

#[test]
fn a_name_keeps_only_its_last_path_part() {
    assert_eq!(sanitise_file_name("../../etc/passwd.txt"), "passwd.txt");
    assert_eq!(
        sanitise_file_name("C:\\Users\\chair\\Minutes.docx"),
        "Minutes.docx"
    );
    assert_eq!(sanitise_file_name("minutes/"), "attachment");
}

#[test]
fn control_direction_and_refused_characters_are_dropped() {
    assert_eq!(sanitise_file_name("minutes\u{0}\r\n.pdf"), "minutes.pdf");
    // A right-to-left override would show "invoice_fdp.exe" as "invoice_exe.pdf".
    assert_eq!(
        sanitise_file_name("invoice_\u{202e}fdp.exe"),
        "invoice_fdp.exe"
    );
    assert_eq!(sanitise_file_name("a<b>c:d\"e|f?g*.txt"), "abcdefg.txt");
}

#[test]
fn spaces_and_dots_are_tidied() {
    assert_eq!(
        sanitise_file_name("  Agenda   pack\t June .pdf  "),
        "Agenda pack June .pdf"
    );
    assert_eq!(sanitise_file_name("...hidden"), "hidden");
    assert_eq!(sanitise_file_name("report.pdf..."), "report.pdf");
    assert_eq!(sanitise_file_name(" . . "), "attachment");
    assert_eq!(sanitise_file_name(""), "attachment");
}

#[test]
fn names_windows_reserves_are_made_safe() {
    assert_eq!(sanitise_file_name("CON.txt"), "_CON.txt");
    assert_eq!(sanitise_file_name("lpt1"), "_lpt1");
    assert_eq!(sanitise_file_name("COM10.txt"), "COM10.txt");
    assert_eq!(sanitise_file_name("console.txt"), "console.txt");
}

#[test]
fn long_names_are_cut_keeping_the_extension_and_whole_characters() {
    let long = format!("{}.pdf", "é".repeat(300));
    let kept = sanitise_file_name(&long);
    assert_eq!(kept.chars().count(), MAX_NAME_CHARS);
    assert!(kept.ends_with("é.pdf"), "{kept}");
    let no_extension = "x".repeat(300);
    assert_eq!(
        sanitise_file_name(&no_extension).chars().count(),
        MAX_NAME_CHARS
    );
}

#[test]
fn unicode_names_are_kept() {
    assert_eq!(
        sanitise_file_name("Protokoll Übergabe – März.pdf"),
        "Protokoll Übergabe – März.pdf"
    );
}

#[test]
fn kinds_come_from_the_extension_in_any_case() {
    assert_eq!(
        kind_of("Minutes.PDF").map(|kind| kind.content_type),
        Some("application/pdf")
    );
    assert_eq!(kind_of("photo.JPEG").map(|kind| kind.image), Some(true));
    assert_eq!(kind_of("setup.exe"), None);
    assert_eq!(kind_of("no extension"), None);
    assert_eq!(kind_of("archive.tar.gz"), None);
}

#[test]
fn only_kinds_that_cannot_run_code_are_shown_inline() {
    for name in [
        "drawing.svg",
        "page.html",
        "page.htm",
        "sheet.xlsx",
        "letter.docx",
        "mail.eml",
    ] {
        assert!(!kind_of(name).expect("taken").inline, "{name}");
    }
    for name in ["minutes.pdf", "chart.png", "notes.txt"] {
        assert!(kind_of(name).expect("taken").inline, "{name}");
    }
    // SVG may carry script, so Markdown never shows it as a picture either.
    assert!(!kind_of("drawing.svg").expect("taken").image);
}

#[test]
fn every_kind_is_found_again_by_its_type() {
    for kind in KINDS {
        assert_eq!(kind_by_type(kind.content_type), Some(kind));
    }
}

#[test]
fn the_disposition_names_the_file_plainly_and_exactly() {
    assert_eq!(
        content_disposition("Agenda pack.pdf", true),
        "inline; filename=\"Agenda pack.pdf\"; filename*=UTF-8''Agenda%20pack.pdf"
    );
    assert_eq!(
        content_disposition("März \"final\".svg", false),
        "attachment; filename=\"M_rz _final_.svg\"; filename*=UTF-8''M%C3%A4rz%20%22final%22.svg"
    );
}
