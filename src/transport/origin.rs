//! `client.allowed_origins` check: empty list allows only requests without Origin; `*` patterns match.

use crate::channel::glob_match;

/// Whether a request with this Origin header (if any) may connect.
pub(crate) fn allowed(origin: Option<&str>, patterns: &[String]) -> bool {
    let origin = match origin {
        None => return true,
        Some(o) => o.to_ascii_lowercase(),
    };
    patterns
        .iter()
        .any(|p| glob_match(&p.to_ascii_lowercase(), &origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_rules() {
        let none: Vec<String> = vec![];
        assert!(allowed(None, &none));
        assert!(!allowed(Some("http://a.com"), &none));
        let star = vec!["*".to_string()];
        assert!(allowed(Some("http://a.com"), &star));
        let sub = vec![
            "https://*.example.com".to_string(),
            "http://localhost:3000".to_string(),
        ];
        assert!(allowed(Some("https://app.example.com"), &sub));
        assert!(allowed(Some("HTTP://LOCALHOST:3000"), &sub));
        assert!(!allowed(Some("https://example.org"), &sub));
        assert!(!allowed(Some("http://localhost:3001"), &sub));
    }
}
