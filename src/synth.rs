//! Synthetic articles for benchmarks: campaign coverage in the shape of the
//! real thing (Hindi mostly, some English, 2-6 KB, dated over two years,
//! naming real districts, parties and leaders from the gazetteer), built
//! from our own sentence templates. The same seed gives the same corpus.
//!
//! A small share of articles come again: as exact duplicates, and as later
//! versions with an `updated` stamp, as feeds and re-imports deliver them.

use std::io::Write;

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};

use crate::gazetteer::Gazetteer;
use crate::model::{Language, MONTHS_EN, MONTHS_HI, NewArticle};

/// Hindi sentences about the campaign: {d} district, {p}/{q} parties, {l}
/// a leader, {t} a date phrase, {n} a number.
const HINDI: &[&str] = &[
    "{p} के {l} {t} {d} में जनसभा को संबोधित करेंगे।",
    "{d} में {p} कार्यकर्ताओं ने बूथ स्तर पर संगठन मजबूत करने के लिए बैठक की।",
    "{l} ने कहा कि पार्टी {d} की सभी सीटों पर प्रत्याशी उतारेगी।",
    "{t} {d} के जिला मुख्यालय पर {p} का सदस्यता अभियान शुरू हुआ।",
    "{p} के जिलाध्यक्ष ने बताया कि अब तक {n} नए सदस्य जोड़े गए हैं।",
    "{l} का {d} दौरा {t} प्रस्तावित है और तैयारियां तेज हो गई हैं।",
    "पदाधिकारियों को {t} ऑनलाइन प्रशिक्षण दिया जाएगा।",
    "{p} और {q} के बीच गठबंधन को लेकर चर्चा तेज है।",
    "पिछले चुनाव में {p} ने {d} में {n} सीटें जीती थीं।",
    "{l} ने पत्रकारों से बातचीत में विपक्ष पर निशाना साधा।",
    "{p} ने {d} में धरना देकर किसानों की मांगों का ज्ञापन सौंपा।",
    "{p} पंचायत चुनाव में समर्थित प्रत्याशी उतारेगी, इसकी घोषणा {t} होगी।",
];

/// Hindi sentences of everyday local news, which name no campaign event:
/// most of a real article's sentences are like these.
const HINDI_LOCAL: &[&str] = &[
    "{d} में सुबह से घना कोहरा छाया रहा और दृश्यता कम रही।",
    "जिला अस्पताल में मरीजों की भीड़ के कारण पर्चा काउंटर पर लंबी कतार लगी।",
    "नगर निगम ने मुख्य बाजार से अतिक्रमण हटाने का अभियान चलाया।",
    "बाजार में सब्जियों के दाम बढ़ने से आम लोग परेशान हैं।",
    "{d} पुलिस ने सड़क सुरक्षा अभियान के तहत वाहनों की जांच की।",
    "किसानों ने नहर में पानी न आने की शिकायत की।",
    "रेलवे स्टेशन पर यात्रियों की सुविधा के लिए नया प्रतीक्षालय बनाया जा रहा है।",
    "शहर के कई मोहल्लों में दो दिन से पेयजल आपूर्ति बाधित है।",
    "मौसम विभाग ने अगले दो दिनों में हल्की बारिश की संभावना जताई है।",
    "गन्ना किसानों के बकाया भुगतान को लेकर चीनी मिल प्रबंधन ने आश्वासन दिया।",
    "कार्यक्रम में बड़ी संख्या में महिलाएं और युवा मौजूद रहे।",
    "नगर के प्रमुख चौराहों पर स्वागत के लिए होर्डिंग लगाए गए हैं।",
    "जिला प्रशासन ने {d} में मतदान केंद्रों की नई सूची जारी कर दी है।",
    "{d} के कई गांवों में पानी और बिजली की समस्या को लेकर लोगों ने नाराजगी जताई।",
];

/// English sentences about the campaign, with {D}, {P}, {Q}, {L}, {T} and {n}.
const ENGLISH: &[&str] = &[
    "{L} of the {P} will address a rally in {D} {T}.",
    "Workers of the {P} met in {D} to review the booth committees.",
    "The {P} announced candidates for {n} seats in {D} district.",
    "{L} toured {D} and met party workers {T}.",
    "The {P} and the {Q} are in talks about an alliance for the assembly election.",
];

