//! Horizontal bars of the figures pages. Their length is a class naming a
//! whole percentage (`hbar w-37`, style/components/advocacy.css): the
//! Content-Security-Policy allows no inline style attribute.

/// The classes of a bar showing `value` against the largest value `peak`.
pub fn classes(value: f64, peak: f64) -> String {
    let percent = if peak > 0.0 && value.is_finite() {
        (value / peak * 100.0).round().clamp(0.0, 100.0) as u32
    } else {
        0
    };
    format!("hbar w-{percent}")
}

#[cfg(test)]
mod tests {
    use super::classes;

    #[test]
    fn a_bar_is_its_share_of_the_peak_in_whole_percent() {
        assert_eq!(classes(5.0, 10.0), "hbar w-50");
        assert_eq!(classes(10.0, 10.0), "hbar w-100");
        assert_eq!(classes(1.0, 3.0), "hbar w-33");
        assert_eq!(classes(0.0, 10.0), "hbar w-0");
        assert_eq!(classes(3.0, 0.0), "hbar w-0");
        assert_eq!(classes(30.0, 10.0), "hbar w-100");
    }
}
