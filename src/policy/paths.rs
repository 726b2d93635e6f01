//! Output paths made from data: a path handed to the output must be
//! relative and made only of plain names, so it stays inside the output
//! folder whatever ids or names it was built from.

use std::path::{Component, Path};

/// Checks a relative output path (with `/`): no root, no `..`, no `.`, no
/// empty part, no backslash, no control character, nothing hidden.
pub fn check_output_path(path: &str) -> Result<(), String> {
    let refuse = || {
        Err(format!(
            "the output path `{}` would leave the output folder",
            path.escape_debug()
        ))
    };
    if path.is_empty() || path.contains(['\\', '\0']) || path.chars().any(char::is_control) {
        return refuse();
    }
    for part in path.split('/') {
        if part.is_empty() || part.starts_with('.') {
            return refuse();
        }
    }
    let plain = Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(())
    } else {
        refuse()
    }
}

#[cfg(test)]
mod tests {
    use super::check_output_path;

    #[test]
    fn paths_stay_inside() {
        for ok in ["index.html", "nn/a5/index.html", "assets/site.css"] {
            assert!(check_output_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/x",
            "../x",
            "nn/../../x",
            "nn//x",
            "./x",
            "a\\b",
            ".rettleiar-output",
            "nn/..",
        ] {
            assert!(check_output_path(bad).is_err(), "{bad}");
        }
    }
}