/// English sentences of everyday local news.
const ENGLISH_LOCAL: &[&str] = &[
    "Residents of {D} complained about long power cuts this week.",
    "Traffic was diverted near the collectorate for the programme.",
    "Fog delayed several trains at the {D} junction in the morning.",
    "The district hospital opened a new ward for children.",
    "Farmers in {D} waited for the canal water to be released.",
    "Prices of vegetables rose sharply in the local market.",
    "Local leaders said the membership drive would continue through the month.",
];

/// The share of sentences, in percent, that report the campaign; real
/// coverage has about three events in an article of twenty sentences.
const CAMPAIGN_SHARE: u8 = 20;

const OUTLETS: &[&str] = &[
    "Purvi Samachar (synthetic)",
    "Ganga Times (synthetic)",
    "Awadh Darpan (synthetic)",
    "Terai Express (synthetic)",
    "Kashi Patrika (synthetic)",
];

/// The names a generator fills its templates with.
struct Names {
    districts: Vec<(String, String)>,
    parties: Vec<(String, String)>,
    leaders: Vec<(String, String)>,
}

/// An endless, deterministic stream of synthetic articles.
pub struct Generator {
    rng: fastrand::Rng,
    names: Names,
    count: u64,
    /// Recent articles, some of which come again.
    recent: Vec<NewArticle>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        let g = Gazetteer::embedded().expect("the embedded gazetteer is valid");
        let short = |p: &crate::gazetteer::Party| {
            p.aliases
                .first()
                .cloned()
                .unwrap_or_else(|| p.name_hi.clone())
        };
        Generator {
            rng: fastrand::Rng::with_seed(seed),
            names: Names {
                districts: g
                    .districts
                    .iter()
                    .map(|d| (d.name_hi.clone(), d.name_en.clone()))
                    .collect(),
                parties: g
                    .parties
                    .iter()
                    .map(|p| (short(p), p.name_en.clone()))
                    .collect(),
                leaders: g
                    .people
                    .iter()
                    .map(|p| (p.name_hi.clone(), p.name_en.clone()))
                    .collect(),
            },
            count: 0,
            recent: Vec::new(),
        }
    }

    fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
        &items[rng.usize(..items.len())]
    }

    /// A date phrase near `day`, as a paper writes it.
    fn date_phrase(&mut self, day: NaiveDate, hindi: bool) -> String {
        let when = day + Days::new(self.rng.u64(0..20));
        let (d, m) = (
            chrono::Datelike::day(&when),
            chrono::Datelike::month0(&when) as usize,
        );
        if hindi {
            format!("{d} {} को", MONTHS_HI[m])
        } else {
            format!("on {} {d}", MONTHS_EN[m])
        }
    }

    fn sentence(
        &mut self,
        hindi: bool,
        campaign: bool,
        district: usize,
        party: usize,
        day: NaiveDate,
    ) -> String {
        let templates = match (hindi, campaign) {
            (true, true) => HINDI,
            (true, false) => HINDI_LOCAL,
            (false, true) => ENGLISH,
            (false, false) => ENGLISH_LOCAL,
        };
        let template = *Self::pick(&mut self.rng, templates);
        let other =
            (party + 1 + self.rng.usize(..self.names.parties.len() - 1)) % self.names.parties.len();
        let leader = self.rng.usize(..self.names.leaders.len());
        let t = self.date_phrase(day, hindi);
        let n = self.rng.u32(2..500).to_string();
        let (d, p, q, l) = (
            &self.names.districts[district],
            &self.names.parties[party],
            &self.names.parties[other],
            &self.names.leaders[leader],
        );
        template
            .replace("{d}", &d.0)
            .replace("{p}", &p.0)
            .replace("{q}", &q.0)
            .replace("{l}", &l.0)
            .replace("{D}", &d.1)
            .replace("{P}", &p.1)
            .replace("{Q}", &q.1)
            .replace("{L}", &l.1)
            .replace("{t}", &t)
            .replace("{T}", &t)
            .replace("{n}", &n)
    }

    fn fresh(&mut self) -> NewArticle {
        self.count += 1;
        let hindi = self.rng.u8(..10) < 8;
        let district = self.rng.usize(..self.names.districts.len());
        let party = self.rng.usize(..self.names.parties.len());
        let start = NaiveDate::from_ymd_opt(2020, 7, 1).expect("valid date");
        let day = start + Days::new(self.rng.u64(0..730));
        let ist = FixedOffset::east_opt(19_800).expect("IST");
        let published = ist
            .from_local_datetime(
                &day.and_hms_opt(self.rng.u32(6..23), self.rng.u32(0..60), 0)
                    .expect("valid time"),
            )
            .single();
        let target = self.rng.usize(2_000..6_000);
        let mut body = String::with_capacity(target + 200);
        while body.len() < target {
            let campaign = self.rng.u8(..100) < CAMPAIGN_SHARE;
            let s = self.sentence(hindi, campaign, district, party, day);
            body.push_str(&s);
            body.push(if self.rng.u8(..4) == 0 { '\n' } else { ' ' });
        }
        // Headlines are about the campaign.
        let title = self.sentence(hindi, true, district, party, day);
        let title = title.trim_end_matches(['।', '.']).to_string();
        let outlet = *Self::pick(&mut self.rng, OUTLETS);
        let (place_hi, place_en) = &self.names.districts[district];
        NewArticle {
            external_id: Some(format!("synthetic-{}", self.count)),
            url: Some(format!(
                "https://synthetic.chunav.example/{}/{}",
                self.count % 5,
                self.count
            )),
            outlet: Some(outlet.to_string()),
            title,
            standfirst: None,
            author: None,
            editor: None,
            dateline: Some(if hindi {
                format!("{place_hi}, संवाददाता")
            } else {
                place_en.to_uppercase()
            }),
            published,
            updated: None,
            language: Some(if hindi {
                Language::Hindi
            } else {
                Language::English
            }),
            body: body.trim_end().to_string(),
        }
    }
}

