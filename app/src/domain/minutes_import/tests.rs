//! The splitter on documents of the styles chairs paste: word-processor, web page, email,
//! Markdown, AGM records.

use super::*;

fn headings(text: &str) -> Vec<String> {
    split(text).into_iter().map(|item| item.heading).collect()
}

#[test]
fn an_empty_document_proposes_nothing() {
    assert!(split("").is_empty());
    assert!(split("  \n\n \n").is_empty());
}

#[test]
fn markdown_splits_at_its_repeated_level_under_a_lone_title() {
    let text = "# Minutes of the watchdog meeting, 15 June 2023\n\n\
        ## 1. Outage\n\nThe system was down for four hours.\n\n### Timeline\n\nFrom 08:00.\n\n\
        ## 2. Release 5.2\n\nPiloting at three sites; see #12.\n";
    let items = split(text);
    assert_eq!(headings(text), ["Outage", "Release 5.2"]);
    assert!(items[0].minutes.contains("### Timeline"), "{items:?}");
    assert_eq!(items[1].minutes, "Piloting at three sites; see #12.");
}

#[test]
fn a_word_processor_copy_splits_at_short_standalone_lines() {
    let text = "Minutes of the watchdog meeting held on 15 June 2023\n\n\
        Present: Chair, two members, the supplier's account manager.\n\n\
        1. Outage on 2 June\n\
        The clinical system was unavailable for just over four hours. The supplier apologised.\n\n\
        2. Release 5.2 pilot\n\
        Piloting at three practices. Roll-out to all sites is expected by the middle of next month.\n\n\
        Any other business\n\
        None.\n";
    // The first line, naming the document as minutes, is its title.
    assert_eq!(
        headings(text),
        [
            OPENING,
            "Outage on 2 June",
            "Release 5.2 pilot",
            "Any other business"
        ]
    );
    assert!(split(text)[0]
        .minutes
        .starts_with("Present: Chair, two members"));
}

#[test]
fn bullet_characters_become_a_markdown_list() {
    let text = "Actions\n\n• The supplier to send the timeline\n• The chair to write to members\n    ◦ by email\n";
    let items = split(text);
    assert_eq!(headings(text), ["Actions"]);
    assert_eq!(
        items[0].minutes,
        "- The supplier to send the timeline\n- The chair to write to members\n  - by email"
    );
}

#[test]
fn text_before_the_first_heading_is_an_item_of_its_own() {
    let text = "Present: the chair and four members. Apologies: one member.\n\n\
        Matters arising\n\nThe supplier has sent the outage report.\n";
    assert_eq!(headings(text), [OPENING, "Matters arising"]);
}

#[test]
fn numbering_of_many_shapes_is_dropped_from_headings() {
    for (line, heading) in [
        ("1. Outage", "Outage"),
        ("2) Outage", "Outage"),
        ("3 - Outage", "Outage"),
        ("Item 4: Outage", "Outage"),
        ("ITEM 5 – Outage", "Outage"),
        ("Agenda item 6. Outage", "Outage"),
        ("2023 review", "2023 review"),
        ("1.5 million records lost", "1.5 million records lost"),
        ("3 - 2 - 1 launch", "3 - 2 - 1 launch"),
        ("2. 24 hour outage", "24 hour outage"),
        ("Item of concern", "Item of concern"),
        ("12", "12"),
    ] {
        assert_eq!(strip_numbering(line), heading, "{line}");
    }
}

#[test]
fn sentences_and_paragraph_first_lines_are_not_headings() {
    let text = "Outage\n\nThe supplier apologised.\n\n\
        the roll-out is expected by the middle of next month and\n\
        practices will be told first.\n";
    assert_eq!(headings(text), ["Outage"]);
    assert!(split(text)[0]
        .minutes
        .contains("practices will be told first."));
}

#[test]
fn references_and_log_numbers_travel_in_the_minutes_untouched() {
    let text = "## Prescriptions\n\nRaised as log:CS0412231 (#1) and CS0413310.\n\n## AOB\n\nNone.";
    assert_eq!(
        split(text)[0].minutes,
        "Raised as log:CS0412231 (#1) and CS0413310."
    );
}

#[test]
fn bare_log_numbers_the_tracker_knows_become_references() {
    let text = "Raised as CS0412231 and log:CS0413310; also TM-2291, #12 and 5.2.0.";
    assert_eq!(
        bare_log_numbers(text),
        ["CS0412231", "TM-2291"],
        "not the one already a reference, nor #12 or a version"
    );
    let known = ["CS0412231".to_owned()];
    assert_eq!(
        link_log_numbers(text, &known),
        "Raised as log:CS0412231 and log:CS0413310; also TM-2291, #12 and 5.2.0."
    );
    assert_eq!(link_log_numbers("No numbers.", &known), "No numbers.");
}

