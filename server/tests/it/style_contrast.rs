//! The colour tokens of style/tokens.css meet WCAG AA (4.5:1 for text), in the
//! light and the dark theme: checked here rather than assumed.

use std::collections::HashMap;

const TOKENS: &str = include_str!("../../../style/tokens.css");

/// (text, background) pairs the stylesheet actually uses together.
const PAIRS: &[(&str, &str)] = &[
    ("color-text", "color-bg"),
    ("color-text", "color-surface"),
    ("color-muted", "color-bg"),
    ("color-muted", "color-surface"),
    ("color-link", "color-bg"),
    ("color-link", "color-surface"),
    ("color-link-visited", "color-bg"),
    ("color-link-visited", "color-surface"),
    ("color-error", "color-bg"),
    ("color-accent-text", "color-accent"),
    ("color-header-text", "color-header-bg"),
    ("color-focus-text", "color-focus"),
    ("tag-member-text", "tag-member-bg"),
    ("tag-partner-text", "tag-partner-bg"),
    ("tag-network-text", "tag-network-bg"),
    ("tag-demo-text", "tag-demo-bg"),
];

fn parse_block(block: &str) -> HashMap<String, (f64, f64, f64)> {
    let mut out = HashMap::new();
    for line in block.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix("--") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_end_matches(';');
        if let Some(hex) = value.strip_prefix('#').filter(|h| h.len() == 6) {
            let channel =
                |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            out.insert(name.trim().to_owned(), (channel(0), channel(2), channel(4)));
        }
    }
    out
}

fn luminance((r, g, b): (f64, f64, f64)) -> f64 {
    let lin = |c: f64| {
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn every_text_colour_is_readable_on_its_background() {
    let dark_start = TOKENS
        .find("prefers-color-scheme: dark")
        .expect("a dark theme");
    let light = parse_block(&TOKENS[..dark_start]);
    let mut dark = light.clone();
    dark.extend(parse_block(&TOKENS[dark_start..]));
    for (theme, tokens) in [("light", &light), ("dark", &dark)] {
        for (fg, bg) in PAIRS {
            let (f, b) = (tokens[*fg], tokens[*bg]);
            let ratio = contrast(f, b);
            assert!(
                ratio >= 4.5,
                "{theme}: --{fg} on --{bg} is {ratio:.2}:1, below 4.5:1"
            );
        }
    }
}

#[test]
fn the_contrast_formula_matches_wcag() {
    let black = (0.0, 0.0, 0.0);
    let white = (1.0, 1.0, 1.0);
    assert!((contrast(black, white) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-9);
}