impl Iterator for Generator {
    type Item = NewArticle;

    /// About 3 in 100 articles are a copy of a recent one, and 2 in 100 a
    /// later version of one.
    fn next(&mut self) -> Option<NewArticle> {
        let roll = self.rng.u8(..100);
        if !self.recent.is_empty() && roll < 5 {
            let mut again = Self::pick(&mut self.rng, &self.recent).clone();
            if roll < 2 {
                again.updated = again.published.map(|p| p + chrono::Duration::hours(3));
                again.body.push_str(" (अद्यतन)");
            }
            return Some(again);
        }
        let article = self.fresh();
        if self.recent.len() == 64 {
            self.recent.remove(0);
        }
        self.recent.push(article.clone());
        Some(article)
    }
}

/// Writes `n` articles from `seed` as JSON Lines in chunav's import format.
pub fn write_jsonl(n: usize, seed: u64, out: &mut impl Write) -> std::io::Result<()> {
    for a in Generator::new(seed).take(n) {
        let record = serde_json::json!({
            "id": a.external_id,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "dateline": a.dateline,
            "published": a.published.map(|p| p.to_rfc3339()),
            "updated": a.updated.map(|p| p.to_rfc3339()),
            "language": a.language.map(|l| l.code()),
            "body": a.body,
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus() {
        let a: Vec<NewArticle> = Generator::new(7).take(50).collect();
        let b: Vec<NewArticle> = Generator::new(7).take(50).collect();
        assert_eq!(a, b);
        let c: Vec<NewArticle> = Generator::new(8).take(50).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn articles_look_like_coverage() {
        let articles: Vec<NewArticle> = Generator::new(1).take(400).collect();
        let hindi = articles
            .iter()
            .filter(|a| a.language == Some(Language::Hindi))
            .count();
        assert!((250..380).contains(&hindi), "{hindi} Hindi of 400");
        assert!(
            articles
                .iter()
                .all(|a| (2_000..7_000).contains(&a.body.len()))
        );
        let mut urls: Vec<&str> = articles.iter().filter_map(|a| a.url.as_deref()).collect();
        urls.sort();
        let total = urls.len();
        urls.dedup();
        assert!(total - urls.len() >= 8, "some articles come again");
        assert!(articles.iter().any(|a| a.updated.is_some()));
    }

    #[test]
    fn jsonl_imports() {
        let mut out = Vec::new();
        write_jsonl(30, 3, &mut out).unwrap();
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let mut report = crate::ingest::ImportReport::default();
        crate::ingest::import_reader(
            &mut store,
            "synthetic.jsonl",
            out.as_slice(),
            crate::ingest::Format::JsonLines,
            &Default::default(),
            &mut report,
        )
        .unwrap();
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        assert_eq!(report.imported + report.duplicates + report.updated, 30);
        assert!(report.imported >= 25);
    }
}
