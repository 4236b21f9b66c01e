//! The README's Layout table is the library's import rule: a module may use only the modules listed
//! above it. This reads the table and every `crate::` path in `src/`, so neither can drift.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Module name -> rank (row of the table), from the README's Layout section.
fn table() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let layout = readme
        .split("\n## Layout")
        .nth(1)
        .expect("README has a Layout section");
    layout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('`').nth(1).map(str::to_string))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of `src/` belongs to (None for lib.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// Test code (a `tests` file or directory, or what follows `#[cfg(test)]`) may reach anywhere.
fn production_code(file: &Path, text: &str) -> String {
    if file
        .components()
        .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs")
    {
        return String::new();
    }
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_module_imports_one_listed_below_it() {
    let order = table();
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let path = regex::Regex::new(r"\bcrate::([a-z_]+)").expect("regex");
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(&own) = rank.get(module.as_str()) else {
            problems.push(format!(
                "module `{module}` is not in the README's Layout table"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read file");
        for cap in path.captures_iter(&production_code(file, &text)) {
            let target = &cap[1];
            match rank.get(target) {
                Some(&r) if r > own => problems.push(format!(
                    "{}: `{module}` imports `{target}`, listed below it",
                    file.display()
                )),
                Some(_) => {}
                None => problems.push(format!(
                    "{}: `crate::{target}` is not a module in the Layout table",
                    file.display()
                )),
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(order.len() >= 10, "the table was read: {order:?}");
}
