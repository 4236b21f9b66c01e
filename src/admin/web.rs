//! The admin UI's static files: embedded in the binary (`src/admin/web/`), or read from the
//! `admin.web_path` directory when it is set (for a custom build of the UI).

use std::path::{Path, PathBuf};
use warp::http::{HeaderValue, StatusCode};
use warp::Reply;

/// The embedded UI: path below the prefix -> (content type, bytes).
const EMBEDDED: &[(&str, &str, &[u8])] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_bytes!("web/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("web/app.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("web/style.css"),
    ),
];

/// Content type by file extension for files from `admin.web_path`.
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn file_reply(content_type: &'static str, body: Vec<u8>) -> warp::reply::Response {
    let mut r = warp::reply::with_status(body, StatusCode::OK).into_response();
    let h = r.headers_mut();
    h.insert("content-type", HeaderValue::from_static(content_type));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    // The UI holds an admin token: it must not be framed by another site.
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    r
}

/// The relative path below `dir` a request path names, or None when it could leave the directory
/// (`..`, backslashes, NUL, percent-escapes, which are refused rather than decoded).
fn safe_relative(rel: &str) -> Option<PathBuf> {
    if rel.contains(['\\', '\0', '%']) {
        return None;
    }
    let mut out = PathBuf::new();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." {
            return None;
        }
        out.push(part);
    }
    Some(out)
}

/// Serves `rel` (the request path below `<prefix>/`, no leading slash); None when there is no
/// such file, so the request can go on to other routes.
pub(super) async fn serve(web_path: &str, rel: &str) -> Option<warp::reply::Response> {
    if web_path.is_empty() {
        let rel = if rel.is_empty() { "index.html" } else { rel };
        return EMBEDDED
            .iter()
            .find(|(name, _, _)| *name == rel)
            .map(|(_, ct, body)| file_reply(ct, body.to_vec()));
    }
    let mut path = Path::new(web_path).join(safe_relative(rel)?);
    if tokio::fs::metadata(&path).await.ok()?.is_dir() {
        path.push("index.html");
    }
    match tokio::fs::read(&path).await {
        Ok(body) => Some(file_reply(content_type(&path), body)),
        Err(e) => {
            tracing::debug!(path = %path.display(), error = %e, "admin web file not served");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_web_directory() {
        assert_eq!(safe_relative(""), Some(PathBuf::new()));
        assert_eq!(
            safe_relative("js/app.js"),
            Some(PathBuf::from("js").join("app.js"))
        );
        for bad in [
            "../etc/passwd",
            "a/../../b",
            "./x",
            "a\\..\\b",
            "%2e%2e/x",
            "a\0",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn embedded_files_are_served_and_others_are_not() {
        let index = serve("", "").await.expect("index");
        assert_eq!(index.headers()["content-type"], "text/html; charset=utf-8");
        assert!(serve("", "app.js").await.is_some());
        assert!(serve("", "style.css").await.is_some());
        assert!(serve("", "missing.js").await.is_none());
        assert!(serve("", "../Cargo.toml").await.is_none());
    }

    #[tokio::test]
    async fn web_path_serves_its_directory_only() {
        let dir = std::env::temp_dir().join(format!("cf-admin-web-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
        std::fs::write(dir.join("index.html"), "<p>custom</p>").expect("write");
        std::fs::write(dir.join("sub").join("a.css"), "p{}").expect("write");
        let root = dir.to_string_lossy().to_string();
        let r = serve(&root, "").await.expect("index");
        assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
        let r = serve(&root, "sub/a.css").await.expect("css");
        assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
        assert!(serve(&root, "app.js").await.is_none());
        assert!(serve(&root, "../x").await.is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
