//! Regions as users define them. Purvanchal has no official border, and a
//! reporter's beat is no gazetteer region, so a user may name a region of
//! districts: with `chunav regions add`, or in `chunav/regions.toml` in the
//! XDG config directory:
//!
//! ```toml
//! [[region]]
//! name = "My beat"
//! hindi = "मेरी बीट"
//! districts = ["Gorakhpur", "देवरिया", "Padrauna"]
//! ```
//!
//! The file wins: its regions are copied into the store whenever it
//! changes, replacing one of the same name added by command, and the
//! commands cannot change or remove a region the file defines.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::model::PlaceKind;
use crate::query::{NameField, Query, Term, nearest};
use crate::store::{NewRegion, Store, name_taken};
use crate::{Error, Result};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    region: Vec<FileRegion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRegion {
    name: Spanned<String>,
    hindi: Option<String>,
    districts: Vec<Spanned<String>>,
}

/// The regions file's default place.
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("chunav").join("regions.toml"))
}

/// The district a user means by `name`, in any script or former name; an
/// unknown name is an error with the nearest district.
pub fn district(store: &Store, name: &str) -> Result<i64> {
    match store.find_place(name, &[PlaceKind::District])? {
        Some((id, _)) => Ok(id),
        None => Err(Error::UnknownName {
            kind: "district",
            name: name.trim().to_string(),
            suggestion: nearest(name, store.place_names(&[PlaceKind::District])?.into_iter()),
        }),
    }
}

/// A region from the command line: districts comma-separated.
pub fn from_args(
    store: &Store,
    name: &str,
    hindi: Option<&str>,
    districts: &str,
) -> Result<NewRegion> {
    let ids = districts
        .split(',')
        .filter(|d| !d.trim().is_empty())
        .map(|d| district(store, d))
        .collect::<Result<Vec<i64>>>()?;
    new_region(name, hindi, ids)
}

fn new_region(name: &str, hindi: Option<&str>, districts: Vec<i64>) -> Result<NewRegion> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("a region needs a name".into()));
    }
    if districts.is_empty() {
        return Err(Error::Invalid(format!(
            "the region {name:?} needs at least one district"
        )));
    }
    Ok(NewRegion {
        name_en: name.to_string(),
        name_hi: hindi
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(String::from),
        districts,
    })
}

/// The regions in a regions file's text, districts looked up. A mistake is
/// an error naming the file and line.
pub fn parse_file(store: &Store, text: &str, file: &str) -> Result<Vec<NewRegion>> {
    let line_at = |at: usize| text[..at.min(text.len())].matches('\n').count() as u64 + 1;
    let invalid = |span: Option<Range<usize>>, reason: String| Error::Input {
        file: file.to_string(),
        line: span.map(|s| line_at(s.start)),
        reason,
    };
    let parsed: File =
        toml::from_str(text).map_err(|e| invalid(e.span(), e.message().to_string()))?;
    let mut regions: Vec<NewRegion> = Vec::new();
    for r in parsed.region {
        let mut ids = Vec::new();
        for d in &r.districts {
            ids.push(
                district(store, d.get_ref()).map_err(|e| invalid(Some(d.span()), e.to_string()))?,
            );
        }
        let region = new_region(r.name.get_ref(), r.hindi.as_deref(), ids)
            .map_err(|e| invalid(Some(r.name.span()), e.to_string()))?;
        for name in std::iter::once(&region.name_en).chain(&region.name_hi) {
            if let Some(other) = store.gazetteer_place_named(name)? {
                return Err(invalid(
                    Some(r.name.span()),
                    name_taken(name, &other).to_string(),
                ));
            }
        }
        if regions
            .iter()
            .any(|other| crate::text::fold(&other.name_en) == crate::text::fold(&region.name_en))
        {
            return Err(invalid(
                Some(r.name.span()),
                format!("the region {:?} is defined twice", region.name_en),
            ));
        }
        regions.push(region);
    }
    Ok(regions)
}

/// Copies the regions file at `path` into the store when it has changed
/// since last copied; an absent file takes its regions away again.
pub fn apply_file(store: &mut Store, path: &Path) -> Result<()> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let shown = path.display().to_string();
    let fingerprint = match &text {
        Some(text) => {
            let mut h = Sha256::new();
            h.update(shown.as_bytes());
            h.update([0]);
            h.update(text.as_bytes());
            crate::gazetteer::hex(&h.finalize())
        }
        // A store that never saw a file has nothing to take away.
        None if store.regions_file_fingerprint()?.is_none() => return Ok(()),
        None => "none".to_string(),
    };
    if store.regions_file_fingerprint()?.as_deref() == Some(fingerprint.as_str()) {
        return Ok(());
    }
    let regions = match &text {
        Some(text) => parse_file(store, text, &shown)?,
        None => Vec::new(),
    };
    store.sync_file_regions(&shown, &fingerprint, &regions)
}

/// The user regions a query names, each as (name, its districts), so that
/// an export says what a region of the user's own stands for.
pub fn described_in(store: &Store, query: &str) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    let query = Query::parse(query)?;
    for clause in &query.clauses {
        let Term::Names { field, names } = &clause.term else {
            continue;
        };
        if matches!(
            field,
            NameField::Party | NameField::Person | NameField::Outlet
        ) {
            continue;
        }
        for name in names {
            if let Some(region) = store.user_region(&name.text)?
                && !out.iter().any(|(n, _)| *n == region.name_en)
            {
                let hindi = region
                    .name_hi
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                out.push((
                    format!("{}{hindi}", region.name_en),
                    format!("your region of {}", region.districts.join(", ")),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_names_districts_in_any_script() {
        let store = Store::open_in_memory().unwrap();
        let text = "[[region]]\nname = \"My beat\"\nhindi = \"मेरी बीट\"\ndistricts = [\"Gorakhpur\", \"देवरिया\", \"allahabad\"]\n";
        let regions = parse_file(&store, text, "r.toml").unwrap();
        assert_eq!(regions.len(), 1);
        assert_eq!(regions[0].name_hi.as_deref(), Some("मेरी बीट"));
        assert_eq!(regions[0].districts.len(), 3);
    }

    #[test]
    fn mistakes_name_the_file_line_and_nearest_district() {
        let store = Store::open_in_memory().unwrap();
        let e = parse_file(
            &store,
            "[[region]]\nname = \"Beat\"\ndistricts = [\n  \"Gorakhpur\",\n  \"Gorakpur\",\n]\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("r.toml line 5:"), "{e}");
        assert!(e.contains("did you mean Gorakhpur"), "{e}");
        let e = parse_file(&store, "[[region]]\nnmae = \"x\"\n", "r.toml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("r.toml line 2:"), "{e}");
        let e = parse_file(
            &store,
            "[[region]]\nname = \"A\"\ndistricts = []\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("line 2") && e.contains("at least one district"),
            "{e}"
        );
    }
}
