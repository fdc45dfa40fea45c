//! Tags and notes from the interface, on the article or event the detail
//! pane shows: `T` edits its tags ("+urgent -done"; a bare word adds),
//! `n` its note, `f` puts it on or takes it off the follow-up list.

use super::{App, Detail, InputKind};
use crate::model::{FOLLOW_UP, Item};
use crate::text::fold;
use crate::tui::keymap::Action;
use crate::{Error, Result};

impl App {
    /// The article or event the detail pane shows.
    fn marked_item(&self) -> Option<Item> {
        match &self.detail {
            Detail::Article { article, .. } => Some(Item::Article(article.id)),
            Detail::Event { event, .. } => Some(Item::Event(event.id)),
            _ => None,
        }
    }

    pub(super) fn annotate(&mut self, action: Action) -> Result<()> {
        let Some(item) = self.marked_item() else {
            self.say("choose an article or an event first");
            return Ok(());
        };
        match action {
            Action::Tag => self.open_input(InputKind::Tags, String::new()),
            Action::Note => {
                // The box is one line; a note written elsewhere on several
                // lines is edited as one.
                let note = self.store.note(item)?.map(|n| n.text).unwrap_or_default();
                self.open_input(InputKind::Note, note.replace('\n', " "));
            }
            Action::FollowUp => {
                let tags = self.store.tags(item)?;
                let on = tags.iter().any(|t| fold(t) == fold(FOLLOW_UP));
                let tag = [FOLLOW_UP.to_string()];
                if on {
                    self.store.remove_tags(item, &tag)?;
                } else {
                    self.store.add_tags(item, &tag)?;
                }
                self.show_marks(item)?;
                let now = if on { "off" } else { "on" };
                self.say(&format!("{item} is {now} the follow-up list"));
            }
            _ => {}
        }
        Ok(())
    }

    /// Stores what the tags or note box holds for the shown item.
    pub(super) fn save_marks(&mut self, kind: InputKind, text: &str) -> Result<()> {
        let Some(item) = self.marked_item() else {
            return Ok(());
        };
        if kind == InputKind::Note {
            self.store.set_note(item, Some(text))?;
            self.show_marks(item)?;
            let what = if text.trim().is_empty() {
                "removed"
            } else {
                "saved"
            };
            self.say(&format!("note on {item} {what}"));
            return Ok(());
        }
        let (add, remove) = parse_tag_edit(text)?;
        self.store.add_tags(item, &add)?;
        let tags = self.store.remove_tags(item, &remove)?;
        self.show_marks(item)?;
        self.say(&format!("{item}: tags {}", shown_tags(&tags)));
        Ok(())
    }

    /// Puts the item's stored tags and note into its list row and the
    /// detail pane, without reloading either.
    fn show_marks(&mut self, item: Item) -> Result<()> {
        let tags = self.store.tags(item)?;
        let note = self.store.note(item)?.map(|n| n.text);
        match (item, &mut self.detail) {
            (Item::Article(id), Detail::Article { article, .. }) if article.id == id => {
                (article.tags, article.note) = (tags.clone(), note.clone());
            }
            (Item::Event(id), Detail::Event { event, .. }) if event.id == id => {
                (event.tags, event.note) = (tags.clone(), note.clone());
            }
            _ => {}
        }
        match item {
            Item::Article(id) => {
                for a in self.articles.rows.iter_mut().filter(|a| a.id == id) {
                    (a.tags, a.note) = (tags.clone(), note.clone());
                }
            }
            Item::Event(id) => {
                for e in self.events.rows.iter_mut().filter(|e| e.id == id) {
                    (e.tags, e.note) = (tags.clone(), note.clone());
                }
            }
        }
        Ok(())
    }
}

fn shown_tags(tags: &[String]) -> String {
    if tags.is_empty() {
        "none".into()
    } else {
        tags.join(" ")
    }
}

/// "+urgent -done checked": the tags to add (`+word` or a bare word) and
/// to remove (`-word`).
pub fn parse_tag_edit(text: &str) -> Result<(Vec<String>, Vec<String>)> {
    let (mut add, mut remove) = (Vec::new(), Vec::new());
    for word in text.split_whitespace() {
        match word.strip_prefix('-') {
            Some(tag) => remove.push(tag.to_string()),
            None => add.push(word.strip_prefix('+').unwrap_or(word).to_string()),
        }
    }
    if add.is_empty() && remove.is_empty() {
        return Err(Error::Invalid(
            "type +tag to add a tag or -tag to remove one".into(),
        ));
    }
    Ok((add, remove))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_edits_add_and_remove() {
        let (add, remove) = parse_tag_edit("+urgent -done checked  +जांच").unwrap();
        assert_eq!(add, ["urgent", "checked", "जांच"]);
        assert_eq!(remove, ["done"]);
        assert!(parse_tag_edit("   ").is_err());
    }
}
