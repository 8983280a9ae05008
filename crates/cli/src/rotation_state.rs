//! Where a stopped key rotation's progress is kept between runs, so that running the same
//! command again resumes it: one JSON file per key (no secret is in it), under
//! `$BACKENDAI_ROTATION_STATE_DIR`, else `$XDG_STATE_HOME/backend-ai/rotations`, else
//! `~/.local/state/backend-ai/rotations`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use backendai_keypair::rotate::RotationProgress;

/// The progress file of the rotation of one key.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
}

impl StateFile {
    /// The file for `access_key` in the state folder the environment names; `None` when
    /// it names none (no `HOME`).
    pub fn for_key(access_key: &str) -> Option<StateFile> {
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        let dir = var("BACKENDAI_ROTATION_STATE_DIR")
            .map(PathBuf::from)
            .or_else(|| var("XDG_STATE_HOME").map(|d| Path::new(&d).join("backend-ai/rotations")))
            .or_else(|| {
                var("HOME").map(|h| Path::new(&h).join(".local/state/backend-ai/rotations"))
            })?;
        // Access keys hold letters, digits, '-', '_' and '.' only: no separator gets in.
        Some(StateFile {
            path: dir.join(format!("rotate-{access_key}.json")),
        })
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The progress an earlier run left, if any.
    pub fn load(&self) -> io::Result<Option<RotationProgress>> {
        match fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Writes `progress` (to a new file renamed into place: a crash never leaves half).
    pub fn save(&self, progress: &RotationProgress) -> io::Result<()> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(progress).map_err(io::Error::other)?;
        let partial = self.path.with_extension("json.partial");
        fs::write(&partial, json)?;
        fs::rename(&partial, &self.path)
    }

    /// Removes it (the rotation is finished).
    pub fn remove(&self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
