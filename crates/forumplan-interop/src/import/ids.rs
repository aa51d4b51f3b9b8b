//! Ids for imported tasks and workstreams, made from their names.

use std::collections::HashSet;

use forumplan_core::plan::{EVENT_ID, slug};

/// Ids longer than this are cut at a word: names in committee sheets are
/// whole sentences.
const MAX_ID_LEN: usize = 48;

/// Hands out ids that are valid and unique among those it made.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// An id for `name`: its ASCII slug, cut to a readable length, or
    /// `fallback` when the name has no letter or digit; `-2`, `-3`… added
    /// when taken. Never `event`.
    pub(crate) fn make(&mut self, name: &str, fallback: &str) -> String {
        let mut base = slug(name);
        if base.len() > MAX_ID_LEN {
            let cut = base[..MAX_ID_LEN].rfind('-').unwrap_or(MAX_ID_LEN);
            base.truncate(cut);
        }
        if base.is_empty() {
            base = slug(fallback);
        }
        if base == EVENT_ID {
            base.push_str("-task");
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Reserves `id` as it is (an id the file itself gives); false when
    /// it was taken.
    pub(crate) fn keep(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_made_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("Gửi giấy mời", "row-3"), "gui-giay-moi");
        assert_eq!(ids.make("Gửi giấy mời", "row-4"), "gui-giay-moi-2");
        assert_eq!(ids.make("!!!", "row 5"), "row-5");
        assert_eq!(ids.make("Event", "x"), "event-task");
        let long = ids.make(
            "Xây dựng báo cáo đề dẫn của Diễn đàn và các tham luận chính của các phiên",
            "x",
        );
        assert!(long.len() <= MAX_ID_LEN && !long.ends_with('-'), "{long}");
    }
}
