//! The core's architecture, checked rather than described: its top-level modules import one
//! another without a loop, and the store at the bottom knows no domain module. Read from the
//! source text (`crate::module` paths), so a new import that closes a loop fails here.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules the store may use: the pieces below every domain module.
const BELOW_STORE: &[&str] = &["error", "dates", "check", "fsio"];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to: `report/figures.rs` → `report`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then(|| name.to_string())
}

/// Every `crate::name` a text refers to, in `use` lines and in paths alike; braces after
/// `crate::` (`use crate::{dates, idcard}`) count each name inside.
fn referenced_modules(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(inner) = rest.strip_prefix('{') {
                let end = inner.find('}').unwrap_or(inner.len());
                for part in inner[..end].split(',') {
                    let name: String = part
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.insert(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        }
    }
    found
}

fn core_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = module_of(&src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read source");
        let targets = graph.entry(from.clone()).or_default();
        for to in referenced_modules(&text) {
            // Names re-exported at the crate root (`crate::Error`) are not modules.
            if to != from && modules.contains(&to) {
                targets.insert(to);
            }
        }
    }
    graph
}

/// The first loop found, as the modules along it (`a → b → a`), or None.
fn find_loop(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_core_modules_import_each_other_without_a_loop() {
    let graph = core_graph();
    assert!(graph.len() > 10, "the core's modules were found: {graph:?}");
    if let Some(cycle) = find_loop(&graph) {
        panic!("import loop in zhibu-core: {}", cycle.join(" → "));
    }
}

#[test]
fn the_store_knows_no_domain_module() {
    let graph = core_graph();
    let used: Vec<&String> = graph["store"]
        .iter()
        .filter(|m| !BELOW_STORE.contains(&m.as_str()))
        .collect();
    assert!(used.is_empty(), "store imports domain modules: {used:?}");
}

// The checks above must be able to fail: the same functions on texts and graphs with a loop.

#[test]
fn a_loop_is_found_and_named() {
    let mut graph = Graph::new();
    let edge = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
    };
    edge(&mut graph, "report", "meeting");
    edge(&mut graph, "meeting", "member");
    edge(&mut graph, "member", "store");
    assert_eq!(find_loop(&graph), None);
    edge(&mut graph, "store", "meeting");
    assert_eq!(
        find_loop(&graph),
        Some(vec![
            "meeting".into(),
            "member".into(),
            "store".into(),
            "meeting".into()
        ])
    );
}

#[test]
fn imports_are_read_from_use_lines_and_paths() {
    let text = "use crate::{dates, idcard::parse};\nuse crate::store::Store;\n\
                let x = crate::roster::strokes::compare(a, b); // crate::commented\n";
    let found: Vec<String> = referenced_modules(text).into_iter().collect();
    assert_eq!(found, ["dates", "idcard", "roster", "store"]);
}

/// A file a newcomer can read: every Rust source file of the four crates stays under this many
/// lines; a file growing past it is split by concern.
const MAX_LINES: usize = 700;

#[test]
fn no_source_file_is_over_the_line_limit() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["core/src", "typeset/src", "cli/src", "src"] {
        rust_files(&crates.join(dir), &mut files);
    }
    assert!(
        files.len() > 40,
        "the crates' sources were found: {}",
        files.len()
    );
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines})", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}
