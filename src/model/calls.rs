//! Where a `sub`'s `calls` leads: the one rule that lint's `sub-target`
//! and the language server's go-to-definition share. Takes the calling
//! file, the project root (`project.root` in `crmflow.yaml`, else that
//! file's folder; `None`: the calling flow's own folder) and the `calls`
//! text; gives the called file's identity through the [`World`], or why it
//! is not a file `calls` may name: not a `.crmflow` file, no such file, or
//! outside the project root (reached by `..`, an absolute path or a
//! symlink).

use crate::files::normalize;
use crate::i18n::{Message, t};
use crate::world::World;
use std::path::{Path, PathBuf};

/// The folder `calls` resolve against and the root they may not leave.
#[derive(Clone, Debug)]
pub struct CallsScope {
    /// The calling file's folder.
    pub base: PathBuf,
    /// The project root (an identity).
    pub root: PathBuf,
}

impl CallsScope {
    /// The scope of the flow at `path` (`None`: standard input, resolved
    /// against the working directory) under the configured root.
    pub fn of(world: &dyn World, path: Option<&Path>, configured_root: Option<&Path>) -> Self {
        let here = path.and_then(|path| world.identity(path).ok());
        let base = match (&here, path) {
            (Some(file), _) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
            (None, Some(path)) => {
                normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            }
            (None, None) => std::env::current_dir().unwrap_or_default(),
        };
        let root = match configured_root {
            Some(root) => world.identity(root).unwrap_or_else(|_| root.to_path_buf()),
            None => world.identity(&base).unwrap_or_else(|_| base.clone()),
        };
        CallsScope { base, root }
    }

    /// The file a `calls` text names from a file in `base`: its identity,
    /// or why it is not one `calls` may name.
    pub fn resolve(&self, world: &dyn World, base: &Path, calls: &str) -> Result<PathBuf, Message> {
        let path = Path::new(calls);
        if path.extension().and_then(|e| e.to_str()) != Some("crmflow") {
            return Err(t("lint-sub-flow-crmflow-file"));
        }
        let identity = world
            .identity(&normalize(&base.join(path)))
            .map_err(|reason| t("verbatim").arg("text", reason))?;
        if !identity.starts_with(&self.root) {
            return Err(t("lint-outside-project-folder-which-calls")
                .arg("root", self.root.display().to_string()));
        }
        Ok(identity)
    }
}
