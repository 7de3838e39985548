//! The `crmflow.yaml` that applies to each of many inputs.

use crate::SourceFile;
use crate::config::{self, Config};
use crate::diag::Diags;
use crate::world::World;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Finds and loads the config of each input (`explicit` wins for all)
/// from `world`:
/// each folder looked up once, each config read once. Gives one config per
/// input, or every broken config file with its errors.
pub fn configs_for(
    files: &[PathBuf],
    explicit: Option<&Path>,
    world: &dyn World,
) -> Result<Vec<Arc<Config>>, Vec<(SourceFile, Diags)>> {
    let mut loaded: HashMap<Option<PathBuf>, Result<Arc<Config>, ()>> = HashMap::new();
    let mut broken = Vec::new();
    let mut by_folder: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut configs = Vec::with_capacity(files.len());
    for file in files {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => {
                let folder = crate::pipeline::flow_folder(Some(file));
                by_folder
                    .entry(folder.clone())
                    .or_insert_with(|| config::discover(&folder, world))
                    .clone()
            }
        };
        let entry = loaded.entry(path.clone()).or_insert_with(|| match &path {
            None => Ok(Arc::new(Config::default())),
            Some(path) => config::load(path, world)
                .map(Arc::new)
                .map_err(|errors| broken.push(errors)),
        });
        if let Ok(config) = entry {
            configs.push(config.clone());
        }
    }
    if broken.is_empty() {
        Ok(configs)
    } else {
        Err(broken)
    }
}
