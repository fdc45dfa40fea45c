//! Regions users define, from the command line and the regions file, run
//! as a user runs chunav (with a config directory of the test's own).

mod common;

use std::path::PathBuf;

use common::Session;

/// A session with the sample articles loaded, and its regions file.
struct Beat(Session);

impl std::ops::Deref for Beat {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.0
    }
}

impl Beat {
    fn new() -> Beat {
        let s = Session::new();
        s.ok(&["demo"]);
        Beat(s)
    }

    fn regions_file(&self) -> PathBuf {
        self.config_home().join("chunav/regions.toml")
    }

    fn write_regions(&self, text: &str) {
        std::fs::create_dir_all(self.regions_file().parent().unwrap()).unwrap();
        std::fs::write(self.regions_file(), text).unwrap();
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "chunav {args:?} succeeded");
        String::from_utf8(out.stderr).unwrap()
    }

    /// The ids in the first column of a table listing.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        let mut ids: Vec<String> = self
            .ok(args)
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next().map(String::from))
            .collect();
        ids.sort();
        ids
    }
}

#[test]
fn a_region_of_ones_own_works_wherever_a_region_does() {
    let s = Beat::new();
    let added = s.ok(&[
        "regions",
        "add",
        "My beat",
        "--hindi",
        "मेरी बीट",
        "--districts",
        "gorakhpur,देवरिया,Padrauna",
    ]);
    assert!(
        added.contains("added region \"My beat\": Deoria, Gorakhpur, Kushinagar"),
        "{added}"
    );
    let list = s.ok(&["regions", "list"]);
    assert!(
        list.contains("My beat (मेरी बीट)  [yours]  3 districts"),
        "{list}"
    );
    assert!(list.contains("Purvanchal (पूर्वांचल)  [gazetteer]"), "{list}");
    let show = s.ok(&["regions", "show", "मेरी बीट"]);
    assert!(
        show.contains("districts  Deoria, Gorakhpur, Kushinagar (3)"),
        "{show}"
    );

    // The region is the union of its districts, by flag and by query, in
    // either of its names.
    let limit = ["--limit", "1000"];
    let by_districts = s.ids(
        &[
            &["events", "-q", "district:gorakhpur,deoria,kushinagar"][..],
            &limit,
        ]
        .concat(),
    );
    assert!(!by_districts.is_empty());
    assert_eq!(
        s.ids(&[&["events", "--region", "my beat"][..], &limit].concat()),
        by_districts
    );
    assert_eq!(
        s.ids(&[&["events", "-q", "region:\"मेरी बीट\""][..], &limit].concat()),
        by_districts
    );
    let articles = s.ids(
        &[
            &["articles", "-q", "district:gorakhpur,deoria,kushinagar"][..],
            &limit,
        ]
        .concat(),
    );
    assert_eq!(
        s.ids(&[&["articles", "--region", "My Beat"][..], &limit].concat()),
        articles
    );

    let places = s.ok(&["places"]);
    assert!(places.contains("your region My beat (मेरी बीट)"), "{places}");
    let export = s.ok(&["export", "--region", "my beat", "--format", "md"]);
    assert!(
        export.contains("My beat (मेरी बीट): your region of Deoria, Gorakhpur, Kushinagar"),
        "{export}"
    );

    // Changing it keeps the Hindi name; removing it takes it away everywhere.
    let changed = s.ok(&["regions", "add", "my beat", "--districts", "Mau"]);
    assert!(
        changed.contains("changed region \"my beat\": Mau"),
        "{changed}"
    );
    let show = s.ok(&["regions", "show", "My Beat"]);
    assert!(
        show.contains("hindi      मेरी बीट"),
        "the Hindi name stays: {show}"
    );
    assert!(s.ok(&["regions", "remove", "My beat"]).contains("removed"));
    assert!(!s.ok(&["regions", "list"]).contains("yours"));
    let e = s.fails(&["events", "--region", "my beat"]);
    assert!(e.contains("no region, division or state called"), "{e}");
}

#[test]
fn bad_districts_and_gazetteer_names_are_refused() {
    let s = Beat::new();
    let e = s.fails(&[
        "regions",
        "add",
        "Beat",
        "--districts",
        "Gorakhpur,Gorakpur",
    ]);
    assert!(
        e.contains("no district called \"Gorakpur\"; did you mean Gorakhpur?"),
        "{e}"
    );
    for name in ["Purvanchal", "पूर्वांचल", "Basti", "Bihar"] {
        let e = s.fails(&["regions", "add", name, "--districts", "Gorakhpur"]);
        assert!(
            e.contains("give your region a name of its own"),
            "{name}: {e}"
        );
    }
    let e = s.fails(&[
        "regions",
        "add",
        "Beat",
        "--hindi",
        "अवध",
        "--districts",
        "Mau",
    ]);
    assert!(e.contains("already names the region Awadh"), "{e}");
    let e = s.fails(&["regions", "remove", "Purvanchal"]);
    assert!(e.contains("a region of the gazetteer"), "{e}");
    // Gazetteer regions are untouched.
    let purvanchal = s.ok(&["regions", "show", "purvanchal"]);
    assert!(purvanchal.contains("(28)"), "{purvanchal}");
}

#[test]
fn the_regions_file_wins_and_its_mistakes_name_the_line() {
    let s = Beat::new();
    s.ok(&["regions", "add", "Doab", "--districts", "Kanpur Nagar"]);
    s.write_regions(
        "[[region]]\nname = \"Beat\"\nhindi = \"बीट\"\ndistricts = [\"Gorakhpur\", \"मऊ\"]\n\n\
         [[region]]\nname = \"Doab\"\ndistricts = [\n  \"Kanpur Nagar\",\n  \"Etawa\",\n]\n",
    );
    let e = s.fails(&["regions", "list"]);
    let file = s.regions_file().display().to_string();
    assert!(
        e.contains(&format!(
            "{file} line 10: no district called \"Etawa\"; did you mean Etawah?"
        )),
        "{e}"
    );

    s.write_regions(
        "[[region]]\nname = \"Beat\"\nhindi = \"बीट\"\ndistricts = [\"Gorakhpur\", \"मऊ\"]\n\n\
         [[region]]\nname = \"Doab\"\ndistricts = [\"Kanpur Nagar\", \"Etawah\"]\n",
    );
    let list = s.ok(&["regions", "list"]);
    assert!(
        list.contains(&format!(
            "Doab  [yours ({file})]  2 districts: Etawah, Kanpur Nagar"
        )),
        "the file's Doab replaces the command's: {list}"
    );
    assert!(list.contains("Beat (बीट)"), "{list}");
    let e = s.fails(&["regions", "add", "Beat", "--districts", "Ballia"]);
    assert!(
        e.contains("is defined in") && e.contains("change it there"),
        "{e}"
    );
    let e = s.fails(&["regions", "remove", "बीट"]);
    assert!(e.contains("remove it there"), "{e}");
    assert!(!s.ids(&["events", "-q", "region:बीट"]).is_empty());

    // The file's regions go with the file.
    std::fs::remove_file(s.regions_file()).unwrap();
    assert!(!s.ok(&["regions", "list"]).contains("yours"));

    s.write_regions("[[region]]\nname = \"Awadh\"\ndistricts = [\"Lucknow\"]\n");
    let e = s.fails(&["regions", "list"]);
    assert!(e.contains("already names the region Awadh"), "{e}");
}
