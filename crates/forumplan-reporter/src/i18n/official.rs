//! Phrases of the status report as an administrative document (the Word
//! export, `export --format docx`): the national heading, the issuing
//! unit, the place-and-date line, the title, the recipients and the
//! signer, in the Vietnamese government format (Nghị định 30/2020/NĐ-CP)
//! and its English counterpart.

use chrono::{Datelike, NaiveDate};

use super::Lang;

/// A fixed phrase of the administrative document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // Each variant is its English text in `text`.
pub enum OfficialMsg {
    NationalName,
    Motto,
    OrganizingCommittee,
    Number,
    Title,
    Subject,
    Overview,
    Recipients,
    RecipientsLeads,
    Archive,
    OnBehalf,
    Signer,
    RowNumber,
    Place,
}

impl OfficialMsg {
    /// The phrase in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            OfficialMsg::NationalName => (
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SOCIALIST REPUBLIC OF VIET NAM",
            ),
            OfficialMsg::Motto => (
                "Độc lập - Tự do - Hạnh phúc",
                "Independence - Freedom - Happiness",
            ),
            OfficialMsg::OrganizingCommittee => ("BAN TỔ CHỨC", "ORGANIZING COMMITTEE"),
            // The number is given by the office that registers the
            // document: the blank is kept for it to fill in.
            OfficialMsg::Number => ("Số:        /BC-BTC", "No.:        /BC-BTC"),
            OfficialMsg::Title => ("BÁO CÁO", "REPORT"),
            OfficialMsg::Subject => ("Tiến độ chuẩn bị", "Preparation progress of"),
            OfficialMsg::Overview => ("Tình hình chung", "General situation"),
            OfficialMsg::Recipients => ("Nơi nhận:", "Recipients:"),
            OfficialMsg::RecipientsLeads => (
                "Thành viên Ban Tổ chức",
                "Members of the organizing committee",
            ),
            OfficialMsg::Archive => ("Lưu: VT, BTC.", "Filed: Office, Committee."),
            OfficialMsg::OnBehalf => ("TM. BAN TỔ CHỨC", "FOR THE ORGANIZING COMMITTEE"),
            OfficialMsg::Signer => ("TRƯỞNG BAN", "CHAIR"),
            OfficialMsg::RowNumber => ("STT", "No."),
            // No venue to take the place from: a blank the office fills in.
            OfficialMsg::Place => ("……………", "……………"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The place-and-date line: "Hà Nội, ngày 05 tháng 9 năm 2022" (the day
/// below 10 and the months 1 and 2 written with a leading zero, as the
/// decree asks), "Hà Nội, 5 September 2022" in English.
pub fn place_and_date(lang: Lang, place: &str, day: NaiveDate) -> String {
    match lang {
        Lang::Vi => {
            let month = match day.month() {
                m @ 1..=2 => format!("{m:02}"),
                m => m.to_string(),
            };
            format!(
                "{place}, ngày {:02} tháng {month} năm {}",
                day.day(),
                day.year()
            )
        }
        Lang::En => format!("{place}, {}", day.format("%-d %B %Y")),
    }
}

/// Where the document is issued, from the forum's venue: its last part
/// after a comma ("Trung tâm Hội nghị Quốc gia, Hà Nội" → "Hà Nội"), the
/// way a venue names its city last; a blank to fill in without a venue.
pub fn place(venue: Option<&str>) -> Option<&str> {
    let venue = venue?;
    let place = venue.rsplit(',').next().unwrap_or(venue).trim();
    (!place.is_empty()).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_date_line_pads_small_days_and_the_first_months() {
        assert_eq!(
            place_and_date(Lang::Vi, "Hà Nội", day(2022, 9, 13)),
            "Hà Nội, ngày 13 tháng 9 năm 2022"
        );
        assert_eq!(
            place_and_date(Lang::Vi, "Huế", day(2023, 2, 5)),
            "Huế, ngày 05 tháng 02 năm 2023"
        );
        assert_eq!(
            place_and_date(Lang::En, "Hà Nội", day(2022, 9, 5)),
            "Hà Nội, 5 September 2022"
        );
    }

    #[test]
    fn the_place_is_the_last_part_of_the_venue() {
        assert_eq!(
            place(Some("Trung tâm Hội nghị Quốc gia, Hà Nội")),
            Some("Hà Nội")
        );
        assert_eq!(place(Some("Đà Nẵng")), Some("Đà Nẵng"));
        assert_eq!(place(Some("Hội trường, ")), None);
        assert_eq!(place(None), None);
    }
}
