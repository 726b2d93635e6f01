//! Caps on what is handed to a parser: a source file is at most
//! [`MAX_FILE_BYTES`] long, and YAML and Fluent text may nest brackets at
//! most [`MAX_DEPTH`] deep. The YAML scanner slows down with the square of
//! the nesting, and deep nesting exhausts the stack of recursive parsers;
//! with the caps, every input gives an answer quickly.

/// The largest source file read (a text of 20 000 rules is about 3 MB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The deepest nesting of `[`/`{` accepted in YAML and Fluent files, and
/// of indentation levels in YAML.
pub const MAX_DEPTH: usize = 32;

/// The longest line accepted in a YAML file.
pub const MAX_YAML_LINE: usize = 64 * 1024;

/// Earlier versions of a document in `source/versions/`: a council that
/// revised it every month for eighty years would not reach it.
pub const MAX_VERSIONS: usize = 1000;

/// Checks YAML text before it is parsed: the byte offset of the first
/// place that nests too deep or a line that is too long, with the message.
pub fn check_yaml(text: &str) -> Result<(), (usize, String)> {
    let mut offset = 0;
    let mut depth = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.len() > MAX_YAML_LINE {
            return Err((
                offset,
                format!("this line is longer than {MAX_YAML_LINE} bytes"),
            ));
        }
        let content = line.trim_start_matches([' ', '-']);
        let indent = line.len() - content.len();
        if !content.trim().is_empty() && !content.starts_with('#') && depth == 0 {
            indents.retain(|&i| i < indent);
            indents.push(indent);
            if indents.len() > MAX_DEPTH {
                return Err((offset, too_deep()));
            }
        }
        depth = flow_depth(line, depth).map_err(|at| (offset + at, too_deep()))?;
        offset += line.len();
    }
    Ok(())
}

fn too_deep() -> String {
    format!("the YAML nests more than {MAX_DEPTH} levels deep here")
}

/// Follows `[`/`{` nesting through one line (quoted text and comments do
/// not count); the error is the offset where it gets too deep.
fn flow_depth(line: &str, mut depth: usize) -> Result<usize, usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if prev.is_whitespace() || "[{,:".contains(prev) => quote = Some(c),
            (None, '#') if prev.is_whitespace() => break,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(i);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(depth)
}

/// Checks Fluent text: placeables `{ … }` nest at most [`MAX_DEPTH`] deep.
pub fn check_braces(text: &str) -> Result<(), (usize, String)> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((
                        i,
                        format!("the text nests `{{` more than {MAX_DEPTH} levels deep here"),
                    ));
                }
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The most problems reported for one file: past that, the rest are
/// likely the same mistake, and listing them all would take long.
pub const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Checks markdown before it is parsed: no line opens more than
/// [`MAX_DEPTH`] nested block quotes and lists (markers and indentation).
pub fn check_markdown(text: &str) -> Result<(), (usize, String)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut depth = 0usize;
        let mut spaces = 0usize;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ' ' => spaces += 1,
                '\t' => spaces += 4,
                '>' => depth += 1,
                '-' | '*' | '+' if chars.peek() == Some(&' ') => depth += 1,
                '0'..='9' => {
                    while chars.next_if(char::is_ascii_digit).is_some() {}
                    if chars.next_if(|c| *c == '.' || *c == ')').is_none() {
                        break;
                    }
                    depth += 1;
                }
                _ => break,
            }
        }
        if depth + spaces / 2 > 2 * MAX_DEPTH {
            return Err((
                offset,
                format!(
                    "this line nests quotes and lists more than {} levels deep",
                    2 * MAX_DEPTH
                ),
            ));
        }
        offset += line.len();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_yaml_is_refused() {
        assert!(check_yaml("a: [[[x]]]\nb: {c: 'it''s [[[[['}\n").is_ok());
        let deep = format!("x: {}", "[".repeat(200_000));
        assert!(check_yaml(&deep).is_err());
        let mut stairs = String::new();
        for n in 0..40 {
            stairs.push_str(&format!("{}k{n}:\n", " ".repeat(n)));
        }
        assert!(check_yaml(&stairs).is_err());
    }
}