#[test]
fn a_web_page_copy_with_item_labels_and_a_table_of_attendees() {
    let text = "Watchdog meeting minutes – 15 June 2023\n\n\
        Attendees\n\nChair (the user group)\nAccount manager (the supplier)\n\n\
        Item 1 – Welcome and apologies\nApologies were received from one member.\n\n\
        Item 2 – Infrastructure change\nThe hosting moves to a new data centre in the autumn; \
        four weekend closures.\n\n\
        Item 3 – Date of next meeting\nTo be confirmed.\n";
    assert_eq!(
        headings(text),
        [
            "Attendees",
            "Welcome and apologies",
            "Infrastructure change",
            "Date of next meeting"
        ]
    );
}

#[test]
fn an_emailed_summary_with_hard_wrapped_paragraphs_and_dashes() {
    let text = "Summary of today's meeting with the supplier\n\n\
        Batch letters\n\n\
        The supplier said the batch letters feature is withdrawn after a\n\
        safety review. They will come back to us with what replaces it.\n\n\
        Actions\n\n\
        - supplier: say what replaces batch letters\n\
        - chair: tell members\n";
    let items = split(text);
    assert_eq!(
        headings(text),
        [
            "Summary of today's meeting with the supplier",
            "Batch letters",
            "Actions"
        ]
    );
    assert!(items[1]
        .minutes
        .contains("withdrawn after a\nsafety review."));
    assert_eq!(
        items[2].minutes,
        "- supplier: say what replaces batch letters\n- chair: tell members"
    );
}

#[test]
fn an_agm_record_in_capitals_with_sub_points() {
    let text = "ANNUAL GENERAL MEETING\n\n\
        1. CHAIR'S REPORT\n\nThe chair reported a year of outages and slipped promises.\n\n\
        2. ELECTION OF OFFICERS\n\n2.1 The chair was re-elected.\n2.2 A new secretary was elected.\n";
    assert_eq!(
        headings(text),
        [
            "ANNUAL GENERAL MEETING",
            "CHAIR'S REPORT",
            "ELECTION OF OFFICERS"
        ]
    );
    assert!(split(text)[2]
        .minutes
        .starts_with("2.1 The chair was re-elected."));
}

#[test]
fn code_blocks_are_kept_whole() {
    let text = "## Logs\n\n```\n# not a heading\n• not a bullet\n```\n\n## Next\n\nText.";
    let items = split(text);
    assert_eq!(headings(text), ["Logs", "Next"]);
    assert!(items[0].minutes.contains("# not a heading"));
}

#[test]
fn the_proposal_reads_back_as_itself() {
    for text in [
        "Minutes\n\nPresent: all.\n\n1. Outage\nDown for four hours.\n\n2. AOB\nNone.\n",
        "# Title\n\n## One\n\nA.\n\n## Two\n\n- b\n- c\n",
        "Just one paragraph of notes with no headings at all.",
        "1. 24 hour outage\nDown all day.\n\n2. 2.1 release\nPiloting.\n",
    ] {
        let proposed = split(text);
        assert_eq!(read_proposal(&to_markdown(&proposed)), proposed, "{text}");
    }
}

#[test]
fn headings_inside_an_item_cannot_start_items_when_read_back() {
    let text = "# Outage\n\n## Timeline\n\nFrom 08:00.\n\n# Release\n\n## Notes\n\nNone.";
    let proposed = split(text);
    assert_eq!(headings(text), ["Outage", "Release"]);
    let written = to_markdown(&proposed);
    assert!(written.contains("### Timeline"), "{written}");
    let read: Vec<String> = read_proposal(&written)
        .into_iter()
        .map(|item| item.heading)
        .collect();
    assert_eq!(read, ["Outage", "Release"]);
}

#[test]
fn a_closing_code_fence_is_never_a_heading() {
    let text = "Notes\n\n```\ncode\n```\n\nMore text follows here.";
    assert!(!headings(text).iter().any(|heading| heading.contains("```")));
}

#[test]
fn windows_line_endings_and_non_breaking_spaces_are_read_as_usual() {
    let text = "1.\u{a0}Outage\r\nDown for four hours.\r\n\r\n2. AOB\r\nNone.\r\n";
    assert_eq!(headings(text), ["Outage", "AOB"]);
}
