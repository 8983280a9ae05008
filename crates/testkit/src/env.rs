//! Where a generation's variables come from: the process environment and the env file that
//! `scripts/manager --generation <n> start` writes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The variables that say which manager to reach and as whom. They belong to one
/// generation's env file, so they are never carried over to another generation's manager.
pub(crate) const IDENTITY_VARS: [&str; 7] = [
    "BACKEND_ENDPOINT",
    "BACKEND_ACCESS_KEY",
    "BACKEND_SECRET_KEY",
    "BACKENDAI_TEST_USER_ACCESS_KEY",
    "BACKENDAI_TEST_USER_SECRET_KEY",
    "BACKENDAI_TEST_GENERATION",
    "BACKENDAI_ENV_FILE",
];

/// The state folder of a generation: its variable and its folder under the workspace root.
fn state_folder(generation: u32) -> (&'static str, &'static str) {
    match generation {
        26 => ("BACKENDAI_STATE26_DIR", ".state26"),
        _ => ("BACKENDAI_STATE_DIR", ".state"),
    }
}

/// The env file of `generation`: `<state folder>/env`, the folder from its variable or found
/// by walking up from the crate under test to the workspace root.
pub(crate) fn generation_env_file(
    generation: u32,
    process: &HashMap<String, String>,
) -> Option<PathBuf> {
    let (variable, folder) = state_folder(generation);
    if let Some(dir) = process.get(variable) {
        return Some(Path::new(dir).join("env"));
    }
    let start = process.get("CARGO_MANIFEST_DIR")?;
    Path::new(start)
        .ancestors()
        .map(|dir| dir.join(folder).join("env"))
        .find(|candidate| candidate.is_file())
}

/// The env file of this run: `BACKENDAI_ENV_FILE`, else that of `BACKENDAI_TEST_GENERATION`
/// (23 when unset).
pub(crate) fn run_env_file(process: &HashMap<String, String>) -> Option<PathBuf> {
    if let Some(path) = process.get("BACKENDAI_ENV_FILE") {
        return Some(PathBuf::from(path));
    }
    let generation = process
        .get("BACKENDAI_TEST_GENERATION")
        .and_then(|g| g.trim().parse().ok())
        .unwrap_or(crate::DEFAULT_GENERATION);
    generation_env_file(generation, process)
}

/// The file's variables (when it can be read) with `process` over them.
pub(crate) fn layered(
    file: Option<&Path>,
    process: impl IntoIterator<Item = (String, String)>,
) -> HashMap<String, String> {
    let mut vars: HashMap<String, String> = HashMap::new();
    if let Some(text) = file.and_then(|path| std::fs::read_to_string(path).ok()) {
        vars.extend(parse_env_file(&text));
    }
    vars.extend(process);
    vars
}

/// Parses `KEY=value` lines, with an optional `export ` prefix and optional quotes.
pub(crate) fn parse_env_file(text: &str) -> impl Iterator<Item = (String, String)> + '_ {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (key, value) = line.split_once('=')?;
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Some((key.trim().to_string(), value.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manager::map;

    #[test]
    fn env_file_lines_are_parsed_with_exports_and_quotes() {
        let parsed: HashMap<_, _> =
            parse_env_file("# comment\nexport A=1\nB=\"two words\"\n\nC='x=y'\nnot a pair\n")
                .collect();
        assert_eq!(parsed.get("A").map(String::as_str), Some("1"));
        assert_eq!(parsed.get("B").map(String::as_str), Some("two words"));
        assert_eq!(parsed.get("C").map(String::as_str), Some("x=y"));
        assert_eq!(parsed.len(), 3);
    }

    #[test]
    fn each_generation_has_its_own_state_folder_variable() {
        let process = map(&[
            ("BACKENDAI_STATE_DIR", "/s23"),
            ("BACKENDAI_STATE26_DIR", "/s26"),
        ]);
        assert_eq!(
            generation_env_file(23, &process),
            Some(PathBuf::from("/s23/env"))
        );
        assert_eq!(
            generation_env_file(26, &process),
            Some(PathBuf::from("/s26/env"))
        );
    }

    #[test]
    fn the_run_follows_the_env_file_then_the_generation() {
        let named = map(&[
            ("BACKENDAI_ENV_FILE", "/x/env"),
            ("BACKENDAI_TEST_GENERATION", "26"),
        ]);
        assert_eq!(run_env_file(&named), Some(PathBuf::from("/x/env")));
        let by_generation = map(&[
            ("BACKENDAI_TEST_GENERATION", "26"),
            ("BACKENDAI_STATE26_DIR", "/s26"),
            ("BACKENDAI_STATE_DIR", "/s23"),
        ]);
        assert_eq!(
            run_env_file(&by_generation),
            Some(PathBuf::from("/s26/env"))
        );
        let default = map(&[("BACKENDAI_STATE_DIR", "/s23")]);
        assert_eq!(run_env_file(&default), Some(PathBuf::from("/s23/env")));
    }

    #[test]
    fn the_process_environment_wins_over_the_file() {
        let dir = std::env::temp_dir().join(format!("backendai-env-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("env");
        std::fs::write(&file, "A=file\nB=file\n").unwrap();
        let vars = layered(Some(&file), map(&[("B", "process")]));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(vars["A"], "file");
        assert_eq!(vars["B"], "process");
        assert!(layered(Some(Path::new("/no/such/env")), map(&[])).is_empty());
    }
}
