//! CSV for the exports, written by the `csv` crate (RFC 4180: comma-separated, CRLF line
//! ends, a field quoted when it must be, quotes doubled), in UTF-8 after a byte-order mark so
//! spreadsheet programs read accents and dashes right.
//!
//! Our rule on top: a field a spreadsheet would run as a formula (starting `=`, `+`, `-`,
//! `@`, tab or carriage return) gets a leading apostrophe, so text people typed never
//! executes when the file is opened.

use std::borrow::Cow;

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// A CSV document being written in memory, one record at a time.
pub struct CsvWriter {
    out: ::csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    /// A document whose first record is `header`.
    pub fn new(header: &[&str]) -> Self {
        let out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(BYTE_ORDER_MARK.as_bytes().to_vec());
        let mut writer = CsvWriter { out };
        writer.record(header.iter().copied());
        writer
    }

    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let fields = fields.into_iter().map(as_text);
        // Writing to memory cannot fail; a failure would be a bug in the crate.
        if let Err(error) = self.out.write_record(fields) {
            tracing::error!(%error, "could not write a CSV record");
        }
    }

    pub fn finish(self) -> String {
        let bytes = self.out.into_inner().unwrap_or_else(|error| {
            tracing::error!(error = %error.error(), "could not finish a CSV document");
            error.into_inner().get_ref().clone()
        });
        // Every field went in as UTF-8 text, so the document is UTF-8.
        String::from_utf8(bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }
}

/// The field as text a spreadsheet shows rather than runs.
fn as_text(field: &str) -> Cow<'_, [u8]> {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{field}").into_bytes())
    } else {
        Cow::Borrowed(field.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::CsvWriter;

    fn document(rows: &[&[&str]]) -> String {
        let mut writer = CsvWriter::new(rows[0]);
        for row in &rows[1..] {
            writer.record(row.iter().copied());
        }
        writer.finish()
    }

    #[test]
    fn plain_fields_are_written_bare_with_crlf_line_ends() {
        assert_eq!(
            document(&[&["Number", "Title"], &["#1", "Letters print twice"]]),
            "\u{feff}Number,Title\r\n#1,Letters print twice\r\n"
        );
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_with_quotes_doubled() {
        assert_eq!(
            document(&[
                &["a"],
                &["one, two"],
                &["say \"hi\""],
                &["line\nbreak"],
                &["cr\rlf"]
            ]),
            "\u{feff}a\r\n\"one, two\"\r\n\"say \"\"hi\"\"\"\r\n\"line\nbreak\"\r\n\"cr\rlf\"\r\n"
        );
    }

    #[test]
    fn empty_fields_and_non_ascii_text_survive() {
        assert_eq!(
            document(&[&["a", "b", "c"], &["", "Zoë – café", ""]]),
            "\u{feff}a,b,c\r\n,Zoë – café,\r\n"
        );
    }

    #[test]
    fn fields_a_spreadsheet_would_run_as_formulas_are_made_text() {
        let written = document(&[
            &["x"],
            &["=HYPERLINK(\"http://evil.example\")"],
            &["+1"],
            &["-2"],
            &["@SUM(A1)"],
            &["\tTab"],
            &["a=b"],
        ]);
        let lines: Vec<&str> = written
            .trim_start_matches('\u{feff}')
            .split("\r\n")
            .collect();
        assert_eq!(
            lines,
            [
                "x",
                "\"'=HYPERLINK(\"\"http://evil.example\"\")\"",
                "'+1",
                "'-2",
                "'@SUM(A1)",
                "'\tTab",
                "a=b",
                ""
            ]
        );
    }
}
