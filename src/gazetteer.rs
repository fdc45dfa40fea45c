//! The reference data embedded from `db/gazetteer/`: states, Uttar Pradesh's
//! divisions, districts, regions and assembly constituencies, parties and
//! leaders. Parsed once and checked for integrity; `store` copies it into
//! the database and `extract` builds its matchers from it.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::Error;

const STATES: &str = include_str!("../db/gazetteer/states.csv");
const DIVISIONS: &str = include_str!("../db/gazetteer/divisions.csv");
const DISTRICTS: &str = include_str!("../db/gazetteer/districts.csv");
const REGIONS: &str = include_str!("../db/gazetteer/regions.csv");
const CONSTITUENCIES: &str = include_str!("../db/gazetteer/assembly_constituencies.csv");
const PARTIES: &str = include_str!("../db/gazetteer/parties.csv");
const PEOPLE: &str = include_str!("../db/gazetteer/people.csv");

/// The ISO code of the state whose divisions and districts the gazetteer holds.
pub const HOME_STATE: &str = "UP";

#[derive(Debug, Clone, Deserialize)]
pub struct State {
    pub code: String,
    pub name_en: String,
    pub name_hi: String,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Division {
    pub name_en: String,
    pub name_hi: String,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
    pub headquarters: String,
}

impl Division {
    /// How a division is written as such: any of its names followed by
    /// मंडल or "division" ("गोरखपुर मंडल", "Allahabad division"). A bare
    /// name is the district's.
    pub fn names_as_division(&self) -> Vec<String> {
        [&self.name_en, &self.name_hi]
            .into_iter()
            .chain(&self.aliases)
            .flat_map(|n| [format!("{n} मंडल"), format!("{n} division")])
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct District {
    pub name_en: String,
    pub name_hi: String,
    pub division: String,
    pub lgd_code: String,
    pub census2011_code: Option<String>,
    pub hq_town: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
    #[serde(deserialize_with = "split_aliases")]
    pub ambiguity: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Region {
    pub name_en: String,
    pub name_hi: String,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
    pub definition: String,
    #[serde(deserialize_with = "split_districts")]
    pub districts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AssemblyConstituency {
    pub number: u32,
    pub name_en: String,
    pub name_hi: Option<String>,
    pub district: String,
    pub reservation: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Party {
    pub code: String,
    pub name_en: String,
    pub name_hi: String,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
    #[serde(deserialize_with = "split_aliases")]
    pub context_aliases: Vec<String>,
    pub colour: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    pub name_en: String,
    pub name_hi: String,
    pub party: Option<String>,
    pub role: String,
    #[serde(deserialize_with = "split_aliases")]
    pub aliases: Vec<String>,
}

impl Person {
    /// Stable key: the English name, lower-cased, spaces to dashes.
    pub fn key(&self) -> String {
        slug(&self.name_en)
    }
}

/// A place's stable key in the store: "district:sant-kabir-nagar".
pub fn place_key(kind: &str, name_en: &str) -> String {
    format!("{kind}:{}", slug(name_en))
}

fn slug(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// All the reference data, parsed and checked.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub states: Vec<State>,
    pub divisions: Vec<Division>,
    pub districts: Vec<District>,
    pub regions: Vec<Region>,
    pub constituencies: Vec<AssemblyConstituency>,
    pub parties: Vec<Party>,
    pub people: Vec<Person>,
}

impl Gazetteer {
    /// The gazetteer compiled into this binary.
    pub fn embedded() -> Result<Gazetteer, Error> {
        let g = Gazetteer {
            states: parse("states.csv", STATES)?,
            divisions: parse("divisions.csv", DIVISIONS)?,
            districts: parse("districts.csv", DISTRICTS)?,
            regions: parse("regions.csv", REGIONS)?,
            constituencies: parse("assembly_constituencies.csv", CONSTITUENCIES)?,
            parties: parse("parties.csv", PARTIES)?,
            people: parse("people.csv", PEOPLE)?,
        };
        g.check()?;
        Ok(g)
    }

    /// A fingerprint of the embedded files: the store reloads its reference
    /// tables when this changes.
    pub fn fingerprint() -> String {
        let mut h = Sha256::new();
        for part in [
            STATES,
            DIVISIONS,
            DISTRICTS,
            REGIONS,
            CONSTITUENCIES,
            PARTIES,
            PEOPLE,
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex(&h.finalize())
    }

    pub fn district(&self, name_en: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.name_en == name_en)
    }

    /// Integrity rules a wrong edit of the CSVs must not slip past.
    fn check(&self) -> Result<(), Error> {
        let bad = |msg: String| Err(Error::Gazetteer(msg));
        for d in &self.districts {
            if !self.divisions.iter().any(|v| v.name_en == d.division) {
                return bad(format!(
                    "district {} names unknown division {}",
                    d.name_en, d.division
                ));
            }
        }
        for v in &self.divisions {
            match self.district(&v.headquarters) {
                Some(d) if d.division == v.name_en => {}
                _ => {
                    return bad(format!(
                        "division {} has headquarters {} outside it",
                        v.name_en, v.headquarters
                    ));
                }
            }
        }
        for r in &self.regions {
            if let Some(unknown) = r.districts.iter().find(|d| self.district(d).is_none()) {
                return bad(format!(
                    "region {} names unknown district {unknown}",
                    r.name_en
                ));
            }
        }
        for c in &self.constituencies {
            if self.district(&c.district).is_none() {
                return bad(format!(
                    "constituency {} names unknown district {}",
                    c.number, c.district
                ));
            }
        }
        for p in &self.people {
            if let Some(code) = &p.party
                && !self.parties.iter().any(|x| &x.code == code)
            {
                return bad(format!("{} names unknown party {code}", p.name_en));
            }
        }
        if !self.states.iter().any(|s| s.code == HOME_STATE) {
            return bad(format!("states.csv lacks {HOME_STATE}"));
        }
        Ok(())
    }
}

fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<Vec<T>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    reader
        .deserialize()
        .map(|row| {
            row.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                Error::Gazetteer(format!("db/gazetteer/{file} line {line}: {e}"))
            })
        })
        .collect()
}

fn split_aliases<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    split_on(d, '|')
}

fn split_districts<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    split_on(d, ';')
}

fn split_on<'de, D: serde::Deserializer<'de>>(d: D, sep: char) -> Result<Vec<String>, D::Error> {
    let s = String::deserialize(d)?;
    Ok(s.split(sep)
        .map(|a| crate::text::nfc(a.trim()))
        .filter(|a| !a.is_empty())
        .collect())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn gazetteer() -> Gazetteer {
        Gazetteer::embedded().expect("embedded gazetteer parses and checks")
    }

    #[test]
    fn uttar_pradesh_has_75_districts_in_18_divisions() {
        let g = gazetteer();
        assert_eq!(g.districts.len(), 75);
        assert_eq!(g.divisions.len(), 18);
        let names: HashSet<_> = g.districts.iter().map(|d| &d.name_en).collect();
        assert_eq!(names.len(), 75, "district names are unique");
        for v in &g.divisions {
            let n = g
                .districts
                .iter()
                .filter(|d| d.division == v.name_en)
                .count();
            assert!(n >= 3, "division {} has {n} districts", v.name_en);
        }
    }

    #[test]
    fn known_district_to_division_mappings() {
        let g = gazetteer();
        for (district, division) in [
            ("Gorakhpur", "Gorakhpur"),
            ("Deoria", "Gorakhpur"),
            ("Kushinagar", "Gorakhpur"),
            ("Maharajganj", "Gorakhpur"),
            ("Basti", "Basti"),
            ("Sant Kabir Nagar", "Basti"),
            ("Siddharthnagar", "Basti"),
            ("Azamgarh", "Azamgarh"),
            ("Mau", "Azamgarh"),
            ("Ballia", "Azamgarh"),
            ("Varanasi", "Varanasi"),
            ("Jaunpur", "Varanasi"),
            ("Ghazipur", "Varanasi"),
            ("Chandauli", "Varanasi"),
            ("Bhadohi", "Mirzapur"),
            ("Ambedkar Nagar", "Ayodhya"),
            ("Amethi", "Ayodhya"),
        ] {
            assert_eq!(
                g.district(district).unwrap().division,
                division,
                "{district}"
            );
        }
    }

    #[test]
    fn lgd_codes_are_unique_and_coordinates_inside_uttar_pradesh() {
        let g = gazetteer();
        let codes: HashSet<_> = g.districts.iter().map(|d| &d.lgd_code).collect();
        assert_eq!(codes.len(), 75);
        for d in &g.districts {
            assert!(
                (23.8..=30.5).contains(&d.lat),
                "{} lat {}",
                d.name_en,
                d.lat
            );
            assert!(
                (77.0..=84.7).contains(&d.lon),
                "{} lon {}",
                d.name_en,
                d.lon
            );
        }
    }

    #[test]
    fn no_alias_names_two_districts() {
        let g = gazetteer();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for d in &g.districts {
            let names = std::iter::once(&d.name_en)
                .chain(std::iter::once(&d.name_hi))
                .chain(&d.aliases);
            for name in names {
                let key = crate::text::fold(name);
                if let Some(other) = seen.insert(key, &d.name_en) {
                    assert_eq!(other, d.name_en, "alias {name} names two districts");
                }
            }
        }
    }

    #[test]
    fn former_names_are_aliases() {
        let g = gazetteer();
        for (district, alias) in [
            ("Prayagraj", "Allahabad"),
            ("Prayagraj", "इलाहाबाद"),
            ("Ayodhya", "Faizabad"),
            ("Varanasi", "Banaras"),
            ("Varanasi", "काशी"),
            ("Bhadohi", "Sant Ravidas Nagar"),
            ("Maharajganj", "महराजगंज"),
        ] {
            let d = g.district(district).unwrap();
            let want = crate::text::fold(alias);
            let mut names = d.aliases.iter().chain([&d.name_hi, &d.name_en]);
            assert!(
                names.any(|a| crate::text::fold(a) == want),
                "{district} lacks alias {alias}"
            );
        }
    }

    #[test]
    fn regions_and_constituencies() {
        let g = gazetteer();
        let purvanchal = g
            .regions
            .iter()
            .find(|r| r.name_en == "Purvanchal")
            .unwrap();
        for d in ["Gorakhpur", "Basti", "Azamgarh", "Varanasi", "Jaunpur"] {
            assert!(purvanchal.districts.iter().any(|x| x == d), "{d}");
        }
        assert_eq!(g.constituencies.len(), 403);
        let numbers: HashSet<_> = g.constituencies.iter().map(|c| c.number).collect();
        assert_eq!(numbers, (1..=403).collect());
        let seats = |d: &str| g.constituencies.iter().filter(|c| c.district == d).count();
        assert_eq!(seats("Gorakhpur"), 9);
        assert_eq!(seats("Lucknow"), 9);
    }

    #[test]
    fn parties_cover_the_label_codes() {
        let g = gazetteer();
        for code in [
            "BJP", "SP", "BSP", "INC", "AIMIM", "RLD", "SBSP", "ADS", "NISHAD", "AAP", "ASP",
            "PECP", "JDU", "RJD",
        ] {
            assert!(g.parties.iter().any(|p| p.code == code), "{code}");
        }
        let owaisi = g
            .people
            .iter()
            .find(|p| p.name_en == "Asaduddin Owaisi")
            .unwrap();
        assert_eq!(owaisi.party.as_deref(), Some("AIMIM"));
    }
}
