//! A file as spreadsheet programs save it: UTF-8 with or without a byte
//! order mark, UTF-16 with one (Excel's "Unicode text"), or Windows-1252
//! (Excel's "CSV" on a Western Windows); separated by commas, semicolons
//! (where the comma is the decimal sign) or tabs.

/// The file's text, or why it is not text: a file with control characters
/// other than tabs and line breaks is not a spreadsheet's CSV.
pub fn text(bytes: &[u8]) -> Result<String, String> {
    let text = decoded(bytes)?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err("the file holds control characters: it is not text".into());
    }
    Ok(text)
}

fn decoded(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!(
                "the file starts as {} but has bytes that are not",
                encoding.name()
            ));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
            if had_errors {
                return Err("the file is neither UTF-8 nor Windows-1252 text".into());
            }
            Ok(text.into_owned())
        }
    }
}

/// The separator of the header line: the one of `,` `;` and tab found most
/// often outside quotes (a comma when there is none).
pub fn separator(text: &str) -> u8 {
    let header = first_record(text);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (sep, n) in counts.iter_mut() {
                if b == *sep {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(sep, n)| (*n, *sep == b','))
        .map(|(sep, _)| *sep)
        .unwrap_or(b',')
}

/// The header line, up to its first line break outside quotes.
fn first_record(text: &str) -> &str {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => return &text[..i],
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_encodings_spreadsheets_write() {
        assert_eq!(
            text(b"\xEF\xBB\xBFname\nCa\xC3\xA7a").unwrap(),
            "name\nCaça"
        );
        assert_eq!(text(b"name\nCa\xE7a").unwrap(), "name\nCaça");
        assert_eq!(text(b"\xFF\xFEn\0a\0").unwrap(), "na");
        assert_eq!(text("name\nCaça".as_bytes()).unwrap(), "name\nCaça");
        assert!(text(b"PK\x03\x04\x00\x00binary").is_err());
    }

    #[test]
    fn finds_the_separator_of_the_header() {
        assert_eq!(separator("name;kind;country\n\"a, b\";member;TR"), b';');
        assert_eq!(separator("name,kind\n"), b',');
        assert_eq!(separator("name\tkind"), b'\t');
        assert_eq!(separator("\"a;b\",c"), b',');
        assert_eq!(separator("name"), b',');
    }
}
