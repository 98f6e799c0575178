//! CSV as RFC 4180 describes it, for the exports: comma-separated, CRLF line ends, a field
//! quoted when it holds a comma, quote or line break (quotes doubled). UTF-8, starting with a
//! byte-order mark so spreadsheet programs read accents and dashes right.
//!
//! A field a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage
//! return) gets a leading apostrophe: text people typed must never execute when opened.

const BYTE_ORDER_MARK: char = '\u{feff}';

/// A CSV document being written, one record at a time.
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// A document whose first record is `header`.
    pub fn new(header: &[&str]) -> Self {
        let mut writer = CsvWriter {
            out: String::from(BYTE_ORDER_MARK),
        };
        writer.record(header.iter().copied());
        writer
    }

    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (index, field) in fields.into_iter().enumerate() {
            if index > 0 {
                self.out.push(',');
            }
            write_field(&mut self.out, field);
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quoted = formula || field.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
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
        assert_eq!(
            written,
            "\u{feff}x\r\n\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n\"'+1\"\r\n\"'-2\"\r\n\
             \"'@SUM(A1)\"\r\n\"'\tTab\"\r\na=b\r\n"
        );
    }
}
